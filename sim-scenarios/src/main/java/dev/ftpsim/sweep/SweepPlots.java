package dev.ftpsim.sweep;

import dev.ftpsim.plot.Axis;
import dev.ftpsim.plot.Figure;
import dev.ftpsim.plot.HeatmapChart;
import dev.ftpsim.plot.PointChart;
import dev.ftpsim.plot.StackedBarChart;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One figure per metric, {@code plot-<metric>.png} and {@code .svg}. The first varied parameter (a
 * parameter whose value differs between points) gives the groups along the x axis, in first-seen
 * order (numeric order when every value is a number); each combination of the other varied
 * parameters is a series, drawn side by side inside each group as a mean with its 95% interval
 * whisker. The values of a sweep are settings, not a continuum, so points are never joined.
 * {@code success_rate} is drawn as stacked bars on 0 to 1: the sessions that succeeded, then the
 * failed ones split by the {@code failures[<reason>]} metrics when the sweep reports them. When
 * exactly two parameters vary, a heatmap of the means follows. Axis titles are words with units
 * ({@link PlotLabels}).
 */
final class SweepPlots {
    private static final int WIDTH = 900;

    private SweepPlots() {
    }

    /**
     * Writes {@code plot-<metric>.png} and {@code .svg} for each metric (characters other than
     * letters, digits, {@code . _ -} become {@code _}); returns the files in the metrics' order.
     * Up to {@code threads} figures are drawn at once: drawn by one thread they would be the serial
     * tail of a sweep, and each file's bytes do not depend on the thread that drew it.
     */
    static List<Path> write(final Path dir, final SweepSpec spec, final List<PointSummary> rows, final int threads,
            final List<String> problems) throws IOException {
        final Map<String, Figure> figures;
        try {
            figures = figures(spec, rows);
        } catch (final RuntimeException | Error e) {
            if (e instanceof ThreadDeath) {
                throw e;
            }
            // No plot of these results: none of an earlier run of this sweep may pass for one.
            try (java.util.stream.Stream<Path> old = java.nio.file.Files.list(dir)) {
                for (final Path p : old.filter(p -> Sweep.written(p.getFileName().toString())
                        && p.getFileName().toString().startsWith("plot-")).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
            problems.add("the plots could not be drawn (" + reason(e) + ")");
            return List.of();
        }
        if (threads <= 1 || figures.size() <= 1) {
            final List<Path> files = new ArrayList<>();
            for (final var e : figures.entrySet()) {
                files.addAll(draw(dir, e.getKey(), e.getValue(), problems));
            }
            return files;
        }
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, figures.size()),
                Sweep.daemonThreads("sweep-plot-"));
        try {
            final List<Future<List<Path>>> drawn = new ArrayList<>();
            final List<List<String>> each = new ArrayList<>();
            figures.forEach((base, f) -> {
                final List<String> mine = new ArrayList<>();
                each.add(mine);
                drawn.add(pool.submit(() -> draw(dir, base, f, mine)));
            });
            final List<Path> files = new ArrayList<>();
            for (final Future<List<Path>> d : drawn) {
                files.addAll(d.get());
            }
            each.forEach(problems::addAll); // in the metrics' order, whichever thread drew them
            return files;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while drawing the plots");
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("drawing a plot failed", e.getCause()); // draw() keeps the rest
        } finally {
            pool.shutdownNow();
        }
    }

    /** A plot's base name whose drawing throws, as a bug in it would (null: none); for tests. */
    static volatile String failForTest;

    /**
     * {@code f} written as {@code base}.png and .svg; a bug while drawing it (an unchecked
     * exception) leaves it out, an earlier run's files of it deleted, and adds why to {@code problems}:
     * the sweep's results are written, and a plot is only a picture of them.
     */
    private static List<Path> draw(final Path dir, final String base, final Figure f, final List<String> problems)
            throws IOException {
        try {
            if (base.equals(failForTest)) {
                throw new IllegalArgumentException("a failure injected into " + base);
            }
            return f.write(dir, base);
        } catch (final RuntimeException | Error e) {
            if (e instanceof ThreadDeath) {
                throw e;
            }
            // An Error too: Java2D without fonts or its native libraries throws one (see Drawings).
            java.nio.file.Files.deleteIfExists(dir.resolve(base + ".png"));
            java.nio.file.Files.deleteIfExists(dir.resolve(base + ".svg"));
            problems.add("the plot " + base + " could not be drawn (" + reason(e) + ")");
            return List.of();
        }
    }

    /** One line: the exception's class and message (a drawing bug is ftpsim's, so it asks to be reported). */
    static String reason(final Throwable e) {
        return ("internal error, please report it: " + e).replaceAll("\\s+", " ").strip();
    }

    /** Each metric's figure by file base name, in the metrics' order. */
    private static Map<String, Figure> figures(final SweepSpec spec, final List<PointSummary> rows) {
        final Grid grid = new Grid(variedParameters(spec), rows);
        final Set<String> metrics = ResultsCsv.metricNames(rows);
        final List<String> reasons = metrics.stream().filter(PlotLabels::isFailureReason).toList();
        final Map<String, Figure> figures = new LinkedHashMap<>();
        final Set<String> used = new HashSet<>();
        for (final String metric : metrics) {
            String base = "plot-" + fileSafe(metric);
            // "a b" and "a_b" would share a file: number the later one.
            for (int k = 2; !used.add(base); k++) {
                base = "plot-" + fileSafe(metric) + "-" + k;
            }
            final String words = PlotLabels.metric(metric);
            final Figure f = new Figure(WIDTH, words + ": mean and 95% interval over " + spec.replications()
                    + (spec.replications() == 1 ? " replication" : " replications"));
            f.add(metric.equals("success_rate") ? stacked(grid, reasons) : points(grid, metric));
            if (grid.varied.size() == 2) {
                f.add(heatmap(grid, metric));
            }
            figures.put(base, f);
        }
        return figures;
    }

    /** Parameters whose value is not the same in every point, in column order. */
    static List<String> variedParameters(final SweepSpec spec) {
        final List<String> varied = new ArrayList<>();
        for (final String p : ResultsCsv.parameterNames(spec)) {
            final Set<String> values = new LinkedHashSet<>();
            spec.points().forEach(pt -> values.add(pt.params().getOrDefault(p, "")));
            if (values.size() > 1) {
                varied.add(p);
            }
        }
        return varied;
    }

    /** The finished points placed by category (first varied value) and series (the others). */
    private static final class Grid {
        final List<String> varied;
        final List<PointSummary> rows;
        final List<String> categories;
        final List<String> series;
        /** Each series's values without the keys: "0.01" for "links[1].loss=0.01". */
        final List<String> seriesValues;
        final String xTitle;

        Grid(final List<String> varied, final List<PointSummary> rows) {
            this.varied = varied;
            this.rows = rows;
            final Set<String> cats = new LinkedHashSet<>();
            final Map<String, String> keys = new LinkedHashMap<>();
            for (final PointSummary r : rows) {
                cats.add(category(r));
                keys.putIfAbsent(seriesKey(r), seriesValues(r));
            }
            final List<String> c = new ArrayList<>(cats);
            if (c.stream().allMatch(SweepPlots::isNumber)) {
                c.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
            }
            this.categories = c;
            this.series = new ArrayList<>(keys.keySet());
            this.seriesValues = new ArrayList<>(keys.values());
            this.xTitle = PlotLabels.key(varied.isEmpty() ? "" : varied.get(0));
        }

        String category(final PointSummary r) {
            return varied.isEmpty() ? r.point().name() : r.point().params().getOrDefault(varied.get(0), "");
        }

        String seriesKey(final PointSummary r) {
            final StringJoiner j = new StringJoiner(", ");
            for (final String p : others()) {
                j.add(p + "=" + r.point().params().getOrDefault(p, ""));
            }
            return j.toString();
        }

        String seriesValues(final PointSummary r) {
            final StringJoiner j = new StringJoiner(", ");
            for (final String p : others()) {
                j.add(r.point().params().getOrDefault(p, ""));
            }
            return j.toString();
        }

        private List<String> others() {
            return varied.subList(Math.min(1, varied.size()), varied.size());
        }

        /** {@code [series][category]} of the metric's mean ({@code half} false) or interval half-width. */
        double[][] table(final String metric, final boolean half) {
            final double[][] t = new double[series.size()][categories.size()];
            for (final double[] row : t) {
                Arrays.fill(row, Double.NaN);
            }
            for (final PointSummary r : rows) {
                final MetricSummary s = r.metrics().get(metric);
                if (s != null) {
                    t[series.indexOf(seriesKey(r))][categories.indexOf(category(r))] =
                            half ? s.ci95High() - s.mean() : s.mean();
                }
            }
            return t;
        }
    }

    private static PointChart points(final Grid g, final String metric) {
        final PointChart c = new PointChart(metric, PlotLabels.metric(metric), g.xTitle, PlotLabels.isCount(metric),
                g.categories);
        if (PlotLabels.isFraction(metric)) {
            c.axis(Axis.fixed(0, 1, 0.2));
        }
        final double[][] mean = g.table(metric, false);
        final double[][] half = g.table(metric, true);
        for (int s = 0; s < g.series.size(); s++) {
            c.series(g.series.get(s).isEmpty() ? metric : g.series.get(s), mean[s], half[s]);
        }
        return c;
    }

    /**
     * Success at the bottom of each bar, the failed share above it, split in proportion to the
     * reasons' means (counts or shares alike) when the sweep reports {@code failures[<reason>]}.
     */
    private static StackedBarChart stacked(final Grid g, final List<String> reasons) {
        final List<String> parts = new ArrayList<>(List.of("succeeded"));
        reasons.forEach(r -> parts.add("failed: " + PlotLabels.reason(r)));
        parts.add(reasons.isEmpty() ? "failed" : "failed, no reason reported");
        // Bars of a group are told apart by the values of the other keys, written under each.
        final List<String> under = g.seriesValues;
        final String xTitle = g.varied.size() < 2 ? g.xTitle : g.xTitle + "; bars: " + String.join(", ",
                g.varied.subList(1, g.varied.size()).stream().map(PlotLabels::key).toList());
        final StackedBarChart c = new StackedBarChart("success_rate", PlotLabels.metric("success_rate"), xTitle,
                g.categories, g.series.size() > 1 ? under : List.of(), parts);
        final double[][] mean = g.table("success_rate", false);
        final double[][] half = g.table("success_rate", true);
        final List<double[][]> byReason = new ArrayList<>();
        reasons.forEach(r -> byReason.add(g.table(r, false)));
        for (int s = 0; s < g.series.size(); s++) {
            for (int k = 0; k < g.categories.size(); k++) {
                final double ok = mean[s][k];
                if (!Double.isFinite(ok)) {
                    continue;
                }
                final double[] bar = new double[parts.size()];
                bar[0] = ok;
                double total = 0;
                for (final double[][] r : byReason) {
                    total += Double.isFinite(r[s][k]) ? r[s][k] : 0;
                }
                for (int i = 0; i < byReason.size(); i++) {
                    final double v = byReason.get(i)[s][k];
                    bar[1 + i] = total > 0 && Double.isFinite(v) ? (1 - ok) * v / total : 0;
                }
                bar[parts.size() - 1] = total > 0 ? 0 : 1 - ok;
                c.bar(k, s, bar, half[s][k]);
            }
        }
        return c;
    }

    private static HeatmapChart heatmap(final Grid g, final String metric) {
        final String second = g.varied.get(1);
        return new HeatmapChart(PlotLabels.metric(metric) + " by both varied keys", g.xTitle, PlotLabels.key(second),
                "mean " + PlotLabels.metric(metric), g.categories, g.seriesValues, g.table(metric, false));
    }

    private static boolean isNumber(final String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    static String fileSafe(final String metric) {
        return metric.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
