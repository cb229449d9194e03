package dev.ftpsim.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Shares of a whole on 0 to 1 as stacked bars: per category one bar per series, side by side, each
 * split into the same named parts in the same order (the sessions that succeeded at the bottom,
 * then each failure reason); the first part may carry a 95% interval whisker.
 */
public final class StackedBarChart implements Figure.Panel {
    /** The first part (success) green, the others never green. */
    private static final List<Rgb> PARTS = List.of(new Rgb(0x59a14f), new Rgb(0xe15759), new Rgb(0xf28e2b),
            new Rgb(0xb07aa1), new Rgb(0x9c755f), new Rgb(0xff9da7), new Rgb(0xedc948), new Rgb(0x76b7b2),
            new Rgb(0x4e79a7), new Rgb(0xbab0ac));

    private record Bar(int category, int series, double[] parts, double half) {}

    private final String title;
    private final String yTitle;
    private final String xTitle;
    private final List<String> categories;
    private final List<String> seriesLabels;
    private final List<String> partLabels;
    private final List<Bar> bars = new ArrayList<>();

    /**
     * @param seriesLabels the bars of a group, left to right, each labelled under its bar (one series: none)
     * @param partLabels the parts of a bar, bottom to top, in the legend
     */
    public StackedBarChart(final String title, final String yTitle, final String xTitle, final List<String> categories,
            final List<String> seriesLabels, final List<String> partLabels) {
        this.title = title;
        this.yTitle = yTitle;
        this.xTitle = xTitle;
        this.categories = List.copyOf(categories);
        this.seriesLabels = List.copyOf(seriesLabels);
        this.partLabels = List.copyOf(partLabels);
    }

    /** The bar of series {@code s} in category {@code cat}: each part's share, and the first part's half-width. */
    public StackedBarChart bar(final int cat, final int s, final double[] parts, final double half) {
        bars.add(new Bar(cat, s, parts.clone(), half));
        return this;
    }

    private static Rgb partColor(final int k) {
        return k == 0 ? PARTS.get(0) : PARTS.get(1 + (k - 1) % (PARTS.size() - 1));
    }

    @Override
    public double height() {
        return 420;
    }

    @Override
    public void draw(final Canvas c, final double x, final double y, final double w, final double h) {
        final int m = Math.max(1, seriesLabels.size());
        final double below = m > 1 ? 14 : 0;
        final Frame f = new Frame(x, y, w, h, below);
        final Axis ya = Axis.fixed(0, 1, 0.2);
        f.drawBase(c, title, ya, yTitle);
        f.drawCategories(c, categories, xTitle, below);
        final double slot = Math.min(f.categoryWidth(categories.size()) * 0.8 / m, 60);
        for (int cat = 0; cat < categories.size(); cat++) {
            c.begin("group");
            final double cx = f.categoryCenter(cat, categories.size());
            for (final Bar b : bars) {
                if (b.category != cat) {
                    continue;
                }
                final double bx = cx + (b.series - (m - 1) / 2.0) * slot - slot * 0.4;
                double at = 0;
                c.begin("bar");
                for (int k = 0; k < b.parts.length; k++) {
                    final double v = b.parts[k];
                    if (!(v > 0)) {
                        continue;
                    }
                    final double top = f.py(ya, Math.min(1, at + v));
                    c.rect(bx, top, slot * 0.8, f.py(ya, at) - top, partColor(k), Rgb.WHITE);
                    at += v;
                }
                c.end();
                if (b.parts.length > 0 && Double.isFinite(b.half) && b.half > 0) {
                    final double mx = bx + slot * 0.4;
                    final double y0 = f.py(ya, Math.max(0, b.parts[0] - b.half));
                    final double y1 = f.py(ya, Math.min(1, b.parts[0] + b.half));
                    c.line(mx, y0, mx, y1, Rgb.BLACK, 1.2, false);
                    c.line(mx - 4, y0, mx + 4, y0, Rgb.BLACK, 1.2, false);
                    c.line(mx - 4, y1, mx + 4, y1, Rgb.BLACK, 1.2, false);
                }
                if (m > 1) {
                    c.text(bx + slot * 0.4, f.bottom + 13, Frame.fit(seriesLabels.get(b.series), slot, 10), 10,
                            Canvas.Anchor.MIDDLE, false, false, Frame.MUTED);
                }
            }
            c.end();
        }
        final List<Rgb> colors = new ArrayList<>();
        for (int k = 0; k < partLabels.size(); k++) {
            colors.add(partColor(k));
        }
        f.drawLegend(c, partLabels, colors);
    }
}
