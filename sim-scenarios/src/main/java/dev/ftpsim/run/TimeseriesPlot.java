package dev.ftpsim.run;

import dev.ftpsim.plot.Figure;
import dev.ftpsim.plot.StepChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code timeseries.csv} as a picture, {@code timeseries.png} and {@code .svg}: one panel
 * per firewall (its conntrack entries, pending expectations and NAT mappings as steps against
 * simulated time, its table maximum as a dashed line, a tick along the bottom wherever it expired
 * connections), then a panel of the run's own columns, then one per TCP figure of the hosts named
 * in {@code record.tcp}. A storm filling the table up to its maximum, or a NAT mapping expiring in
 * the middle of a transfer, is seen at a glance.
 */
public final class TimeseriesPlot {
    private static final int WIDTH = 900;
    /** Firewall columns drawn as series, in words; {@code expired_} becomes ticks instead. */
    private static final Map<String, String> FIREWALL_SERIES = Map.of(
            "conntrack", "conntrack entries",
            "expectations", "expectations (FTP helper)",
            "nat", "entries with a NAT mapping");
    private static final String EXPIRED = "expired";
    /** The files' name without extension: {@code timeseries.png}, {@code timeseries.svg}. */
    public static final String BASE = "timeseries";

    private TimeseriesPlot() {}

    /**
     * Writes the two pictures into {@code dir}; returns them, or nothing when the series has fewer
     * than two samples (sampling off, or a run shorter than one interval). However long the run,
     * the plot draws at most {@link TimeseriesSampling#MAX_BUCKETS} buckets per series.
     *
     * @param conntrackMax each stateful firewall's {@code nf_conntrack_max}, in the scenario's order
     */
    public static List<Path> write(final Path dir, final String title, final TimeseriesSampling.Downsampled series,
            final List<String> firewalls, final Map<String, Integer> conntrackMax) throws IOException {
        final Figure figure = figure(title, series, firewalls, conntrackMax);
        return figure == null ? List.of() : figure.write(dir, BASE);
    }

    /**
     * The picture {@link #write} writes, or null when there is none; a new one each call, so that
     * two threads can draw its PNG and its SVG at once.
     */
    public static Figure figure(final String title, final TimeseriesSampling.Downsampled series,
            final List<String> firewalls, final Map<String, Integer> conntrackMax) {
        if (series.samples() < 2) {
            return null;
        }
        final List<String> columns = series.columns();
        final double end = series.lastTime() / 1e9;
        final Figure figure = new Figure(WIDTH, title);
        final boolean[] used = new boolean[columns.size()];
        used[0] = true;
        for (final String fw : firewalls) {
            final StepChart chart = new StepChart("firewall " + fw + (conntrackMax.containsKey(fw) ? "" : " (stateless)"),
                    "entries (count)", "simulated time (s)", true, end);
            boolean any = conntrackMax.containsKey(fw);
            for (int c = 1; c < columns.size(); c++) {
                final String col = columns.get(c);
                if (used[c] || !col.endsWith("_" + fw) || col.startsWith("cwnd_") || col.startsWith("rto_")) {
                    continue;
                }
                used[c] = true;
                final String prefix = col.substring(0, col.length() - fw.length() - 1);
                final double[][] xy = series.steps(c - 1);
                if (prefix.equals(EXPIRED)) {
                    chart.marks("connections expired", rises(xy));
                    continue;
                }
                chart.series(FIREWALL_SERIES.getOrDefault(prefix, prefix), xy[0], xy[1]);
                any |= max(xy[1]) > 0;
            }
            final Integer max = conntrackMax.get(fw);
            if (max != null) {
                chart.limit(String.format(java.util.Locale.ROOT, "table maximum %,d", max), max);
            }
            if (any) {
                figure.add(chart);
            }
        }
        // The rest: the run's columns, then each TCP figure of every record.tcp host.
        final Map<String, StepChart> rest = new LinkedHashMap<>();
        for (int c = 1; c < columns.size(); c++) {
            if (used[c]) {
                continue;
            }
            final String col = columns.get(c);
            final String kind = col.startsWith("cwnd_") ? "cwnd" : col.startsWith("rto_") ? "rto" : "run";
            final StepChart chart = rest.computeIfAbsent(kind, k -> switch (k) {
                case "cwnd" -> new StepChart("congestion window of each host's busiest connection", "bytes", "simulated time (s)", true, end);
                case "rto" -> new StepChart("retransmission timeout of each host's busiest connection", "milliseconds", "simulated time (s)", true, end);
                default -> new StepChart("the run", "count", "simulated time (s)", true, end);
            });
            final double[][] xy = series.steps(c - 1);
            chart.series(kind.equals("run") ? col.replace('_', ' ') : col.substring(kind.length() + 1), xy[0], xy[1]);
        }
        rest.values().forEach(figure::add);
        return figure;
    }

    /** The times at which a cumulative counter, given as steps, went up. */
    private static double[] rises(final double[][] xy) {
        final List<Double> at = new ArrayList<>();
        for (int i = 1; i < xy[1].length; i++) {
            if (xy[1][i] > xy[1][i - 1]) {
                at.add(xy[0][i]);
            }
        }
        return at.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double max(final double[] v) {
        double m = 0;
        for (final double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
