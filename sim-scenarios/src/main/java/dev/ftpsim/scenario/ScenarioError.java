package dev.ftpsim.scenario;

import java.util.Comparator;

/**
 * One problem in a scenario file, located like Jackson's {@code JsonLocation}: the file, a 1-based
 * line and column (-1 when unknown), plus the key path of the setting ({@code links[1].loss}) and
 * a message that says what was expected.
 *
 * @param file the file as the user named it
 * @param line 1-based, or -1
 * @param column 1-based, or -1
 * @param path key path such as {@code firewall.fw.forward.rules[2]}; empty for the whole file
 * @param message what is wrong and what was expected
 */
public record ScenarioError(String file, int line, int column, String path, String message) {
    /** Longest piece of the user's text an error quotes; longer ones are cut to this and "...". */
    public static final int EXCERPT = 40;

    /** Shortens every long quoted piece and long word of the message: a 1 GiB token is not echoed. */
    public ScenarioError {
        message = shorten(visible(message));
        path = shorten(visible(path));
    }

    /**
     * {@code text} with what a terminal would act on written out as escapes: line breaks and other
     * control characters (a YAML "\n" or "\e" escape puts them in a key or value), so that an error
     * stays one line and cannot move the cursor or colour the screen, and the Unicode line
     * separators and bidirectional overrides, which would reorder what is shown.
     */
    static String visible(final String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean hide = c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029
                    || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
            if (hide && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!hide) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * {@code text} with each quoted piece longer than {@link #EXCERPT} and each word more than
     * twice as long cut short. One pass, no regular expression: linear in the text's length.
     */
    static String shorten(final String text) {
        if (text.length() <= EXCERPT) {
            return text;
        }
        final StringBuilder sb = new StringBuilder();
        int i = 0;
        final int n = text.length();
        while (i < n) {
            final char c = text.charAt(i);
            if (opensQuote(text, i)) {
                int close = i + 1;
                while (close < n && text.charAt(close) != c && text.charAt(close) != '\n') {
                    close++;
                }
                if (close < n && text.charAt(close) == c) {
                    sb.append(c).append(excerpt(text.substring(i + 1, close))).append(c);
                    i = close + 1;
                    continue;
                }
                sb.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(text.charAt(end)) && !opensQuote(text, end)) {
                end++;
            }
            if (end == i) {
                sb.append(c);
                i++;
            } else {
                final String word = text.substring(i, end);
                sb.append(word.length() > 2 * EXCERPT ? excerpt(word) : word);
                i = end;
            }
        }
        return sb.toString();
    }

    /**
     * Whether a quote at {@code i} opens a quoted piece: one not right after a letter or digit, so
     * the apostrophe of "IPv6's" or "vsftpd's" is part of its word, not the start of a quotation
     * that would run to the next apostrophe and be cut as one.
     */
    private static boolean opensQuote(final String text, final int i) {
        final char c = text.charAt(i);
        return (c == '\'' || c == '"') && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
    }

    /** The first {@link #EXCERPT} characters and "...", or the text when it is short. */
    public static String excerpt(final String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
    }

    /** Sorts by file, line, column, then path: the order a reader meets the problems. */
    public static final Comparator<ScenarioError> BY_POSITION = Comparator.comparing(ScenarioError::file)
            .thenComparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column)
            .thenComparing(ScenarioError::path);

    /** {@code file:line:column: key.path: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
