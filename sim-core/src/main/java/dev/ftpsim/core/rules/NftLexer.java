package dev.ftpsim.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits nft text into words, quoted strings, punctuation and line ends. Addresses, ranges,
 * prefixes and names stay whole words ({@code fe80::/64}, {@code 1.2.3.4-1.2.3.8},
 * {@code [2001:db8::1]:21}, {@code lan.log_limit}); a lone {@code .} or {@code :} between spaces is
 * the concatenation or map operator, as nft users write them. A backslash before a line end joins
 * lines; {@code #} starts a comment, and a {@code # handle N} comment records the handle of its line.
 */
final class NftLexer {
    /** Token kinds. */
    enum Kind { WORD, STRING, PUNCT, NEWLINE, EOF }

    /** A token; for PUNCT the text is the operator. */
    record Token(Kind kind, String text, Pos pos) {
        boolean is(final String s) {
            return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s);
        }
    }

    private static final String PUNCT1 = "{}();,@$=<>&|^!";
    private static final Pattern HANDLE = Pattern.compile("\\bhandle (\\d+)\\s*$");

    private NftLexer() {
    }

    /** Tokens of {@code text}; handles from {@code # handle N} comments go into {@code handles} by line. */
    static List<Token> lex(final String file, final String text, final Map<Integer, Long> handles,
            final List<RuleError> errors) {
        final List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int junkLine = 0;
        final int n = text.length();
        while (i < n) {
            final char c = text.charAt(i);
            final Pos pos = new Pos(file, line, i - lineStart + 1);
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", pos));
                line++;
                lineStart = ++i;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n'
                    || text.charAt(i + 1) == '\r' && i + 2 < n && text.charAt(i + 2) == '\n')) {
                i = text.indexOf('\n', i) + 1;
                line++;
                lineStart = i;
            } else if (c == '#') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                final Matcher m = HANDLE.matcher(text.substring(i, end));
                if (m.find()) {
                    try {
                        handles.put(line, Long.parseUnsignedLong(m.group(1))); // the kernel's handles are u64
                    } catch (final NumberFormatException e) {
                        // more digits than a handle has: a comment like any other, as nft reads it
                    }
                }
                i = end;
            } else if (c == '"') {
                final int end = text.indexOf('"', i + 1);
                final int eol = text.indexOf('\n', i + 1);
                if (end < 0 || eol >= 0 && eol < end) {
                    errors.add(new RuleError(pos, "unterminated string"));
                    i = eol < 0 ? n : eol;
                } else {
                    // nft copies a quoted string with strdup: it ends at a NUL byte (iifname "et\0h0" is "et")
                    final String s = text.substring(i + 1, end);
                    final int nul = s.indexOf('\0');
                    out.add(new Token(Kind.STRING, nul < 0 ? s : s.substring(0, nul), pos));
                    i = end + 1;
                }
            } else if (PUNCT1.indexOf(c) >= 0) {
                final String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")
                        || two.equals("<<") || two.equals(">>")) {
                    out.add(new Token(Kind.PUNCT, two, pos));
                    i += 2;
                } else {
                    out.add(new Token(Kind.PUNCT, String.valueOf(c), pos));
                    i++;
                }
            } else if (junk(c)) {
                if (junkLine != line) { // one error a line: a file of other text is not an error a character
                    errors.add(new RuleError(pos, "syntax error, unexpected junk"));
                    junkLine = line;
                }
                i++;
            } else {
                int j = i;
                while (j < n && !junk(text.charAt(j)) && text.charAt(j) != ' ' && text.charAt(j) != '\t'
                        && text.charAt(j) != '\r' && text.charAt(j) != '\n' && PUNCT1.indexOf(text.charAt(j)) < 0
                        && text.charAt(j) != '"' && text.charAt(j) != '#') {
                    j++;
                }
                out.add(new Token(Kind.WORD, text.substring(i, j), pos));
                i = j;
            }
        }
        out.add(new Token(Kind.EOF, "", new Pos(file, line, i - lineStart + 1)));
        return out;
    }

    /**
     * A character nft's scanner (src/scanner.l) matches only with its catch-all rule, outside strings
     * and comments: control characters, DEL and anything not ASCII (a form feed, an em space).
     */
    private static boolean junk(final char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F;
    }
}
