package dev.ftpsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap a long run needs: the pools' peak use (which counts garbage not yet collected, so it
 * follows -Xmx as much as the run) and, sampled between steps of the run, the most heap found in
 * use right after a collection (the live set, which is what must fit).
 */
final class HeapWatch {
    private long peakLive;

    /** Looks at the heap now: the use each pool had after its last collection. */
    void sample() {
        long live = 0;
        for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            final MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (u != null) {
                live += u.getUsed();
            }
        }
        peakLive = Math.max(peakLive, live);
    }

    long peakLive() {
        return peakLive;
    }

    /** The heap pools' peak use since the last {@link #reset}. */
    static long peakUsed() {
        long peak = 0;
        for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Starts the pools' peaks afresh. */
    static void reset() {
        for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }
}
