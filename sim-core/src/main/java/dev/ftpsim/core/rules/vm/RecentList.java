package dev.ftpsim.core.rules.vm;

/**
 * One list of xtables' {@code recent} match (net/netfilter/xt_recent.c): up to {@link #ENTRIES}
 * addresses, each with its last {@link #STAMPS} hit times, the oldest address evicted first.
 * Fixed arrays: the packet path allocates nothing.
 */
final class RecentList {
    /** ip_list_tot, the module's default list size. */
    static final int ENTRIES = 100;
    /** ip_pkt_list_tot, the module's default number of remembered hits per address. */
    static final int STAMPS = 20;

    private final long[] addr = new long[ENTRIES];
    private final long[] stamps = new long[ENTRIES * STAMPS];
    private final int[] count = new int[ENTRIES];
    private final int[] next = new int[ENTRIES];
    private final long[] used = new long[ENTRIES];
    private int size;

    /**
     * Applies one operation ({@code 0} set, 1 rcheck, 2 update, 3 remove) for {@code key} at {@code now};
     * returns whether the match holds before inversion, as recent_mt does.
     */
    boolean apply(final int op, final long key, final long now, final long secondsNs, final int hitcount) {
        int e = -1;
        for (int i = 0; i < size; i++) {
            if (addr[i] == key) {
                e = i;
                break;
            }
        }
        if (op == 0) {
            if (e < 0) {
                e = insert(key);
            }
            stamp(e, now);
            return true;
        }
        if (e < 0) {
            return false;
        }
        if (op == 3) {
            remove(e);
            return true;
        }
        boolean hit = false;
        if (secondsNs > 0 || hitcount > 0) {
            int hits = 0;
            for (int i = 0; i < count[e]; i++) {
                if (secondsNs > 0 && stamps[e * STAMPS + i] < now - secondsNs) {
                    continue;
                }
                if (hitcount == 0 || ++hits >= hitcount) {
                    hit = true;
                    break;
                }
            }
        } else {
            hit = true;
        }
        if (op == 2) {
            stamp(e, now);
        }
        return hit;
    }

    private int insert(final long key) {
        if (size == ENTRIES) {
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (used[i] < used[oldest]) {
                    oldest = i;
                }
            }
            remove(oldest);
        }
        addr[size] = key;
        count[size] = 0;
        next[size] = 0;
        return size++;
    }

    private void stamp(final int e, final long now) {
        stamps[e * STAMPS + next[e]] = now;
        next[e] = (next[e] + 1) % STAMPS;
        count[e] = Math.min(STAMPS, count[e] + 1);
        used[e] = now;
    }

    private void remove(final int e) {
        final int last = size - 1;
        addr[e] = addr[last];
        count[e] = count[last];
        next[e] = next[last];
        used[e] = used[last];
        System.arraycopy(stamps, last * STAMPS, stamps, e * STAMPS, STAMPS);
        size--;
    }
}
