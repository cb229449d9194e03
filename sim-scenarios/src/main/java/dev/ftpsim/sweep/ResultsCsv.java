package dev.ftpsim.sweep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code results.csv}: a header, then one row per finished point in the points' order. Columns:
 * {@code point}, each parameter (union over all points, first-seen order; empty where a point
 * lacks it), then per metric {@code <m>_mean,<m>_ci95_low,<m>_ci95_high,<m>_n}. Numbers use
 * Java's shortest exact form ({@code 0.25}, {@code 1.0E-4}, {@code NaN}); lines end in {@code \n}.
 */
final class ResultsCsv {
    static final String FILE_NAME = "results.csv";

    private ResultsCsv() {
    }

    /** The file's text for {@code rows}, which must be in the points' order. */
    static String render(final SweepSpec spec, final List<PointSummary> rows) {
        final Set<String> params = parameterNames(spec);
        final Set<String> metrics = metricNames(rows);
        final StringBuilder b = new StringBuilder("point");
        for (final String p : params) {
            b.append(',').append(cell(p));
        }
        for (final String m : metrics) {
            for (final String suffix : new String[] {"_mean", "_ci95_low", "_ci95_high", "_n"}) {
                b.append(',').append(cell(m + suffix));
            }
        }
        b.append('\n');
        for (final PointSummary row : rows) {
            b.append(cell(row.point().name()));
            for (final String p : params) {
                b.append(',').append(cell(row.point().params().getOrDefault(p, "")));
            }
            for (final String m : metrics) {
                final MetricSummary s = row.metrics().get(m);
                if (s == null) {
                    b.append(",,,,0");
                } else {
                    b.append(',').append(s.mean()).append(',').append(s.ci95Low())
                            .append(',').append(s.ci95High()).append(',').append(s.n());
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Parameter names over all points, in first-seen order. */
    static Set<String> parameterNames(final SweepSpec spec) {
        final var names = new LinkedHashSet<String>();
        spec.points().forEach(p -> names.addAll(p.params().keySet()));
        return names;
    }

    /** Metric names over all rows, in first-seen order. */
    static Set<String> metricNames(final List<PointSummary> rows) {
        final var names = new LinkedHashSet<String>();
        for (final PointSummary r : rows) {
            for (final Map.Entry<String, MetricSummary> e : r.metrics().entrySet()) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    /** RFC 4180 quoting, only where needed. */
    static String cell(final String v) {
        boolean quote = !v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ');
        for (int i = 0; i < v.length() && !quote; i++) {
            final char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
