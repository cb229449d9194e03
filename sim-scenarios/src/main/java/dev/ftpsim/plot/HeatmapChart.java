package dev.ftpsim.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A two-parameter sweep at a glance: one cell per pair of values, shaded from light (lowest mean)
 * to dark (highest), the mean written in it; a cell without a value is grey with a dash.
 */
public final class HeatmapChart implements Figure.Panel {
    private static final Rgb LOW = new Rgb(0xf7fbff);
    private static final Rgb HIGH = new Rgb(0x08306b);
    private static final Rgb NONE = new Rgb(0xdddddd);

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final String valueTitle;
    private final List<String> xs;
    private final List<String> ys;
    private final double[][] values;

    /** @param values {@code values[row][column]}: row per {@code ys}, column per {@code xs} */
    public HeatmapChart(final String title, final String xTitle, final String yTitle, final String valueTitle,
            final List<String> xs, final List<String> ys, final double[][] values) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.valueTitle = valueTitle;
        this.xs = List.copyOf(xs);
        this.ys = List.copyOf(ys);
        this.values = values.clone();
    }

    @Override
    public double height() {
        return Math.max(300, 90 + 46.0 * ys.size());
    }

    @Override
    public void draw(final Canvas c, final double x, final double y, final double w, final double h) {
        final Frame f = new Frame(x, y, w, h);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final double[] row : values) {
            for (final double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        c.text(f.left, f.top - 10, title, 14, Canvas.Anchor.START, false, true, Rgb.BLACK);
        final double cw = (f.right - f.left) / Math.max(1, xs.size());
        final double ch = (f.bottom - f.top) / Math.max(1, ys.size());
        c.begin("heatmap");
        for (int r = 0; r < ys.size(); r++) {
            for (int k = 0; k < xs.size(); k++) {
                c.rect(f.left + k * cw, f.top + r * ch, cw, ch, shade(values[r][k], lo, hi), Rgb.WHITE);
            }
        }
        c.end();
        c.begin("cell-values");
        for (int r = 0; r < ys.size(); r++) {
            for (int k = 0; k < xs.size(); k++) {
                final double v = values[r][k];
                final boolean dark = Double.isFinite(v) && hi > lo && (v - lo) / (hi - lo) > 0.5;
                c.text(f.left + (k + 0.5) * cw, f.top + (r + 0.5) * ch + 4, Double.isFinite(v) ? format(v) : "–", 11,
                        Canvas.Anchor.MIDDLE, false, false, dark ? Rgb.WHITE : Rgb.BLACK);
            }
        }
        c.end();
        c.begin("y-axis");
        for (int r = 0; r < ys.size(); r++) {
            c.text(f.left - 6, f.top + (r + 0.5) * ch + 4, Frame.fit(ys.get(r), 64, 11), 11, Canvas.Anchor.END, false,
                    false, Rgb.BLACK);
        }
        c.text(f.left - 70, (f.top + f.bottom) / 2, yTitle, 12, Canvas.Anchor.MIDDLE, true, false, Rgb.BLACK);
        c.end();
        f.drawCategories(c, xs, xTitle);
        c.begin("legend");
        c.text(f.right + 12, f.top + 10, Frame.fit(valueTitle, 210, 11), 11, Canvas.Anchor.START, false, false,
                Rgb.BLACK);
        final int steps = hi > lo ? 5 : 1;
        for (int i = 0; i < steps; i++) {
            final double v = Double.isFinite(lo) ? lo + (hi - lo) * i / Math.max(1, steps - 1) : Double.NaN;
            c.rect(f.right + 12, f.top + 20 + i * 16, 14, 14, shade(v, lo, hi), null);
            c.text(f.right + 32, f.top + 31 + i * 16, Double.isFinite(v) ? format(v) : "no value", 11,
                    Canvas.Anchor.START, false, false, Rgb.BLACK);
        }
        c.end();
    }

    private static Rgb shade(final double v, final double lo, final double hi) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        final double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        return new Rgb(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
                mix(LOW.getBlue(), HIGH.getBlue(), t));
    }

    private static int mix(final int a, final int b, final double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    /** Three significant digits, as the sweep's console table. */
    static String format(final double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
