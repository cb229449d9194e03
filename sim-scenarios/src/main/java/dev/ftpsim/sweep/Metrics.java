package dev.ftpsim.sweep;

/**
 * Names of the metrics whose absence means zero: {@code failures[<reason code>]} counts the
 * sessions that failed for that reason, and a run reports only the reasons that happened, so a
 * replication or point without it had none of them (0, not "no data").
 */
public final class Metrics {
    private static final String FAILURES = "failures[";

    private Metrics() {}

    /** The metric counting failures with {@code reasonCode}: {@code failures[data_connect_timed_out]}. */
    public static String failures(final String reasonCode) {
        return FAILURES + reasonCode + "]";
    }

    /** Whether {@code metric} is a count that a run leaves out when it is 0. */
    public static boolean isCount(final String metric) {
        return metric.startsWith(FAILURES);
    }
}
