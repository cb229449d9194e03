package dev.ftpsim.run;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.Locale;

/**
 * What a session's retries cost, in words: a session that succeeded only on a later control
 * connection or in another data setup than it started with (lftp's reconnect 15 s later in the
 * other mode, FileZilla's or curl's fallback) is a success the user of the real program waited
 * for, and is said so wherever the run's verdict is shown.
 */
public final class Retries {
    private Retries() {}

    /** Whether {@code r} took more than one control connection or ended in another data setup than it began with. */
    public static boolean retried(final FtpSessionRecord r) {
        return retried(r.identity().mode(), r.identity().lastMode(), r.transfer().controlConnections());
    }

    /** The same from a {@code sessions.csv} row's cells ({@code control} unparsable counts as 1). */
    public static boolean retried(final String mode, final String lastMode, final int control) {
        return control > 1 || (lastMode != null && !lastMode.isEmpty() && !lastMode.equals(mode));
    }

    /**
     * "PORT then PASV, on 2 control connections, 15.3 s": how the session got there (the modes
     * only when it sent a data setup, the time only when it ended).
     */
    public static String how(final String mode, final String lastMode, final int control, final double seconds) {
        final StringBuilder sb = new StringBuilder();
        sb.append(lastMode == null || lastMode.isEmpty() ? "no data setup sent"
                : lastMode.equals(mode) ? mode : mode + " then " + lastMode);
        sb.append(control > 1 ? ", on " + control + " control connections" : ", on one control connection");
        if (seconds >= 0) {
            sb.append(String.format(Locale.ROOT, ", %.1f s", seconds));
        }
        return sb.toString();
    }

    /** {@link #how} of a record; its time from start to end. */
    public static String how(final FtpSessionRecord r) {
        final FtpSessionRecord.Timings t = r.timings();
        return how(r.identity().mode(), r.identity().lastMode(), r.transfer().controlConnections(),
                t.end() >= t.start() ? (t.end() - t.start()) / 1e9 : -1);
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
