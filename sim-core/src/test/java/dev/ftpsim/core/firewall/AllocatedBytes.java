package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Assumptions;

/** Bytes this thread allocates per packet while a warm simulation runs on (skipped where the JVM cannot tell). */
final class AllocatedBytes {
    private AllocatedBytes() { }

    /**
     * Runs {@code run} and returns the bytes allocated per packet {@code packets} counts during it,
     * asserting that more than 30000 packets passed.
     */
    static double perPacket(final Runnable run, final LongSupplier packets) {
        final java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(tmx instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) tmx;
        final long tid = Thread.currentThread().getId();
        final long packets0 = packets.getAsLong();
        final long bytes0 = sun.getThreadAllocatedBytes(tid);
        run.run();
        final long bytes = sun.getThreadAllocatedBytes(tid) - bytes0;
        final long n = packets.getAsLong() - packets0;
        assertTrue(n > 30_000, "packets " + n);
        return bytes / (double) n;
    }
}
