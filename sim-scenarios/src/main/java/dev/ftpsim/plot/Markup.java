package dev.ftpsim.plot;

/** Text made safe inside XML and HTML elements and attribute values: the SVG plots, the ladders and the report page. */
public final class Markup {
    private Markup() { }

    /**
     * Escapes the five markup characters ({@code &#39;} for the apostrophe, valid in XML and HTML
     * alike) and replaces what XML 1.0 forbids in a document: line breaks and tabs become spaces,
     * other control characters and U+FFFE/U+FFFF a question mark.
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
                default -> out.append(c < 0x20 || c == 0xfffe || c == 0xffff ? '?' : c);
            }
        }
        return out.toString();
    }
}
