package dev.ftpsim.core.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The IPv6 addresses of one {@link Network}, each interned once as an id (see {@link Ipv6}): ids
 * are handed out in the order addresses are first seen, so a run is as deterministic as its
 * scenario. Interning a new address may grow the arrays; looking up a known one (a NAT rule's
 * address at each new connection) and reading an id's bits ({@link #hi}, {@link #lo}) allocate
 * nothing.
 */
public final class Ipv6Addresses {
    /** Ids live in 240.0.0.0/4: 2^28 of them. */
    private static final int MAX = 1 << 28;

    private long[] his = new long[8];
    private long[] los = new long[8];
    private int size;
    /** Open addressing, linear probing: index + 1 of the address in {@link #his}, 0 for empty. */
    private int[] slots = new int[16];

    private static int hash(final long hi, final long lo) {
        final long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** The slot holding the address, or the empty slot where it would go. */
    private int slot(final long hi, final long lo) {
        final int m = slots.length - 1;
        int k = hash(hi, lo) & m;
        while (slots[k] != 0 && (his[slots[k] - 1] != hi || los[slots[k] - 1] != lo)) {
            k = (k + 1) & m;
        }
        return k;
    }

    /** The id of an address, interning it on first use. */
    public int intern(final long hi, final long lo) {
        final int k = slot(hi, lo);
        if (slots[k] != 0) {
            return Ipv6.ID_BASE | (slots[k] - 1);
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
        slots[k] = size + 1;
        final int id = Ipv6.ID_BASE | size++;
        if (2 * size > slots.length) {
            slots = new int[slots.length * 2];
            for (int i = 0; i < size; i++) {
                slots[slot(his[i], los[i])] = i + 1;
            }
        }
        return id;
    }

    /** The id of an address written as text ("2001:db8::1"), interning it. */
    public int parse(final String text) {
        final long[] a = Ipv6.parse(text);
        return intern(a[0], a[1]);
    }

    /** The id of a known address, or 0 if it was never interned. */
    public int lookup(final long hi, final long lo) {
        final int k = slot(hi, lo);
        return slots[k] == 0 ? 0 : Ipv6.ID_BASE | (slots[k] - 1);
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
