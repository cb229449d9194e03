package dev.ftpsim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw outcome of one finished point: for each replication in order, its seed and the metrics
 * its task returned. This, not the summary, is what the journal keeps.
 */
public record PointResult(int index, String name, List<Long> seeds, List<Map<String, Double>> replications) {
    public PointResult {
        seeds = List.copyOf(seeds);
        replications = replications.stream()
                .<Map<String, Double>>map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)))
                .toList();
        if (seeds.size() != replications.size()) {
            throw new IllegalArgumentException(seeds.size() + " seeds for " + replications.size() + " replications");
        }
    }

    /**
     * The values of {@code metric} over the replications, NaN where a replication did not report
     * it (0 for a {@linkplain Metrics#isCount count}).
     */
    public double[] values(final String metric) {
        final double[] v = new double[replications.size()];
        final double absent = Metrics.isCount(metric) ? 0 : Double.NaN;
        for (int r = 0; r < v.length; r++) {
            final Double d = replications.get(r).get(metric);
            v[r] = d == null ? absent : d;
        }
        return v;
    }
}
