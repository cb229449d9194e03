package dev.ftpsim.plot;

import java.util.Locale;

/**
 * A {@link Canvas} that writes SVG 1.1: text as {@code <text>} (searchable, a few dozen bytes each,
 * where glyphs drawn as paths cost kilobytes), each polyline as one {@code <polyline>}, and
 * coordinates to a tenth of a pixel. The same drawing gives the same bytes.
 */
public final class SvgCanvas implements Canvas {
    private final StringBuilder b = new StringBuilder(1 << 14);
    private final int width;
    private final int height;

    public SvgCanvas(final int width, final int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Rgb color,
            final double w, final boolean dashed) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(rgb(color))
                .append("\" stroke-width=\"").append(n(w)).append('"');
        if (dashed) {
            b.append(" stroke-dasharray=\"6 4\"");
        }
        b.append("/>\n");
    }

    @Override
    public void polyline(final double[] x, final double[] y, final int count, final Rgb color, final double w) {
        if (count == 0) {
            return;
        }
        b.append("<polyline fill=\"none\" stroke=\"").append(rgb(color)).append("\" stroke-width=\"").append(n(w))
                .append("\" points=\"");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(n(x[i])).append(',').append(n(y[i]));
        }
        b.append("\"/>\n");
    }

    @Override
    public void rect(final double x, final double y, final double w, final double h, final Rgb fill,
            final Rgb stroke) {
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : rgb(fill))
                .append('"');
        if (stroke != null) {
            b.append(" stroke=\"").append(rgb(stroke)).append('"');
        }
        b.append("/>\n");
    }

    @Override
    public void circle(final double cx, final double cy, final double r, final Rgb fill) {
        b.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(rgb(fill)).append("\"/>\n");
    }

    @Override
    public void ticks(final double[] x, final int count, final double y0, final double y1, final Rgb color) {
        if (count == 0) {
            return;
        }
        b.append("<path stroke=\"").append(rgb(color)).append("\" d=\"");
        for (int i = 0; i < count; i++) {
            b.append('M').append(n(x[i])).append(' ').append(n(y0)).append('V').append(n(y1));
        }
        b.append("\"/>\n");
    }

    @Override
    public void text(final double x, final double y, final String s, final double size, final Anchor anchor,
            final boolean vertical, final boolean bold, final Rgb color) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"');
        if (anchor != Anchor.START) {
            b.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (vertical) {
            b.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        if (bold) {
            b.append(" font-weight=\"bold\"");
        }
        if (!Rgb.BLACK.equals(color)) {
            b.append(" fill=\"").append(rgb(color)).append('"');
        }
        b.append('>').append(Markup.escape(s)).append("</text>\n");
    }

    @Override
    public void begin(final String role) {
        b.append("<g class=\"").append(Markup.escape(role)).append("\">\n");
    }

    @Override
    public void end() {
        b.append("</g>\n");
    }

    /** The document. */
    public String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\""
                + height + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\">\n"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                + b + "</svg>\n";
    }

    /** A tenth of a pixel is finer than any screen shows; "12" rather than "12.0". */
    private static String n(final double v) {
        final long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private static String rgb(final Rgb c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
