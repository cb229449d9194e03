package dev.ftpsim.explain;

/**
 * A scenario's own text (its name, a rule with its comment, a file name) made to render in
 * Markdown as the literal text: explain.md is read in renderers (GitHub, an IDE) that display
 * inline HTML and follow links, so {@code <b onmouseover=...>} in a name would be markup there,
 * and {@code *} or {@code [x](y)} would restructure the line. Rules are CommonMark's (0.31):
 * any ASCII punctuation may be escaped with a backslash (section 2.4), where backslashes are
 * literal in code spans (6.1).
 */
public final class MarkdownText {
    private MarkdownText() {}

    /**
     * {@code s} as Markdown inline text: the characters that open markup (HTML, entities, emphasis,
     * links, code, tables, strikethrough) escaped, a line-start marker ({@code #}, {@code >}, a
     * list item's) neutralized, and characters that would change the document or hide as they
     * render shown as {@code \}{@code uXXXX}.
     */
    static String text(final String s) {
        final StringBuilder out = new StringBuilder(s.length() + 8);
        int start = 0;
        // A list item or heading the text would open where it starts a line ("- # x", "- 1. x").
        if (!s.isEmpty() && "#>+-=".indexOf(s.charAt(0)) >= 0) {
            out.append('\\').append(s.charAt(0));
            start = 1;
        } else {
            int digits = 0;
            while (digits < s.length() && digits < 10 && Character.isDigit(s.charAt(digits)) && s.charAt(digits) < 128) {
                digits++;
            }
            if (digits > 0 && digits < s.length() && (s.charAt(digits) == '.' || s.charAt(digits) == ')')) {
                out.append(s, 0, digits).append('\\').append(s.charAt(digits));
                start = digits + 1;
            }
        }
        for (int i = start; i < s.length(); i++) {
            final char c = s.charAt(i);
            // '>' inside a line opens nothing (a quote only where a line starts, escaped above; a
            // tag or autolink needs the '<' escaped here): bare, so "a -> b" reads so in the terminal
            if ("\\`*[]<&|~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '_') {
                // Inside a word (port_promiscuous) an underscore opens no emphasis (CommonMark 6.2): left bare there.
                final boolean inWord = i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                        && Character.isLetterOrDigit(s.charAt(i + 1));
                out.append(inWord ? "_" : "\\_");
            } else if (hidden(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code s} as a code span: fenced by one backtick more than its longest run of backticks,
     * with a space inside each fence where it starts or ends with a backtick (6.1 strips one
     * space each side), and the characters {@link #text} shows as {@code \}{@code uXXXX} shown so
     * (a line break would end the span's line and could start a heading).
     */
    static String code(final String s) {
        final StringBuilder body = new StringBuilder(s.length());
        int run = 0;
        int longest = 0;
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
            body.append(hidden(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        final String fence = "`".repeat(longest + 1);
        final boolean pad = !s.isEmpty() && (s.charAt(0) == '`' || s.charAt(s.length() - 1) == '`'
                || s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank());
        return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
    }

    /**
     * Markdown written with {@link #text} and {@link #code} read back as the text a reader sees:
     * a backslash before ASCII punctuation dropped outside code spans, code spans (fences kept)
     * copied as they are. For report.html, which shows explain.md as preformatted text.
     */
    public static String plain(final String markdown) {
        final StringBuilder out = new StringBuilder(markdown.length());
        int i = 0;
        while (i < markdown.length()) {
            final char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                out.append(markdown.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int n = 0;
                while (i + n < markdown.length() && markdown.charAt(i + n) == '`') {
                    n++;
                }
                final int end = closingFence(markdown, i + n, n);
                final int to = end < 0 ? i + n : end + n;
                out.append(markdown, i, to);
                i = to;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Where a run of exactly {@code n} backticks starts at or after {@code from} on the same line, or -1. */
    private static int closingFence(final String s, final int from, final int n) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\n') {
            if (s.charAt(i) != '`') {
                i++;
                continue;
            }
            int m = 0;
            while (i + m < s.length() && s.charAt(i + m) == '`') {
                m++;
            }
            if (m == n) {
                return i;
            }
            i += m;
        }
        return -1;
    }

    private static boolean isAsciiPunctuation(final char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }

    private static boolean hidden(final char c) {
        return dev.ftpsim.plot.Markup.hidden(c);
    }
}
