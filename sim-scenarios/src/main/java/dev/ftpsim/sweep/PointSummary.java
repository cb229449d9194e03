package dev.ftpsim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of {@code results.csv}: a point and each metric's mean and 95% interval. */
public record PointSummary(int index, SweepPoint point, Map<String, MetricSummary> metrics) {
    public PointSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Summarises a finished point; metrics in the order the replications first reported them. */
    public static PointSummary of(final SweepPoint point, final PointResult r) {
        final var metrics = new LinkedHashMap<String, MetricSummary>();
        for (final Map<String, Double> rep : r.replications()) {
            for (final String m : rep.keySet()) {
                metrics.computeIfAbsent(m, k -> MetricSummary.of(r.values(k)));
            }
        }
        return new PointSummary(r.index(), point, metrics);
    }
}
