package dev.ftpsim.core.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPv6 addresses of one {@link Network}, each interned once as an id (see {@link Ipv6}): ids
 * are handed out in the order addresses are first seen, so a run is as deterministic as its
 * scenario. Interning allocates; it happens when a scenario is built, when a rule is bound and
 * when a control message (EPRT) names a new address, never per forwarded packet. Reading an
 * id's bits ({@link #hi}, {@link #lo}) allocates nothing.
 */
public final class Ipv6Addresses {
    /** Ids live in 240.0.0.0/4: 2^28 of them. */
    private static final int MAX = 1 << 28;

    private long[] his = new long[8];
    private long[] los = new long[8];
    private int size;
    private final Map<List<Long>, Integer> ids = new HashMap<>();

    /** The id of an address, interning it on first use. */
    public int intern(final long hi, final long lo) {
        final List<Long> key = List.of(hi, lo);
        final Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        if (size == MAX) {
            throw new IllegalStateException("more than " + MAX + " IPv6 addresses in one network");
        }
        if (size == his.length) {
            his = java.util.Arrays.copyOf(his, size * 2);
            los = java.util.Arrays.copyOf(los, size * 2);
        }
        his[size] = hi;
        los[size] = lo;
        final int id = Ipv6.ID_BASE | size++;
        ids.put(key, id);
        return id;
    }

    /** The id of an address written as text ("2001:db8::1"), interning it. */
    public int parse(final String text) {
        final long[] a = Ipv6.parse(text);
        return intern(a[0], a[1]);
    }

    /** The id of a known address, or 0 if it was never interned. */
    public int lookup(final long hi, final long lo) {
        final Integer known = ids.get(List.of(hi, lo));
        return known == null ? 0 : known;
    }

    /** The high 64 bits of an id's address. */
    public long hi(final int id) {
        return his[index(id)];
    }

    /** The low 64 bits of an id's address. */
    public long lo(final int id) {
        return los[index(id)];
    }

    private int index(final int id) {
        final int i = id & ~Ipv6.ID_BASE;
        if (!Ipv6.isId(id) || i >= size) {
            throw new IllegalArgumentException("not an IPv6 address id of this network: " + Integer.toHexString(id));
        }
        return i;
    }

    /** The text form of an id's address (RFC 5952). */
    public String format(final int id) {
        return Ipv6.format(hi(id), lo(id));
    }

    /** Either family's text form: an IPv4 address dotted, an id as IPv6. */
    public String formatAny(final int address) {
        return Ipv6.isId(address) ? format(address) : Ipv4.format(address);
    }

    /** Addresses interned so far, in id order (for tests and diagnostics). */
    public List<String> all() {
        final List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(Ipv6.format(his[i], los[i]));
        }
        return out;
    }
}
