package dev.ftpsim.core.net;

import dev.ftpsim.core.util.LongObjectMap;

/**
 * The IPv4 routes of one prefix length by network address, for {@link RouteTable}: open
 * addressing and linear probing, like {@link LongObjectMap}; a removal rebuilds the table (routes
 * are removed rarely, packets look them up all the time). A slot's key
 * holds the network in its low half and, in its high half, which of the node's own addresses the
 * prefix holds ({@link RouteTable#NONE_MINE}, {@link RouteTable#SEVERAL_MINE} or the one address):
 * the probe loads the key anyway, so a forwarded packet learns "not one of mine" from its route
 * without reading the node's address table (a cold line per packet on a router facing 10^5 hosts).
 * Beside the key lie the route's gateway and, in an array of its own, its interface: what a
 * forwarded packet needs, loaded with the key, without the route object in between (one dependent
 * cache miss less per packet on a router facing 10^5 hosts).
 */
final class RouteHash {
    /** The key at [2 slot], the route's gateway at [2 slot + 1]. */
    private long[] keys;
    private Route[] values;
    /** The routes' interfaces; null marks an empty slot (a route always has an interface). */
    private NetInterface[] ifaces;
    private int mask;
    private int size;
    private int resizeAt;

    RouteHash() {
        alloc(LongObjectMap.capacityFor(4));
    }

    private void alloc(final int cap) {
        keys = new long[2 * cap];
        values = new Route[cap];
        ifaces = new NetInterface[cap];
        mask = cap - 1;
        resizeAt = (int) (cap * LongObjectMap.LOAD);
    }

    private static int home(final int network) {
        return LongObjectMap.hash(network & 0xFFFFFFFFL);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The slot of {@code network}'s route, or -1. */
    int slot(final int network) {
        final long[] ks = keys;
        final NetInterface[] is = ifaces;
        int i = home(network) & mask;
        while (is[i] != null) {
            if ((int) ks[2 * i] == network) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    Route route(final int slot) {
        return values[slot];
    }

    /** The interface of the slot's route. */
    NetInterface iface(final int slot) {
        return ifaces[slot];
    }

    /** The gateway of the slot's route, 0 for none. */
    int gateway(final int slot) {
        return (int) keys[2 * slot + 1];
    }

    /** The slot's own-address fact (see the class comment). */
    int mine(final int slot) {
        return (int) (keys[2 * slot] >>> 32);
    }

    private static long key(final int network, final int mine) {
        return (long) mine << 32 | (network & 0xFFFFFFFFL);
    }

    /** Stores {@code r} for {@code network} with its own-address fact; whether the network is new. */
    boolean put(final int network, final Route r, final int mine) {
        int i = home(network) & mask;
        while (values[i] != null) {
            if ((int) keys[2 * i] == network) {
                set(i, key(network, mine), r);
                return false;
            }
            i = (i + 1) & mask;
        }
        set(i, key(network, mine), r);
        if (++size > resizeAt) {
            rehash(values.length * 2);
        }
        return true;
    }

    private void set(final int i, final long key, final Route r) {
        keys[2 * i] = key;
        keys[2 * i + 1] = r.gateway();
        values[i] = r;
        ifaces[i] = java.util.Objects.requireNonNull(r.iface(), "a route needs an interface");
    }

    /** Removes {@code network}'s route; whether there was one. */
    boolean remove(final int network) {
        final int at = slot(network);
        if (at < 0) {
            return false;
        }
        values[at] = null;
        ifaces[at] = null;
        size--;
        rehash(values.length); // the probe chains through the freed slot are placed anew
        return true;
    }

    private void rehash(final int cap) {
        final long[] ok = keys;
        final Route[] ov = values;
        alloc(cap);
        for (int j = 0; j < ov.length; j++) {
            if (ov[j] != null) {
                int i = home((int) ok[2 * j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                set(i, ok[2 * j], ov[j]);
            }
        }
    }

    /** Sets every route's own-address fact from the node's addresses {@code mine[0..n)}, sorted unsigned. */
    void setMine(final int length, final long[] mine, final int n) {
        for (int j = 0; j < values.length; j++) {
            if (values[j] != null) {
                final int network = (int) keys[2 * j];
                keys[2 * j] = key(network, RouteTable.mineIn(network, length, mine, n));
            }
        }
    }

    /** Adds this table's routes to {@code out}. */
    void addTo(final java.util.List<Route> out) {
        for (final Route r : values) {
            if (r != null) {
                out.add(r);
            }
        }
    }
}
