package dev.ftpsim.sweep;

/**
 * A task threw. Names the point, replication and seed so the run can be reproduced alone;
 * the points finished before stay in the journal and a rerun resumes after them.
 */
public final class SweepFailedException extends RuntimeException {
    private final int pointIndex;
    private final int replication;
    private final long seed;

    public SweepFailedException(final SweepPoint point, final int pointIndex, final int replication,
                                final long seed, final Throwable cause) {
        super("point '" + point.name() + "' " + point.params() + ", replication " + (replication + 1)
                + " (seed " + seed + ") failed: " + cause, cause);
        this.pointIndex = pointIndex;
        this.replication = replication;
        this.seed = seed;
    }

    /** 0-based index of the failed point. */
    public int pointIndex() {
        return pointIndex;
    }

    /** 0-based replication. */
    public int replication() {
        return replication;
    }

    public long seed() {
        return seed;
    }
}
