package dev.ftpsim.sweep;

/**
 * The output folder's journal belongs to another sweep (other points, replications or seed), so
 * resuming into it would mix results. An {@link IllegalArgumentException}: the CLI reports it as
 * bad input (exit 2).
 */
public final class SweepMismatchException extends IllegalArgumentException {
    public SweepMismatchException(final String message) {
        super(message);
    }
}
