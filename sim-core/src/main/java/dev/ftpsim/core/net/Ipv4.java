package dev.ftpsim.core.net;

/** IPv4 addresses as {@code int} (network order: the first octet in the high byte). */
public final class Ipv4 {
    private Ipv4() {}

    /** Parses dotted-quad "192.0.2.1". */
    public static int parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("null IPv4 address");
        }
        final String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address '" + text + "': expected four dotted octets like 192.0.2.1");
        }
        int a = 0;
        for (final String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad IPv4 address '" + text + "': '" + p + "' is not an octet");
            }
            final int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("bad IPv4 address '" + text + "': octet " + v + " > 255");
            }
            a = (a << 8) | v;
        }
        return a;
    }

    public static String format(final int a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** Network mask of a prefix length: 24 gives 255.255.255.0. */
    public static int mask(final int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " not in 0..32");
        }
        return length == 0 ? 0 : -1 << (32 - length);
    }
}
