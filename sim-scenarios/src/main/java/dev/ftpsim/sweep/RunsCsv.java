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
 * {@code runs.csv}, the tidy table of a sweep: one row per finished point and replication, in the
 * points' order then the replications'. Columns: {@code point}, each parameter (as in
 * {@code results.csv}), {@code replication} (from 1), {@code seed}, then every metric (first-seen
 * order over the finished points). A metric a replication did not report, or reported as no
 * finite number, is an empty cell. Like {@code results.csv} it is rendered from the journal's
 * values only, so a resumed sweep writes the same bytes as an uninterrupted one.
 */
final class RunsCsv {
    static final String FILE_NAME = "runs.csv";

    private final Set<String> params;
    private final TreeMap<Integer, PointResult> points = new TreeMap<>();
    /** Rendered rows of each point, valid for {@link #renderedFor}'s metric columns. */
    private final Map<Integer, String> rendered = new HashMap<>();
    private List<String> renderedFor = List.of();
    private final SweepSpec spec;

    RunsCsv(final SweepSpec spec) {
        this.spec = spec;
        this.params = ResultsCsv.parameterNames(spec);
    }

    void add(final PointResult r) {
        points.put(r.index(), r);
    }

    /** The file's text for the points added so far. */
    String text() {
        final Set<String> names = new LinkedHashSet<>();
        points.values().forEach(p -> p.replications().forEach(rep -> names.addAll(rep.keySet())));
        final List<String> metrics = List.copyOf(names);
        if (!metrics.equals(renderedFor)) {
            rendered.clear();
            renderedFor = metrics;
        }
        final List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(params);
        header.add("replication");
        header.add("seed");
        header.addAll(metrics);
        final StringBuilder b = new StringBuilder(Csv.line(header));
        for (final PointResult p : points.values()) {
            b.append(rendered.computeIfAbsent(p.index(), k -> rows(p, metrics)));
        }
        return b.toString();
    }

    private String rows(final PointResult p, final List<String> metrics) {
        final SweepPoint point = spec.points().get(p.index());
        final StringBuilder b = new StringBuilder();
        for (int r = 0; r < p.replications().size(); r++) {
            final List<String> cells = new ArrayList<>(List.of(point.name()));
            for (final String name : params) {
                cells.add(point.params().getOrDefault(name, ""));
            }
            cells.add(String.valueOf(r + 1));
            cells.add(String.valueOf(p.seeds().get(r)));
            final Map<String, Double> rep = p.replications().get(r);
            for (final String m : metrics) {
                cells.add(ResultsCsv.cell(rep.get(m)));
            }
            b.append(Csv.line(cells));
        }
        return b.toString();
    }
}
