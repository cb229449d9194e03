package dev.ftpsim.core.net;

/** IPv4 addresses as {@code int} (network order: the first octet in the high byte). */
public final class Ipv4 {
    private Ipv4() {}

    /** Returned by {@link #tryParse} for text that is not a dotted quad. */
    public static final long INVALID = -1;

    /**
     * Parses dotted-quad "192.0.2.1", surrounding blanks allowed, for what users write.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static int parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("null IPv4 address");
        }
        final long a = scan(text.strip());
        if (a >= 0) {
            return (int) a;
        }
        if (a == WRONG_PARTS) {
            throw new IllegalArgumentException("bad IPv4 address '" + text + "': expected four dotted octets like 192.0.2.1");
        }
        final long bad = -a - BAD_OCTET;
        if (bad < 256) {
            throw new IllegalArgumentException("bad IPv4 address '" + text + "': '"
                    + text.strip().split("\\.", -1)[(int) bad] + "' is not an octet");
        }
        throw new IllegalArgumentException("bad IPv4 address '" + text + "': octet " + (bad - 256) + " > 255");
    }

    /**
     * Parses a dotted quad exactly as written (no blanks), as protocols and rule files carry it:
     * the address as an unsigned value, or {@link #INVALID}.
     */
    public static long tryParse(final String text) {
        final long a = text == null ? INVALID : scan(text);
        return a >= 0 ? a : INVALID;
    }

    private static final long WRONG_PARTS = -1;
    private static final long BAD_OCTET = 2;

    /**
     * The one dotted-quad parser: four parts of 1-3 ASCII digits, each at most 255. Returns the
     * address (unsigned), or {@link #WRONG_PARTS}, or -(BAD_OCTET + i) for a part i that is not an
     * octet, or -(BAD_OCTET + 256 + v) for an octet v above 255.
     */
    private static long scan(final String s) {
        final String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return WRONG_PARTS;
        }
        long a = 0;
        for (int i = 0; i < 4; i++) {
            final String x = parts[i];
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -(BAD_OCTET + i);
            }
            final int v = Integer.parseInt(x);
            if (v > 255) {
                return -(BAD_OCTET + 256 + v);
            }
            a = a << 8 | v;
        }
        return a;
    }

    /** Dotted-quad form of an address: 192.0.2.1. */
    public static String format(final int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** Network mask of a prefix length: 24 gives 255.255.255.0. */
    public static int mask(final int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " not in 0..32");
        }
        return length == 0 ? 0 : -1 << (32 - length);
    }
}
