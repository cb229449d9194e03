package dev.ftpsim.core.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON parser's complaint in the words of someone who writes JSON by hand (or reads
 * {@code nft -j} output): the parser's feature switches, its source descriptions and its
 * character codes are left out, since a user can neither set nor use them.
 */
public final class JsonWords {
    private static final String VALUE = "a string, number, array, object, true, false or null";
    private static final Pattern CHAR = Pattern.compile("\\('(.*?)' \\(code (\\d+)\\)\\)");

    private JsonWords() {
    }

    /** The first line of the parser's message {@code m}, worded for a user. */
    public static String say(final String message) {
        String m = message == null ? "" : message.strip();
        final int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        final String found = found(m);
        if (m.contains("maybe a (non-standard) comment")) {
            return "JSON has no comments (found '" + found + "')";
        }
        if (m.startsWith("Non-standard token '")) {
            return "'" + between(m, "'", "'") + "' is not a JSON number";
        }
        if (m.startsWith("Unexpected end-of-input: expected close marker for Array")) {
            return "the file ends inside an array: a ']' is missing";
        }
        if (m.startsWith("Unexpected end-of-input: expected close marker for Object")) {
            return "the file ends inside an object: a '}' is missing";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return m.contains("String") ? "the file ends inside a string: a '\"' is missing" : "the file ends too early";
        }
        if (m.contains("was expecting double-quote to start field name")) {
            return "expected a key in double quotes, found '" + found + "'";
        }
        if (m.contains("was expecting comma to separate Array entries")) {
            return "expected ',' or ']' after a value in an array, found '" + found + "'";
        }
        if (m.contains("was expecting comma to separate Object entries")) {
            return "expected ',' or '}' after a value in an object, found '" + found + "'";
        }
        if (m.contains("was expecting a colon to separate field name and value")) {
            return "expected ':' after a key, found '" + found + "'";
        }
        if (m.startsWith("Unexpected character") && (m.contains("expected a valid value") || m.contains("expected a value"))) {
            return "expected a value (" + VALUE + "), found '" + found + "'";
        }
        if (m.startsWith("Unrecognized token '")) {
            return "'" + between(m, "'", "'") + "' is not a JSON value (" + VALUE + ")";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character inside a string must be written as an escape (\\t, \\n, \\u0009...)";
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "'\\" + between(m, "'", "'") + "' is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX are)";
        }
        if (m.startsWith("Invalid numeric value: Leading zeroes")) {
            return "a JSON number does not start with 0 (leading zeroes)";
        }
        // anything else: without feature switches, source descriptions and character codes
        m = m.replaceAll(":? *enable `[^`]*` to allow", "")
                .replaceAll(" *\\((?:not recognized as one since )?Feature [^)]*\\)", "")
                .replaceAll(" *\\(start marker at \\[Source:.*", "")
                .replaceAll(" *\\[Source:.*", "")
                .replaceAll("`?\\w+Feature\\.\\w+`?", "");
        return CHAR.matcher(m).replaceAll(r -> Matcher.quoteReplacement("'" + r.group(1) + "'")).strip();
    }

    private static String found(final String m) {
        final Matcher c = CHAR.matcher(m);
        return c.find() ? c.group(1) : "";
    }

    private static String between(final String m, final String open, final String close) {
        final int a = m.indexOf(open);
        final int b = a < 0 ? -1 : m.indexOf(close, a + open.length());
        return b < 0 ? "" : m.substring(a + open.length(), b);
    }
}
