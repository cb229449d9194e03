package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.TcpCtState;
import java.util.Arrays;

/**
 * One rule's list of counted connections, after nf_conncount.c (used by nft_connlimit and
 * xt_connlimit): a connection is added once, by its entry; a connection that left the table, or a
 * TCP one in TIME_WAIT or CLOSE ({@code already_closed}), is dropped from the list when the list is
 * next walked, so counts fall as connections die. An attempt whose first packet was dropped never
 * enters the table and is forgotten the same way (the kernel keeps such entries for one jiffy).
 * Keys hold connlimit's masked address (0 for {@code ct count}). Walking allocates nothing.
 */
final class ConnCountList {
    private long[] keys = new long[8];
    private ConnEntry[] conns = new ConnEntry[8];
    private int size;

    /** Adds {@code e} (null: an untracked packet, counted against but not added) and counts {@code key}'s. */
    int addAndCount(final long key, final ConnEntry e) {
        int count = 0;
        boolean found = false;
        int w = 0;
        for (int r = 0; r < size; r++) {
            final ConnEntry x = conns[r];
            final boolean current = x == e;
            if (!current && !counted(x)) {
                continue;
            }
            conns[w] = x;
            keys[w] = keys[r];
            w++;
            if (keys[r] == key) {
                count++;
                found |= current;
            }
        }
        Arrays.fill(conns, w, size, null);
        size = w;
        if (e != null && !found) {
            if (size == conns.length) {
                conns = Arrays.copyOf(conns, size * 2); // amortised growth, not per packet
                keys = Arrays.copyOf(keys, size * 2);
            }
            conns[size] = e;
            keys[size] = key;
            size++;
            count++;
        }
        return count;
    }

    private static boolean counted(final ConnEntry x) {
        return x.inTable() && x.tcpState() != TcpCtState.TIME_WAIT && x.tcpState() != TcpCtState.CLOSE;
    }
}
