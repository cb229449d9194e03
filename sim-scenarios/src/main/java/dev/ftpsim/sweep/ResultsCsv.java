package dev.ftpsim.sweep;

import dev.ftpsim.run.Csv;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code results.csv}: a header, then one row per finished point in the points' order. Columns:
 * {@code point}, each parameter (union over all points, first-seen order; empty where a point
 * lacks it), then per metric {@code <m>_mean,<m>_ci95_low,<m>_ci95_high,<m>_n} (metrics in
 * first-seen order over the finished points, in the points' order). Numbers use Java's shortest
 * exact form ({@code 0.25}, {@code 1.0E-4}); a figure that is not a number (no replication reported
 * the metric, or the interval of a single value) is an empty cell; cells are written by {@link Csv}.
 *
 * <p>The file is rewritten while points finish (at most once a second), so summaries and rendered rows are kept: a rewrite
 * costs a concatenation, not a t quantile and a dozen number formats per finished point.
 */
final class ResultsCsv {
    static final String FILE_NAME = "results.csv";
    private static final String[] SUFFIXES = {"_mean", "_ci95_low", "_ci95_high", "_n"};

    private final SweepSpec spec;
    private final Set<String> params;
    private final TreeMap<Integer, PointSummary> rows = new TreeMap<>();
    /** Rendered rows, valid for {@link #renderedFor}'s metric columns. */
    private final Map<Integer, String> rendered = new HashMap<>();
    private List<String> renderedFor = List.of();

    ResultsCsv(final SweepSpec spec) {
        this.spec = spec;
        this.params = parameterNames(spec);
    }

    /** Adds a finished point. */
    void add(final PointResult r) {
        rows.put(r.index(), PointSummary.of(spec.points().get(r.index()), r));
    }

    /** The rows so far, in the points' order. */
    List<PointSummary> rows() {
        return List.copyOf(rows.values());
    }

    /** The file's text for the points added so far. */
    String text() {
        final List<String> metrics = List.copyOf(metricNames(rows.values()));
        if (!metrics.equals(renderedFor)) {
            // A point brought a new metric: every row gains columns.
            rendered.clear();
            renderedFor = metrics;
        }
        final List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(params);
        for (final String m : metrics) {
            for (final String suffix : SUFFIXES) {
                header.add(m + suffix);
            }
        }
        final StringBuilder b = new StringBuilder(Csv.line(header));
        for (final PointSummary row : rows.values()) {
            b.append(rendered.computeIfAbsent(row.index(), k -> row(row, metrics)));
        }
        return b.toString();
    }

    private String row(final PointSummary row, final List<String> metrics) {
        final List<String> cells = new ArrayList<>(List.of(row.point().name()));
        for (final String p : params) {
            cells.add(row.point().params().getOrDefault(p, ""));
        }
        for (final String m : metrics) {
            MetricSummary s = row.metrics().get(m);
            if (s == null && Metrics.isCount(m)) {
                s = MetricSummary.of(new double[spec.replications()]); // none of them in this point
            }
            if (s == null) {
                cells.addAll(List.of("", "", "", "0"));
            } else {
                cells.addAll(List.of(cell(s.mean()), cell(s.ci95Low()), cell(s.ci95High()), String.valueOf(s.n())));
            }
        }
        return Csv.line(cells);
    }

    /** A number in its shortest exact form, or empty when there is none (null, NaN, infinite). */
    static String cell(final Double v) {
        return v == null || !Double.isFinite(v) ? "" : String.valueOf(v);
    }

    /** Parameter names over all points, in first-seen order. */
    static Set<String> parameterNames(final SweepSpec spec) {
        final var names = new LinkedHashSet<String>();
        spec.points().forEach(p -> names.addAll(p.params().keySet()));
        return names;
    }

    /** Metric names over {@code rows}, in first-seen order. */
    static Set<String> metricNames(final Iterable<PointSummary> rows) {
        final var names = new LinkedHashSet<String>();
        for (final PointSummary r : rows) {
            names.addAll(r.metrics().keySet());
        }
        return names;
    }
}
