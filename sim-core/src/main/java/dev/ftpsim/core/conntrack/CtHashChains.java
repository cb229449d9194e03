package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.kernel.SplitMix64;
import java.util.Arrays;

/**
 * The kernel's conntrack hash chains over {@code nf_conntrack_buckets}, as far as {@code early_drop()}
 * needs them: every entry's two tuples, each in the chain of its own bucket, newest first
 * ({@code __nf_conntrack_hash_insert()}, net/netfilter/nf_conntrack_core.c). Lookups go through
 * ftpsim's own table ({@link Tuple2IntHashMap}); these chains only decide which entries early drop
 * sees, so they cost nothing until they matter: {@link Conntrack} builds them the first time the
 * table is full (or from the first entry where the chain order decides the victim, see
 * {@link EarlyDropScan}). A tuple node is {@code id * 2 + direction}; {@link #next} links it.
 *
 * <p>The kernel hashes a tuple with a boot-time random key ({@code hash_conntrack_raw()}: siphash
 * since 5.x, jhash2 before) and takes its bucket as {@code reciprocal_scale(hash, size)}; ftpsim
 * uses a 32-bit SplitMix64 hash keyed by the run's seed, so a seed gives the same chains every run.
 */
final class CtHashChains {
    /** {@code NF_CT_EVICTION_RANGE}: buckets (from 4.7) or tuples (before) early drop looks at. */
    static final int EVICTION_RANGE = 8;
    private static final int NONE = -1;

    private final int buckets;
    private final long key;
    private int[] head;
    private int[] next;

    CtHashChains(final int buckets, final long runSeed) {
        this.buckets = buckets;
        this.key = SplitMix64.mix(runSeed ^ 0x6E665F6374L); // "nf_ct": this use's own key from the seed
    }

    boolean built() {
        return head != null;
    }

    /** {@code hash_conntrack_raw()}: 32 bits of one tuple. */
    int hash(final long ips, final long ports) {
        return (int) (SplitMix64.mix(key ^ ips ^ Long.rotateLeft(ports, 29) * SplitMix64.GOLDEN_GAMMA) >>> 32);
    }

    /** {@code reciprocal_scale(hash, nf_conntrack_htable_size)}. */
    int bucket(final int hash) {
        return (int) (((hash & 0xFFFF_FFFFL) * buckets) >>> 32);
    }

    int bucketOf(final long ips, final long ports) {
        return bucket(hash(ips, ports));
    }

    /** Links every entry now in the table, in slot order, into new chains with room for {@code capacity} ids. */
    void build(final ConnEntry[] entries, final int idsUsed) {
        head = new int[buckets];
        Arrays.fill(head, NONE);
        next = new int[2 * entries.length];
        for (int i = 0; i < idsUsed; i++) {
            if (entries[i] != null) {
                insert(entries[i]);
            }
        }
    }

    /** Makes room for ids below {@code capacity} (the table's slot array grew). */
    void grow(final int capacity) {
        if (next != null && next.length < 2 * capacity) {
            next = Arrays.copyOf(next, 2 * capacity);
        }
    }

    /** Adds both tuples of a confirmed entry at the head of their chains. */
    void insert(final ConnEntry e) {
        push(bucketOf(e.origIps, e.origPorts), 2 * e.id);
        push(bucketOf(e.replyIps, e.replyPorts), 2 * e.id + 1);
    }

    private void push(final int b, final int node) {
        next[node] = head[b];
        head[b] = node;
    }

    /** Unlinks both tuples of an entry still holding its id. */
    void remove(final ConnEntry e) {
        unlink(bucketOf(e.origIps, e.origPorts), 2 * e.id);
        unlink(bucketOf(e.replyIps, e.replyPorts), 2 * e.id + 1);
    }

    private void unlink(final int b, final int node) {
        if (head[b] == node) {
            head[b] = next[node];
            return;
        }
        int n = head[b];
        while (next[n] != node) {
            n = next[n];
        }
        next[n] = next[node];
    }

    /**
     * {@code early_drop()} for a new connection whose original tuple is {@code (ips, ports)}: kills
     * entries through {@link Conntrack#evict} as {@code scan} says, reaps expired ones met on the way
     * through {@link Conntrack#expire}. True if anything was evicted, so the new entry may take a slot.
     */
    boolean earlyDrop(final Conntrack ct, final EarlyDropScan scan, final long ips, final long ports, final long now) {
        int b = bucketOf(ips, ports);
        if (scan == EarlyDropScan.BUCKETS) {
            for (int i = 0; i < EVICTION_RANGE; i++) {
                if (dropList(ct, b, now)) {
                    return true;
                }
                b = (b + 1) % buckets;
            }
            return false;
        }
        ConnEntry victim = null;
        int seen = 0;
        for (int i = 0; i < buckets && victim == null && seen < EVICTION_RANGE; i++) {
            for (int n = head[b]; n != NONE; ) {
                final ConnEntry e = ct.entry(n >> 1);
                final int after = following(n);
                if (e.deadline <= now) {
                    ct.expire(e); // the kernel's timer would have removed it already
                } else if (!e.is(ConnEntry.ASSURED)) {
                    victim = e;
                    if (scan == EarlyDropScan.FIRST_OF_CHAIN) {
                        break;
                    }
                    seen++;
                } else {
                    seen++;
                }
                n = after;
            }
            b = (b + 1) % buckets;
        }
        if (victim == null) {
            return false;
        }
        ct.evict(victim, now);
        return true;
    }

    /**
     * One run of the gc worker ({@code gc_worker()}) from bucket {@code from}: reaps expired entries
     * and, with {@code max95} above 0, kills those {@link GcEarlyDrop#canEarlyDrop} allows while the
     * table holds at least {@code max95}. Stops before the next entry once more than {@code cap} were
     * removed and returns the bucket to resume at; -1 when the walk reached the last bucket.
     */
    int gcRun(final Conntrack ct, final int from, final int max95, final int cap, final long now) {
        int removed = 0;
        for (int b = from; b < buckets; b++) {
            for (int n = head[b]; n != NONE; ) {
                if (removed > cap) {
                    return b;
                }
                final ConnEntry e = ct.entry(n >> 1);
                final int after = following(n);
                if (e.deadline <= now) {
                    ct.expire(e);
                    removed++;
                } else if (max95 > 0 && ct.count() >= max95 && GcEarlyDrop.canEarlyDrop(e)) {
                    ct.gcKill(e, now);
                    removed++;
                }
                n = after;
            }
        }
        return -1;
    }

    /** {@code early_drop_list()}: kills every entry of the chain not assured; true if any. */
    private boolean dropList(final Conntrack ct, final int b, final long now) {
        boolean dropped = false;
        for (int n = head[b]; n != NONE; ) {
            final ConnEntry e = ct.entry(n >> 1);
            final int after = following(n);
            if (e.deadline <= now) {
                ct.expire(e);
            } else if (!e.is(ConnEntry.ASSURED)) {
                ct.evict(e, now);
                dropped = true;
            }
            n = after;
        }
        return dropped;
    }

    /**
     * The node after {@code n}, past the entry's other tuple if that comes next: the kernel's RCU walk
     * goes on through a node just deleted, so killing an entry does not cut the walk short.
     */
    private int following(final int n) {
        int after = next[n];
        if (after != NONE && after >> 1 == n >> 1) {
            after = next[after];
        }
        return after;
    }
}
