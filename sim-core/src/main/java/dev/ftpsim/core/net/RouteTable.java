package dev.ftpsim.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Longest-prefix match with one hash table per prefix length in use (Waldvogel-style without the
 * binary search): a lookup probes only the lengths that hold routes, longest first, so its cost
 * depends on the number of distinct lengths (a handful), never on the number of routes.
 *
 * <p>A table of a few routes (a host's connected subnet and default route) is a short array
 * sorted longest prefix first instead, searched in order: the first prefix that holds the
 * destination is the longest match, as routes of one length never overlap. This keeps the
 * million hosts of a host group small; past {@link #FEW} routes the table switches to the hashes.
 *
 * <p>IPv6 routes are a separate short array, longest prefix first, searched in order: a node has
 * a handful of them, and an IPv4 lookup never looks at them.
 *
 * <p>A router asks {@link #forward} whether a packet's destination is one of its own addresses
 * together with its route: each hashed route keeps which of the node's addresses its prefix holds
 * (see {@link RouteHash}), so a route holding none, or one other than the destination, answers
 * "not mine" without the node's address table.
 */
public final class RouteTable {
    private static final int FEW = 4;
    private static final Route[] NONE = new Route[0];

    /** The routes while there are at most {@link #FEW}, longest prefix first; null after the switch. */
    private Route[] few = NONE;
    /**
     * {@code few[i]}'s mask (high half) and network (low half): a lookup compares these and reads
     * only the route it returns, not each route and its prefix (cold objects at 10^5 hosts).
     */
    private long[] fewKeys = NO_KEYS;
    private static final long[] NO_KEYS = new long[0];
    private RouteHash[] byLength;
    /** Bit {@code L} set when some route has prefix length L. */
    private long lengths;
    private int size;
    /** IPv6 routes, longest prefix first. */
    private Route[] v6 = NONE;
    /** Resolves IPv6 ids to bits; null until the node sets it. */
    private Ipv6Addresses addresses;
    /** Set when the hashed routes' own-address facts must be recomputed before the next {@link #forward}. */
    private boolean mineStale;

    /** {@link #forward}'s answer for a destination that is one of the node's own addresses. */
    static final Route LOCAL = new Route((Prefix) null, 0, null);
    /** {@link #forward}'s answer for a hashed route: its interface and gateway are in {@link #via}. */
    private static final Route HASHED = new Route((Prefix) null, 0, null);
    /** The interface and gateway of {@link #forward}'s last hashed route, read without the route object. */
    private NetInterface viaIface;
    private int viaGateway;
    /** A route's fact when its prefix holds none of the node's addresses (in 240/4: never an IPv4 one's). */
    static final int NONE_MINE = 0xFFFF_FFFE;
    /** A route's fact when its prefix holds several of the node's addresses, or it is not known yet. */
    static final int SEVERAL_MINE = 0xFFFF_FFFF;

    public RouteTable() {
    }

    /** A table that can hold IPv6 routes, resolving ids with {@code addresses}. */
    public RouteTable(final Ipv6Addresses addresses) {
        this.addresses = addresses;
    }

    /** Adds or replaces the route for its prefix. */
    public void add(final Route r) {
        if (r.prefix6() != null) {
            addV6(r);
            return;
        }
        if (few != null) {
            addFew(r);
            return;
        }
        final int len = r.prefix().length();
        RouteHash m = byLength[len];
        if (m == null) {
            m = byLength[len] = new RouteHash();
        }
        if (m.put(r.prefix().network(), r, SEVERAL_MINE)) { // SEVERAL_MINE: forward asks the node
            size++;
        }
        lengths |= 1L << len;
    }

    private void addFew(final Route r) {
        for (int i = 0; i < few.length; i++) {
            if (few[i].prefix().equals(r.prefix())) {
                few[i] = r;
                return;
            }
        }
        if (few.length == FEW) {
            final Route[] old = few;
            few = null;
            fewKeys = null;
            byLength = new RouteHash[33];
            mineStale = true;
            size = 0;
            for (final Route o : old) {
                add(o);
            }
            add(r);
            return;
        }
        setFew(insertByLength(few, r, r.prefix().length(), false));
        size++;
    }

    private void addV6(final Route r) {
        if (addresses == null) {
            throw new IllegalStateException("this route table holds no IPv6 routes");
        }
        for (int i = 0; i < v6.length; i++) {
            if (v6[i].prefix6().equals(r.prefix6())) {
                v6[i] = r;
                return;
            }
        }
        v6 = insertByLength(v6, r, r.prefix6().length(), true);
    }

    /** Sets the few routes and their keys. */
    private void setFew(final Route[] routes) {
        final long[] keys = new long[routes.length];
        for (int i = 0; i < routes.length; i++) {
            final Prefix p = routes[i].prefix();
            keys[i] = (long) Ipv4.mask(p.length()) << 32 | (p.network() & 0xFFFFFFFFL);
        }
        few = routes;
        fewKeys = keys;
    }

    /** A copy of {@code routes} (longest prefix first) with {@code r}, of prefix length {@code len}, in its place. */
    private static Route[] insertByLength(final Route[] routes, final Route r, final int len, final boolean v6) {
        int at = routes.length;
        while (at > 0 && (v6 ? routes[at - 1].prefix6().length() : routes[at - 1].prefix().length()) < len) {
            at--;
        }
        final Route[] next = new Route[routes.length + 1];
        System.arraycopy(routes, 0, next, 0, at);
        next[at] = r;
        System.arraycopy(routes, at, next, at + 1, routes.length - at);
        return next;
    }

    /** The most specific IPv6 route to an address given by its bits, or null. */
    public Route lookup6(final long hi, final long lo) {
        for (final Route r : v6) {
            if (r.prefix6().contains(hi, lo)) {
                return r;
            }
        }
        return null;
    }

    /** IPv6 routes, longest prefixes first. */
    public List<Route> routes6() {
        return List.of(v6);
    }

    public boolean remove(final Prefix p) {
        if (few != null) {
            for (int i = 0; i < few.length; i++) {
                if (few[i].prefix().equals(p)) {
                    final Route[] next = new Route[few.length - 1];
                    System.arraycopy(few, 0, next, 0, i);
                    System.arraycopy(few, i + 1, next, i, few.length - i - 1);
                    setFew(next);
                    size--;
                    return true;
                }
            }
            return false;
        }
        final RouteHash m = byLength[p.length()];
        if (m == null || !m.remove(p.network())) {
            return false;
        }
        size--;
        if (m.isEmpty()) {
            lengths &= ~(1L << p.length());
        }
        return true;
    }

    /** The most specific route to {@code dst} (an IPv4 address or an {@link Ipv6} id), or null. */
    public Route lookup(final int dst) {
        if (Ipv6.isId(dst)) {
            return v6.length == 0 ? null : lookup6(addresses.hi(dst), addresses.lo(dst));
        }
        final long[] keys = fewKeys;
        if (keys != null) {
            for (int i = 0; i < keys.length; i++) {
                final long k = keys[i];
                if ((dst & (int) (k >>> 32)) == (int) k) { // as the hash key is built
                    return few[i];
                }
            }
            return null;
        }
        final long at = find(dst);
        return at < 0 ? null : byLength[(int) (at >>> 32)].route((int) at);
    }

    /** The prefix length (high half) and slot (low half) of the hashed route to IPv4 {@code dst}, or -1. */
    private long find(final int dst) {
        long ls = lengths;
        while (ls != 0) {
            final int len = 63 - Long.numberOfLeadingZeros(ls);
            final int slot = byLength[len].slot(dst & Ipv4.mask(len));
            if (slot >= 0) {
                return (long) len << 32 | slot;
            }
            ls &= ~(1L << len);
        }
        return -1;
    }

    /** Tells the table that {@code node}, its owner, has a new address: the routes' facts are redone when next needed. */
    void addressesChanged() {
        mineStale = true;
    }

    /**
     * The route of a packet {@code node} (the table's owner) forwards to {@code dst}, or {@link #LOCAL}
     * when {@code dst} is one of the node's addresses ({@link Node#interfaceFor}), or null without a
     * route: the answer {@code interfaceFor} then {@link #lookup} would give, but a hashed IPv4 route
     * whose prefix holds none of the node's addresses, or one other than {@code dst}, answers without
     * the node's address table (its longest match holds {@code dst}, so it holds {@code dst}'s owner).
     */
    Route forward(final int dst, final Node node) {
        if (few == null && !Ipv6.isId(dst)) {
            if (mineStale) {
                refreshMine(node);
            }
            final long at = find(dst);
            if (at >= 0) {
                final RouteHash m = byLength[(int) (at >>> 32)];
                final int slot = (int) at;
                final int mine = m.mine(slot);
                if (mine == NONE_MINE || mine != SEVERAL_MINE && mine != dst) {
                    return hashed(m, slot);
                }
                return mine == dst || node.interfaceFor(dst) != null ? LOCAL : hashed(m, slot);
            }
        }
        return node.interfaceFor(dst) != null ? LOCAL : lookup(dst);
    }

    private Route hashed(final RouteHash m, final int slot) {
        viaIface = m.iface(slot);
        viaGateway = m.gateway(slot);
        return HASHED;
    }

    /**
     * The interface out of {@link #forward}'s route {@code r} (neither null nor {@link #LOCAL}),
     * which must be the table's last answer; sets {@code p}'s next hop: the gateway, or {@code p}'s
     * destination on a connected route.
     */
    NetInterface via(final Route r, final Packet p) {
        final int gw = r == HASHED ? viaGateway : r.gateway();
        p.nextHop = gw != 0 ? gw : p.dst;
        return r == HASHED ? viaIface : r.iface();
    }

    /** Recomputes every hashed route's own-address fact from {@code node}'s IPv4 addresses. */
    private void refreshMine(final Node node) {
        final List<NetInterface> all = node.interfaces();
        final long[] mine = new long[all.size()];
        int n = 0;
        for (final NetInterface i : all) {
            if (!Ipv6.isId(i.address())) { // an IPv6-only interface's address is its id
                mine[n++] = i.address() & 0xFFFFFFFFL;
            }
        }
        Arrays.sort(mine, 0, n);
        for (int len = 0; len <= 32; len++) {
            if (byLength[len] != null) {
                byLength[len].setMine(len, mine, n);
            }
        }
        mineStale = false;
    }

    /** Which of the addresses {@code mine[0..n)} (sorted unsigned) prefix {@code network/length} holds: see {@link RouteHash}. */
    static int mineIn(final int network, final int length, final long[] mine, final int n) {
        final long first = network & 0xFFFFFFFFL;
        final long last = first | (~Ipv4.mask(length) & 0xFFFFFFFFL);
        int at = Arrays.binarySearch(mine, 0, n, first);
        if (at < 0) {
            at = -at - 1;
        }
        if (at == n || mine[at] > last) {
            return NONE_MINE;
        }
        int next = at + 1;
        while (next < n && mine[next] == mine[at]) { // two interfaces may share an address
            next++;
        }
        return next < n && mine[next] <= last ? SEVERAL_MINE : (int) mine[at];
    }

    public int size() {
        return size;
    }

    /** All routes, longest prefixes first, then by network address (deterministic). */
    public List<Route> routes() {
        if (few != null) {
            final List<Route> out = new ArrayList<>(Arrays.asList(few));
            out.sort((x, y) -> x.prefix().length() != y.prefix().length()
                    ? Integer.compare(y.prefix().length(), x.prefix().length())
                    : Integer.compareUnsigned(x.prefix().network(), y.prefix().network()));
            return out;
        }
        final List<Route> out = new ArrayList<>(size);
        for (int len = 32; len >= 0; len--) {
            if (byLength[len] != null) {
                final List<Route> part = new ArrayList<>();
                byLength[len].addTo(part);
                part.sort((x, y) -> Integer.compareUnsigned(x.prefix().network(), y.prefix().network()));
                out.addAll(part);
            }
        }
        return out;
    }
}
