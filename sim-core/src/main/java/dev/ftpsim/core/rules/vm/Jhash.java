package dev.ftpsim.core.rules.vm;

/**
 * The kernel's jhash (Bob Jenkins' lookup3, include/linux/jhash.h) over bytes, as nft_jhash_eval
 * (net/netfilter/nft_hash.c) hashes a key's register bytes; words are read little-endian, as on x86.
 */
public final class Jhash {
    /** JHASH_INITVAL. */
    private static final int INITVAL = 0xdeadbeef;

    private Jhash() { }

    /** jhash(key, length, initval). */
    static int hash(final byte[] k, final int length, final int initval) {
        int a = INITVAL + length + initval;
        int b = a;
        int c = a;
        int off = 0;
        int len = length;
        while (len > 12) {
            a += word(k, off);
            b += word(k, off + 4);
            c += word(k, off + 8);
            // __jhash_mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            len -= 12;
            off += 12;
        }
        if (len == 0) {
            return c;
        }
        for (int i = len - 1; i >= 0; i--) { // the tail switch's fall-through, byte by byte
            final int v = (k[off + i] & 0xff) << (8 * (i & 3));
            if (i >= 8) {
                c += v;
            } else if (i >= 4) {
                b += v;
            } else {
                a += v;
            }
        }
        return fin(a, b, c);
    }

    /**
     * jhash2 of an IPv4 address as {@code union nf_inet_addr} holds it (four words, the last three 0),
     * as nf_nat_core.c hashes tuple addresses: jhash2 of n words is jhash of their 4n bytes read back
     * little-endian (same initial value, same blocks, same tail).
     */
    public static int hash2(final int word0, final int initval) {
        final byte[] b = new byte[16]; // once per NAT binding, not per packet
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (word0 >>> 8 * i);
        }
        return hash(b, 16, initval);
    }

    /** __jhash_final. */
    private static int fin(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(final byte[] k, final int o) {
        return (k[o] & 0xff) | (k[o + 1] & 0xff) << 8 | (k[o + 2] & 0xff) << 16 | (k[o + 3] & 0xff) << 24;
    }

    /** reciprocal_scale (include/linux/math.h): {@code val} scaled into {@code [0, range)}. */
    public static long scale(final int val, final long range) {
        return ((val & 0xffffffffL) * range) >>> 32;
    }
}
