package dev.ftpsim.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A panel of series against time, each drawn as given (a staircase when the caller passes steps),
 * with optional limit lines (a table's maximum, dashed) and event marks (short ticks along the
 * bottom, one where something happened).
 */
public final class StepChart implements Figure.Panel {
    private record Series(String label, double[] x, double[] y, Rgb color) {}

    private record Limit(String label, double value, Rgb color) {}

    private final String title;
    private final String yTitle;
    private final String xTitle;
    private final boolean counts;
    private final double xEnd;
    private final List<Series> series = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private String marksLabel;
    private double[] marks = new double[0];

    /**
     * @param counts whole-number values (integer ticks)
     * @param xEnd the time axis's end (the run's last sample)
     */
    public StepChart(final String title, final String yTitle, final String xTitle, final boolean counts,
            final double xEnd) {
        this.title = title;
        this.yTitle = yTitle;
        this.xTitle = xTitle;
        this.counts = counts;
        this.xEnd = xEnd;
    }

    public StepChart series(final String label, final double[] x, final double[] y) {
        series.add(new Series(label, x, y, Figure.color(series.size())));
        return this;
    }

    /** A dashed horizontal line at {@code value}; said in the legend when it is off the scale. */
    public StepChart limit(final String label, final double value) {
        limits.add(new Limit(label, value, new Rgb(0xc0392b)));
        return this;
    }

    /** Ticks along the bottom at each time in {@code at}. */
    public StepChart marks(final String label, final double[] at) {
        marksLabel = label;
        marks = at.clone();
        return this;
    }

    /**
     * Keeps, of the points falling in one pixel column, the first, the lowest, the highest and the
     * last (in their order): the line looks the same, and a long noisy series costs at most four
     * points per column of the plot however many it had. Compacts in place; returns the count.
     */
    static int onePixelColumnEach(final double[] x, final double[] y) {
        int out = 0;
        for (int i = 0; i < x.length; ) {
            final long col = Math.round(x[i]);
            int j = i;
            int lo = i;
            int hi = i;
            while (j + 1 < x.length && Math.round(x[j + 1]) == col) {
                j++;
                lo = y[j] > y[lo] ? j : lo; // pixel y grows downwards: the lowest value has the largest y
                hi = y[j] < y[hi] ? j : hi;
            }
            final int[] keep = {i, Math.min(lo, hi), Math.max(lo, hi), j};
            for (final int k : keep) {
                if (out > 0 && x[out - 1] == x[k] && y[out - 1] == y[k]) {
                    continue;
                }
                x[out] = x[k];
                y[out] = y[k];
                out++;
            }
            i = j + 1;
        }
        return out;
    }

    @Override
    public double height() {
        return 250;
    }

    @Override
    public void draw(final Canvas c, final double x, final double y, final double w, final double h) {
        final Frame f = new Frame(x, y, w, h);
        double max = 0;
        for (final Series s : series) {
            for (final double v : s.y) {
                max = Math.max(max, v);
            }
        }
        // A limit joins the scale unless it would flatten the data to a line along the bottom.
        final List<Limit> drawn = new ArrayList<>();
        for (final Limit l : limits) {
            if (l.value <= Math.max(1, max) * 4) {
                drawn.add(l);
                max = Math.max(max, l.value);
            }
        }
        final Axis ya = Axis.of(0, max, counts);
        final Axis xa = Axis.of(0, xEnd, false);
        f.drawBase(c, title, ya, yTitle);
        f.drawX(c, xa, xTitle);
        final List<String> labels = new ArrayList<>();
        final List<Rgb> colors = new ArrayList<>();
        c.begin("series");
        for (final Series s : series) {
            final double[] px = new double[s.x.length];
            final double[] py = new double[s.y.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = f.px(xa, s.x[i]);
                py[i] = f.py(ya, s.y[i]);
            }
            final int n = onePixelColumnEach(px, py);
            c.polyline(px, py, n, s.color, 1.5);
            labels.add(s.label);
            colors.add(s.color);
        }
        c.end();
        for (final Limit l : limits) {
            if (drawn.contains(l)) {
                c.begin("limit");
                final double py = f.py(ya, l.value);
                c.line(f.left, py, f.right, py, l.color, 1.5, true);
                c.text(f.right - 4, py - 4, l.label, 11, Canvas.Anchor.END, false, false, l.color);
                c.end();
                labels.add(l.label);
            } else {
                labels.add(l.label + " (off scale)");
            }
            colors.add(l.color);
        }
        if (marksLabel != null) {
            final Rgb mc = new Rgb(0x6a3d9a);
            final double[] px = new double[marks.length];
            for (int i = 0; i < marks.length; i++) {
                px[i] = f.px(xa, marks[i]);
            }
            c.begin("marks");
            c.ticks(px, px.length, f.bottom - 10, f.bottom, mc);
            c.end();
            labels.add(marksLabel);
            colors.add(mc);
        }
        f.drawLegend(c, labels, colors);
    }
}
