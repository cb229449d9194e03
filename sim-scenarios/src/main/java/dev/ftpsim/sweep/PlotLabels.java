package dev.ftpsim.sweep;

import java.util.Map;

/**
 * Axis titles in words, with units, for the sweep's metrics and the scenario keys it varies: a
 * reader sees "median session time (s)" rather than {@code session_s_p50}. A name it does not know
 * is shown as it is.
 */
final class PlotLabels {
    /** The standard metrics of {@code ftpsim sweep}. */
    private static final Map<String, String> METRICS = Map.of(
            "success_rate", "sessions that succeeded (fraction)",
            "ok_first_try_rate", "sessions that succeeded at their first try (fraction)",
            "throughput_mbps_p50", "median throughput of a session (Mbit/s)",
            "session_s_p50", "median session time (s)",
            "first_byte_s_p50", "median time to first byte (s)",
            "conntrack_peak", "conntrack entries at the peak (count)");

    /** The last part of a varied key, in words and unit. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("mode", "data connection mode"),
            Map.entry("loss", "packet loss (fraction)"),
            Map.entry("delay", "one-way delay"),
            Map.entry("bandwidth", "bandwidth"),
            Map.entry("queue", "queue (packets)"),
            Map.entry("sessions", "sessions (count)"),
            Map.entry("arrivals", "arrivals"),
            Map.entry("profile", "client profile"),
            Map.entry("kernel", "kernel version"),
            Map.entry("max", "table maximum (entries)"),
            Map.entry("expect-max", "expectation table maximum (entries)"),
            Map.entry("buckets", "hash buckets (count)"),
            Map.entry("passive-ports", "passive port range"),
            Map.entry("count", "members (count)"),
            Map.entry("stop", "stop time"));

    private PlotLabels() {
    }

    /** A metric in words. {@code success_rate[p]} and {@code failures[r]} name their population or reason. */
    static String metric(final String m) {
        final String known = METRICS.get(m);
        if (known != null) {
            return known;
        }
        if (m.startsWith("success_rate[") && m.endsWith("]")) {
            return "sessions of " + inner(m) + " that succeeded (fraction)";
        }
        if (m.startsWith("failures[") && m.endsWith("]")) {
            return "failed sessions: " + inner(m);
        }
        return m;
    }

    /** True for metrics that count things: their axes step by whole numbers. */
    static boolean isCount(final String m) {
        return m.equals("conntrack_peak") || m.startsWith("failures[") || m.endsWith("_count");
    }

    /** True for shares of sessions, drawn on 0 to 1 whatever their values. */
    static boolean isFraction(final String m) {
        return m.equals("success_rate") || m.equals("ok_first_try_rate") || m.startsWith("success_rate[");
    }

    /** True for a failure reason's metric, stacked on the success rate's bars. */
    static boolean isFailureReason(final String m) {
        return m.startsWith("failures[") && m.endsWith("]");
    }

    static String reason(final String failureMetric) {
        return inner(failureMetric);
    }

    /** A varied key in words: {@code links[1].loss} becomes "packet loss (fraction) of links[1]". */
    static String key(final String path) {
        if (path.isEmpty()) {
            return "point";
        }
        final int dot = path.lastIndexOf('.');
        final String leaf = path.substring(dot + 1);
        final String words = KEYS.get(leaf);
        if (words == null || dot < 0) {
            return words == null ? path : words;
        }
        return words + " of " + path.substring(0, dot);
    }

    private static String inner(final String m) {
        return m.substring(m.indexOf('[') + 1, m.length() - 1);
    }
}
