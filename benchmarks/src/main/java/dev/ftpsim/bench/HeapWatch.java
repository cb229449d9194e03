package dev.ftpsim.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a long run needs: the pools' peak use (which counts garbage not yet collected, so it
 * follows -Xmx as much as the run) and the most heap in use right after any collection (the live
 * set plus old garbage not yet reclaimed: an upper bound of what must fit), told by the collectors.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile long peakAfterGc;

    /** Starts listening to every collector. */
    HeapWatch() {
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(this, null, null);
                emitters.add(e);
            }
        }
    }

    @Override
    public void handleNotification(final Notification n, final Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        long used = 0;
        for (final var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            final MemoryUsage u = e.getValue();
            if (heapPools.contains(e.getKey())) {
                used += u.getUsed();
            }
        }
        if (used > peakAfterGc) {
            peakAfterGc = used;
        }
    }

    /** The most heap found in use after a collection since this watch started. */
    long peakAfterGc() {
        return peakAfterGc;
    }

    @Override
    public void close() {
        for (final NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (final ListenerNotFoundException ignored) {
                // already gone
            }
        }
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
