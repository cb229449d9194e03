package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.net.Ipv6Addresses;

/**
 * The address an IPv6 NAT range gives a new connection, as find_best_ips_proto
 * (net/netfilter/nf_nat_core.c) chooses it: a jhash2 of the tuple's source address, seeded with
 * the last word of its destination (0 with {@code persistent}), scaled word by word into the
 * range's words, the destination's words mixed in after each (unless persistent); once a word is
 * below the range's last, the words after it take their full range. So one client keeps one
 * address towards one server, and connections spread over the range.
 */
final class Nat6Range {
    private Nat6Range() { }

    /**
     * The id of the address chosen in {@code r[at..at+3]} (first high, first low, last high, last
     * low) for a connection from {@code src} to {@code dst} (ids). Runs once per new connection:
     * it interns the address (allocating only the first time it is chosen).
     */
    static int choose(final Ipv6Addresses a6, final long[] r, final int src, final int dst, final boolean persistent) {
        if (r[0] == r[2] && r[1] == r[3]) {
            return a6.intern(r[0], r[1]); // "Fast path: only one choice."
        }
        final long sHi = a6.hi(src);
        final long sLo = a6.lo(src);
        final long dHi = a6.hi(dst);
        final long dLo = a6.lo(dst);
        final byte[] key = new byte[16]; // union nf_inet_addr as it lies in memory: network order
        for (int k = 0; k < 8; k++) {
            key[k] = (byte) (sHi >>> (56 - 8 * k));
            key[k + 8] = (byte) (sLo >>> (56 - 8 * k));
        }
        // The kernel reads the __be32 words as host (little-endian) u32s: byte-reversed.
        int j = Jhash.hash(key, 16, persistent ? 0 : Integer.reverseBytes(word(dHi, dLo, 3)));
        boolean fullRange = false;
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            final long minip;
            final long dist;
            final int max = word(r[2], r[3], i);
            if (!fullRange) {
                minip = word(r[0], r[1], i) & 0xffffffffL;
                dist = ((max & 0xffffffffL) - minip + 1) & 0xffffffffL; // u32: a full word wraps to 0
            } else {
                minip = 0;
                dist = 0xffffffffL;
            }
            final int w = (int) (minip + Jhash.scale(j, dist));
            if (w != max) {
                fullRange = true;
            }
            if (!persistent) {
                j ^= Integer.reverseBytes(word(dHi, dLo, i));
            }
            if (i < 2) {
                hi = hi << 32 | (w & 0xffffffffL);
            } else {
                lo = lo << 32 | (w & 0xffffffffL);
            }
        }
        return a6.intern(hi, lo);
    }

    /** Word {@code i} (0..3, most significant first) of an address. */
    private static int word(final long hi, final long lo, final int i) {
        return (int) ((i < 2 ? hi : lo) >>> (i % 2 == 0 ? 32 : 0));
    }
}
