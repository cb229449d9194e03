package dev.ftpsim.core.net;

import dev.ftpsim.core.util.LongObjectMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Longest-prefix match with one hash table per prefix length in use (Waldvogel-style without the
 * binary search): a lookup probes only the lengths that hold routes, longest first, so its cost
 * depends on the number of distinct lengths (a handful), never on the number of routes.
 */
public final class RouteTable {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final LongObjectMap<Route>[] byLength = new LongObjectMap[33];
    /** Bit {@code L} set when some route has prefix length L. */
    private long lengths;
    private int size;

    /** Adds or replaces the route for its prefix. */
    public void add(final Route r) {
        final int len = r.prefix().length();
        LongObjectMap<Route> m = byLength[len];
        if (m == null) {
            m = byLength[len] = new LongObjectMap<>(4);
        }
        if (m.put(r.prefix().network() & 0xFFFFFFFFL, r) == null) {
            size++;
        }
        lengths |= 1L << len;
    }

    public boolean remove(final Prefix p) {
        final LongObjectMap<Route> m = byLength[p.length()];
        if (m == null || m.remove(p.network() & 0xFFFFFFFFL) == null) {
            return false;
        }
        size--;
        if (m.isEmpty()) {
            lengths &= ~(1L << p.length());
        }
        return true;
    }

    /** The most specific route to {@code dst}, or null. */
    public Route lookup(final int dst) {
        long ls = lengths;
        while (ls != 0) {
            final int len = 63 - Long.numberOfLeadingZeros(ls);
            final Route r = byLength[len].get((dst & Ipv4.mask(len)) & 0xFFFFFFFFL);
            if (r != null) {
                return r;
            }
            ls &= ~(1L << len);
        }
        return null;
    }

    public int size() {
        return size;
    }

    /** All routes, longest prefixes first, then by network address (deterministic). */
    public List<Route> routes() {
        final List<Route> out = new ArrayList<>(size);
        for (int len = 32; len >= 0; len--) {
            if (byLength[len] != null) {
                final List<Route> part = new ArrayList<>();
                byLength[len].forEach((k, r) -> part.add(r));
                part.sort((x, y) -> Integer.compareUnsigned(x.prefix().network(), y.prefix().network()));
                out.addAll(part);
            }
        }
        return out;
    }
}
