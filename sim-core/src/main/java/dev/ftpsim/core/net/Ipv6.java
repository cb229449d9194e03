package dev.ftpsim.core.net;

/**
 * IPv6 addresses as two longs (the high and low 64 bits, network order), and the ids that carry
 * them in a packet's {@code int} address fields.
 *
 * <p>Why ids: every table keyed by address (TCP demultiplexing, conntrack tuples, expectations,
 * interface lookup) takes an {@code int}, and an IPv4 packet must stay as cheap as it is. An IPv6
 * address used in a simulation is therefore interned once by its network's {@link Ipv6Addresses}
 * as an id in 240.0.0.0/4, the block RFC 1112 section 4 reserves "for future addressing modes"
 * (RFC 6890: reserved, never forwarded): ids never meet an IPv4 address, a packet is IPv6 exactly
 * when its addresses are ids, and no table needs a family bit. Scenario addresses in 240.0.0.0/4
 * are refused for that reason.
 */
public final class Ipv6 {
    private Ipv6() {}

    /** First id: 240.0.0.0. */
    public static final int ID_BASE = 0xF000_0000;

    /** Whether {@code a} is an IPv6 address id rather than an IPv4 address. */
    public static boolean isId(final int a) {
        return (a >>> 28) == 0xF;
    }

    /** Mask of the high word for a prefix length 0..128. */
    public static long maskHi(final int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** Mask of the low word for a prefix length 0..128. */
    public static long maskLo(final int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    /** Whether a text looks like an IPv6 address (has a colon) rather than a dotted quad. */
    public static boolean looksLike(final String text) {
        return text != null && text.indexOf(':') >= 0;
    }

    /**
     * Parses the text forms of RFC 4291 section 2.2 ("2001:db8::1", "::ffff:192.0.2.1"), blanks
     * around allowed: {high, low}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static long[] parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("null IPv6 address");
        }
        final String s = text.strip();
        final int[] words = new int[8];
        int n = 0;
        int gap = -1;
        final String[] parts = s.split(":", -1);
        if (parts.length < 3 || parts.length > 9) {
            throw bad(text, "expected 8 groups of hex digits separated by ':', or '::'");
        }
        for (int i = 0; i < parts.length; i++) {
            final String x = parts[i];
            if (x.isEmpty()) {
                final boolean edge = (i == 0 && parts[1].isEmpty()) || (i == parts.length - 1 && parts[i - 1].isEmpty());
                if (edge) {
                    continue;
                }
                if (gap >= 0) {
                    throw bad(text, "'::' may appear only once");
                }
                gap = n;
                continue;
            }
            if (i == parts.length - 1 && x.indexOf('.') >= 0) {
                final long v4 = Ipv4.tryParse(x);
                if (v4 < 0 || n > 6) {
                    throw bad(text, "'" + x + "' is not an embedded IPv4 address");
                }
                words[n++] = (int) (v4 >>> 16);
                words[n++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (x.length() > 4 || !x.chars().allMatch(c -> Character.digit(c, 16) >= 0) || n == 8) {
                throw bad(text, "'" + x + "' is not a group of 1-4 hex digits");
            }
            words[n++] = Integer.parseInt(x, 16);
        }
        if (gap < 0 && n != 8 || gap >= 0 && n == 8) {
            throw bad(text, "expected 8 groups of hex digits separated by ':', or '::'");
        }
        final int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(words, 0, full, 0, 8);
        } else {
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - (n - gap), n - gap);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | full[i];
            lo = lo << 16 | full[i + 4];
        }
        return new long[] {hi, lo};
    }

    private static IllegalArgumentException bad(final String text, final String why) {
        return new IllegalArgumentException("bad IPv6 address '" + text + "': " + why);
    }

    /** The RFC 5952 form: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    public static String format(final long hi, final long lo) {
        final int[] w = new int[8];
        for (int i = 0; i < 4; i++) {
            w[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            w[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        final StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(w[i]));
        }
        return b.toString();
    }
}
