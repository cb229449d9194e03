package dev.ftpsim.plot;

import java.util.List;

/**
 * A panel's plot area and its furniture: the box, grid, tick labels, axis titles in words, the
 * panel's title and a legend on the right. Charts draw their data inside it with {@link #px} and
 * {@link #py} (a value axis) or {@link #categoryCenter} (categories).
 */
final class Frame {
    static final Rgb INK = Rgb.BLACK;
    static final Rgb GRID = new Rgb(0xe4e4e4);
    static final Rgb MUTED = new Rgb(0x555555);
    private static final double LEFT = 78;
    private static final double RIGHT = 250;
    private static final double TOP = 30;
    private static final double BOTTOM = 46;

    final double left;
    final double top;
    final double right;
    final double bottom;

    Frame(final double x, final double y, final double w, final double h) {
        this(x, y, w, h, 0);
    }

    /** @param extraBottom room for a row of labels under the plot area */
    Frame(final double x, final double y, final double w, final double h, final double extraBottom) {
        left = x + LEFT;
        top = y + TOP;
        right = x + w - RIGHT;
        bottom = y + h - BOTTOM - extraBottom;
    }

    double px(final Axis a, final double v) {
        return a.map(v, left, right);
    }

    double py(final Axis a, final double v) {
        return a.map(v, bottom, top);
    }

    double categoryWidth(final int categories) {
        return (right - left) / Math.max(1, categories);
    }

    double categoryCenter(final int i, final int categories) {
        return left + (i + 0.5) * categoryWidth(categories);
    }

    /** Title, box, the y axis with its grid, and the y axis title. */
    void drawBase(final Canvas c, final String title, final Axis y, final String yTitle) {
        c.text(left, top - 10, title, 14, Canvas.Anchor.START, false, true, INK);
        c.begin("y-axis");
        for (final double t : y.ticks()) {
            final double py = py(y, t);
            c.line(left, py, right, py, GRID, 1, false);
            c.text(left - 6, py + 4, y.label(t), 11, Canvas.Anchor.END, false, false, INK);
        }
        c.text(left - 60, (top + bottom) / 2, yTitle, 12, Canvas.Anchor.MIDDLE, true, false, INK);
        c.end();
        c.rect(left, top, right - left, bottom - top, null, MUTED);
    }

    /** A numeric x axis with its title. */
    void drawX(final Canvas c, final Axis x, final String xTitle) {
        c.begin("x-axis");
        for (final double t : x.ticks()) {
            final double px = px(x, t);
            c.line(px, bottom, px, bottom + 4, MUTED, 1, false);
            c.text(px, bottom + 16, x.label(t), 11, Canvas.Anchor.MIDDLE, false, false, INK);
        }
        c.text((left + right) / 2, bottom + 36, xTitle, 12, Canvas.Anchor.MIDDLE, false, false, INK);
        c.end();
    }

    /** Category names under their slots, with the axis title. */
    void drawCategories(final Canvas c, final List<String> categories, final String xTitle) {
        drawCategories(c, categories, xTitle, 0);
    }

    /** Category names {@code below} pixels lower than usual, leaving a row for labels of each bar. */
    void drawCategories(final Canvas c, final List<String> categories, final String xTitle, final double below) {
        c.begin("x-axis");
        final double w = categoryWidth(categories.size());
        for (int i = 0; i < categories.size(); i++) {
            final double cx = categoryCenter(i, categories.size());
            if (i > 0) {
                c.line(cx - w / 2, bottom, cx - w / 2, bottom + 4, MUTED, 1, false);
            }
            c.text(cx, bottom + 16 + below, fit(categories.get(i), w, 11), 11, Canvas.Anchor.MIDDLE, false, false, INK);
        }
        c.text((left + right) / 2, bottom + 36 + below, xTitle, 12, Canvas.Anchor.MIDDLE, false, false, INK);
        c.end();
    }

    /** One legend line per entry, right of the plot area; a swatch of the entry's colour. */
    void drawLegend(final Canvas c, final List<String> labels, final List<Rgb> colors) {
        c.begin("legend");
        double y = top + 6;
        for (int i = 0; i < labels.size(); i++) {
            c.rect(right + 12, y, 12, 10, colors.get(i), null);
            c.text(right + 30, y + 9, fit(labels.get(i), RIGHT - 40, 11), 11, Canvas.Anchor.START, false, false, INK);
            y += 16;
        }
        c.end();
    }

    /** {@code s}, cut with an ellipsis to fit {@code width} pixels. */
    static String fit(final String s, final double width, final double size) {
        if (Canvas.textWidth(s, size) <= width) {
            return s;
        }
        final int keep = Math.max(1, (int) (width / (size * 0.55)) - 1);
        return s.substring(0, Math.min(s.length(), keep)) + "…";
    }
}
