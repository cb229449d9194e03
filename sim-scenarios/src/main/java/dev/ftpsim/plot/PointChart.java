package dev.ftpsim.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Means with 95% interval whiskers over categories: one group per category, the series side by
 * side inside it, never joined by lines (a line between "active" and "passive" would invent values
 * between them). A mean that is not a number leaves its slot empty.
 */
public final class PointChart implements Figure.Panel {
    private record Series(String label, double[] mean, double[] half) {}

    private final String title;
    private final String yTitle;
    private final String xTitle;
    private final boolean counts;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private Axis fixed;

    public PointChart(final String title, final String yTitle, final String xTitle, final boolean counts,
            final List<String> categories) {
        this.title = title;
        this.yTitle = yTitle;
        this.xTitle = xTitle;
        this.counts = counts;
        this.categories = List.copyOf(categories);
    }

    /** A series: its mean and interval half-width per category (NaN mean: no value; NaN half: no whisker). */
    public PointChart series(final String label, final double[] mean, final double[] half) {
        series.add(new Series(label, mean.clone(), half.clone()));
        return this;
    }

    /** Draws the values on {@code axis} whatever they are: a fraction's 0 to 1. */
    public PointChart axis(final Axis axis) {
        this.fixed = axis;
        return this;
    }

    @Override
    public double height() {
        return 420;
    }

    @Override
    public void draw(final Canvas c, final double x, final double y, final double w, final double h) {
        final Frame f = new Frame(x, y, w, h);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final Series s : series) {
            for (int i = 0; i < s.mean.length; i++) {
                if (Double.isFinite(s.mean[i])) {
                    final double half = Double.isFinite(s.half[i]) ? s.half[i] : 0;
                    lo = Math.min(lo, s.mean[i] - half);
                    hi = Math.max(hi, s.mean[i] + half);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        // Counts and non-negative figures are read against zero.
        final Axis ya = fixed != null ? fixed : Axis.of(lo >= 0 ? 0 : lo, hi, counts);
        f.drawBase(c, title, ya, yTitle);
        f.drawCategories(c, categories, xTitle);
        final int m = series.size();
        final double slot = Math.min(f.categoryWidth(categories.size()) * 0.8 / Math.max(1, m), 40);
        for (int i = 0; i < categories.size(); i++) {
            c.begin("group");
            final double cx = f.categoryCenter(i, categories.size());
            for (int j = 0; j < m; j++) {
                final Series s = series.get(j);
                if (!Double.isFinite(s.mean[i])) {
                    continue;
                }
                final Rgb col = Figure.color(j);
                final double sx = cx + (j - (m - 1) / 2.0) * slot;
                if (Double.isFinite(s.half[i]) && s.half[i] > 0) {
                    final double y0 = f.py(ya, s.mean[i] - s.half[i]);
                    final double y1 = f.py(ya, s.mean[i] + s.half[i]);
                    c.line(sx, y0, sx, y1, col, 1.5, false);
                    c.line(sx - 5, y0, sx + 5, y0, col, 1.5, false);
                    c.line(sx - 5, y1, sx + 5, y1, col, 1.5, false);
                }
                c.circle(sx, f.py(ya, s.mean[i]), 4, col);
            }
            c.end();
        }
        if (m > 1) {
            final List<String> labels = new ArrayList<>();
            final List<Rgb> colors = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                labels.add(series.get(j).label);
                colors.add(Figure.color(j));
            }
            f.drawLegend(c, labels, colors);
        }
    }
}
