package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.units.Units.NS_PER_S;

/**
 * The conntrack gc worker's early drop and its cadence, after {@code gc_worker()} in
 * net/netfilter/nf_conntrack_core.c. When a new connection finds the table full and
 * {@code early_drop()} finds no victim, {@code __nf_conntrack_alloc()} sets
 * {@code gc_work->early_drop}; the gc worker's next run then kills, while the table holds at least
 * {@code nf_conntrack_max95 = nf_conntrack_max / 100 * 95} entries, every entry for which
 * {@code gc_worker_can_early_drop()} holds: not ASSURED, or TCP in FIN_WAIT, CLOSE_WAIT, LAST_ACK,
 * TIME_WAIT or CLOSE ({@code tcp_can_early_drop()}, nf_conntrack_proto_tcp.c). The run clears the
 * flag. Below 100 entries {@code max95} is 0, which the kernel reads as "no early drop".
 * These kills are not counted in the {@code early_drop} statistic (only {@code early_drop()} adds to
 * it); ftpsim counts them in {@link ConntrackStats#gcEarlyDrop}. Offloaded entries, which the kernel
 * skips, do not exist in ftpsim.
 *
 * <p>Cadence: ftpsim's sweep runs every {@link ConntrackConfig#sweepInterval} (1 s); a gc run is the
 * first sweep at or after the run's due time. The interval after a run is that of current kernels'
 * adaptive gc (which replaced a fixed {@code GC_SCAN_INTERVAL} of 120 s; 6.x sources): a running mean of each live entry's remaining lifetime clamped to
 * [{@code GC_SCAN_INTERVAL_MIN} 1 s, {@code GC_SCAN_INTERVAL_CLAMP} 300 s], seeded with
 * {@code GC_SCAN_INITIAL_COUNT} 100 entries at {@code GC_SCAN_INTERVAL_INIT} 60 s, then clamped to
 * [1 s, {@code GC_SCAN_INTERVAL_MAX} 60 s]. Older kernels (4.10 to 5.16) scanned a slice of the
 * table per run at other intervals; ftpsim uses the current cadence for every kernel with the gc
 * early drop (the older gc walked 1/128 of the buckets a run, also killing in slices). A run walks the hash chains bucket by bucket from the first ({@link CtHashChains}),
 * reaping expired entries on the way. After removing more than {@code GC_SCAN_EXPIRED_MAX} (64 at
 * HZ 1000) it stops, clears {@code early_drop} and goes on one jiffy later from that bucket; only a
 * new "table full" drop in between arms that next run, so the gc kills on, 65 a jiffy, only while
 * refusals keep coming every jiffy, and a disarmed run that removes no more ends the walk until the
 * next due run. ftpsim's walk runs only
 * after an armed run (its 1 s sweep reaps expired entries otherwise) and takes no CPU time, so the
 * kernel's other cut, {@code GC_SCAN_MAX_DURATION} (10 ms of CPU a run), never applies; a walk is
 * taken to last under {@code GC_SCAN_INTERVAL_MAX}, so a cut-short run always waits its jiffy.
 */
final class GcEarlyDrop {
    static final long INTERVAL_MIN = NS_PER_S;
    static final long INTERVAL_MAX = 60 * NS_PER_S;
    static final long INTERVAL_CLAMP = 300 * NS_PER_S;
    static final int INITIAL_COUNT = 100;
    /** A jiffy at {@code CONFIG_HZ=1000} (RHEL's and Fedora's kernels; Debian's 250 gives 4 ms). */
    static final long JIFFY = NS_PER_S / 1000;
    /**
     * {@code GC_SCAN_EXPIRED_MAX = 64000 / HZ}: a run that has removed more entries than this (expired
     * or killed) stops and reschedules itself one jiffy later, disarmed: at most 64,065 a second at any HZ.
     */
    static final int EXPIRED_MAX = 64;

    /** {@code gc_work->early_drop}: a new connection was refused as "table full". */
    boolean requested;
    private long nextRun;
    private long avg = INTERVAL_MAX;
    private long n = INITIAL_COUNT;
    private long interval = INTERVAL_MAX;

    /** {@code nf_conntrack_max / 100u * 95u}: the count from which the gc run kills. */
    static int max95(final int max) {
        return max / 100 * 95;
    }

    /** {@code gc_worker_can_early_drop()}. */
    static boolean canEarlyDrop(final ConnEntry e) {
        if (!e.is(ConnEntry.ASSURED)) {
            return true;
        }
        if (e.proto != FiveTuple.TCP) {
            return false; // only TCP, DCCP and SCTP have can_early_drop; ftpsim tracks no DCCP or SCTP
        }
        return switch (e.tcpState) {
            case FIN_WAIT, LAST_ACK, TIME_WAIT, CLOSE, CLOSE_WAIT -> true;
            default -> false;
        };
    }

    /** Adds a live entry's remaining lifetime to the running mean of the pass under way. */
    void sample(final long remaining) {
        final long expires = Math.max(INTERVAL_MIN, Math.min(INTERVAL_CLAMP, remaining));
        avg += (expires - avg) / ++n;
    }

    /** A full pass of the table ended: the next interval is its mean, clamped. */
    void passEnded() {
        interval = Math.max(INTERVAL_MIN, Math.min(INTERVAL_MAX, avg));
        avg = INTERVAL_MAX;
        n = INITIAL_COUNT;
    }

    /** Whether a gc run is due at {@code now}; if so, the next one is scheduled. */
    boolean due(final long now) {
        if (now < nextRun) {
            return false;
        }
        nextRun = now + interval;
        return true;
    }
}
