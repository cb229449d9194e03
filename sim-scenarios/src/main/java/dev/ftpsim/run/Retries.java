package dev.ftpsim.run;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.Locale;

/**
 * What a session's retries cost, in words: a session that succeeded only after trying again on
 * its connection (FileZilla's queue after a 425, lftp's "retry after 2 seconds" after a 4xx), on a
 * later control connection, or in another data setup than it started with (lftp's reconnect 15 s
 * later in the other mode, FileZilla's or curl's fallback) is a success the user of the real program waited
 * for, and is said so wherever the run's verdict is shown.
 */
public final class Retries {
    private Retries() {}

    /**
     * Whether {@code r} tried again after a failure (a transfer on its connection, as FileZilla's
     * three 425s or lftp's "retry after 2 seconds", or a new control connection) or ended in another
     * data setup than it began with.
     */
    public static boolean retried(final FtpSessionRecord r) {
        return retried(r.identity().mode(), r.identity().lastMode(), r.transfer().controlConnections(),
                r.transfer().retries());
    }

    /**
     * The same from a {@code sessions.csv} row's cells ({@code control} unparsable counts as 1,
     * {@code retries} as {@code control - 1}: a results file of a build before the column).
     */
    public static boolean retried(final String mode, final String lastMode, final int control, final int retries) {
        return retries > 0 || control > 1 || (lastMode != null && !lastMode.isEmpty() && !lastMode.equals(mode));
    }

    /** {@link #retried(String, String, int, int)} of a {@code sessions.csv} row read through {@code cell}. */
    public static boolean retried(final java.util.function.Function<String, String> cell) {
        final int control = parse(cell.apply("control_connections"), 1);
        return retried(cell.apply("mode"), cell.apply("last_mode"), control,
                parse(cell.apply("retries"), Math.max(0, control - 1)));
    }

    /**
     * "PORT then PASV, on 2 control connections, 15.3 s": how the session got there (the modes
     * only when it sent a data setup, the tries again on a connection only when there were any,
     * the time only when it ended).
     */
    public static String how(final String mode, final String lastMode, final int control, final int retries,
            final double seconds) {
        final StringBuilder sb = new StringBuilder();
        sb.append(lastMode == null || lastMode.isEmpty() ? "no data setup sent"
                : lastMode.equals(mode) ? mode : mode + " then " + lastMode);
        sb.append(control > 1 ? ", on " + control + " control connections" : ", on one control connection");
        if (retries > Math.max(0, control - 1)) {
            sb.append(", ").append(retries).append(retries == 1 ? " retry" : " retries");
        }
        if (seconds >= 0) {
            sb.append(String.format(Locale.ROOT, ", %.1f s", seconds));
        }
        return sb.toString();
    }

    /** {@link #how} of a record; its time from start to end. */
    public static String how(final FtpSessionRecord r) {
        final FtpSessionRecord.Timings t = r.timings();
        return how(r.identity().mode(), r.identity().lastMode(), r.transfer().controlConnections(),
                r.transfer().retries(), t.end() >= t.start() ? (t.end() - t.start()) / 1e9 : -1);
    }

    /** An int cell, {@code otherwise} when empty or not a number (a results file of an older build). */
    public static int parse(final String cell, final int otherwise) {
        try {
            return Integer.parseInt(cell.trim());
        } catch (final NumberFormatException e) {
            return otherwise;
        }
    }
}
