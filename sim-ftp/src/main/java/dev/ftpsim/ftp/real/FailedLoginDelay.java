package dev.ftpsim.ftp.real;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The pause before a failed password is answered (vsftpd delay_failed_login), shared by all
 * connections from one client address: each failure is answered one delay after the previous
 * failure's answer from that address, so opening more connections does not buy more guesses per
 * second. vsftpd pauses each session on its own (prelogin.c check_login_delay); this queue is ours.
 */
final class FailedLoginDelay {

    /** Entries kept before expired ones are swept; live ones are bounded by the sessions that wait. */
    private static final int SWEEP_ABOVE = 1024;

    private final long delayNanos;
    private final LongSupplier clock;
    private final Map<InetAddress, Long> answerAt = new HashMap<>();

    /** @param clock nanoseconds, as {@link System#nanoTime} (injected for tests) */
    FailedLoginDelay(long delayNanos, LongSupplier clock) {
        this.delayNanos = delayNanos;
        this.clock = clock;
    }

    /** How long to wait, from now, before answering a failed password from {@code client}; books that slot. */
    synchronized long reserve(InetAddress client) {
        if (delayNanos == 0) {
            return 0;
        }
        final long now = clock.getAsLong();
        if (answerAt.size() > SWEEP_ABOVE) {
            answerAt.values().removeIf(t -> t - now <= 0);
        }
        Long previous = answerAt.get(client);
        long at = (previous == null || previous - now < 0 ? now : previous) + delayNanos;
        answerAt.put(client, at);
        return at - now;
    }

    /** Reserves a slot and sleeps until it. */
    void await(InetAddress client) {
        long nanos = reserve(client);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
