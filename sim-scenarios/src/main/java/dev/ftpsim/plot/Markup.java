package dev.ftpsim.plot;

/** Text made safe inside XML and HTML elements and attribute values: the SVG plots, the ladders and the report page. */
public final class Markup {
    private Markup() { }

    /**
     * Escapes the five markup characters ({@code &#39;} for the apostrophe, valid in XML and HTML
     * alike) and replaces what XML 1.0 forbids in a document: line breaks and tabs become spaces,
     * other control characters and U+FFFE/U+FFFF a question mark; C1 controls, the line and
     * paragraph separators and the bidirectional controls are shown as {@code \}{@code uXXXX}
     * ({@link #visible}): an override would display the rest of a cell or line reversed.
     */
    public static String escape(final String s) {
        final StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(' ');
                default -> {
                    if (c < 0x20 || c == 0xfffe || c == 0xffff) {
                        out.append('?');
                    } else if (hidden(c)) {
                        // a C1 control or a bidi override: shown, so the text displays in the order it reads
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * {@code s} with what would act instead of show written as {@code \}{@code uXXXX}: control
     * characters (ESC starts a terminal's escape sequence, a line break or NEL a new line, C1
     * controls act in some terminals), the line and paragraph separators, and the bidirectional
     * controls that make text display in another order than it reads (Unicode TR9; "Trojan
     * Source", CVE-2021-42574). For the terminal and plain-text outputs.
     */
    public static String visible(final String s) {
        int i = 0;
        while (i < s.length() && !hidden(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        final StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (hidden(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #visible} writes {@code c} as {@code \}{@code uXXXX}. */
    public static boolean hidden(final char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 || c == 0x2029;
    }
}
