package dev.ftpsim.core.tcp;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** Bytes this thread allocates while it runs something (the test is skipped where the JVM cannot tell). */
final class ThreadAllocation {
    private ThreadAllocation() { }

    static long during(final Runnable run) {
        final java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(tmx instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) tmx;
        final long tid = Thread.currentThread().getId();
        final long bytes0 = sun.getThreadAllocatedBytes(tid);
        run.run();
        return sun.getThreadAllocatedBytes(tid) - bytes0;
    }
}
