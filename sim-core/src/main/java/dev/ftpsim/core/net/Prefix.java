package dev.ftpsim.core.net;

/**
 * An IPv4 prefix {@code address/length}; the address is stored with host bits cleared.
 *
 * @param network network address, host bits zero
 * @param length  prefix length 0..32
 */
public record Prefix(int network, int length) {
    public Prefix {
        network &= Ipv4.mask(length);
    }

    /** Parses "203.0.113.0/24"; a bare address is a /32. */
    public static Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            return new Prefix(Ipv4.parse(text), 32);
        }
        final int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix '" + text + "': length is not a number");
        }
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("bad prefix '" + text + "': length not in 0..32");
        }
        return new Prefix(Ipv4.parse(text.substring(0, slash)), len);
    }

    public int mask() {
        return Ipv4.mask(length);
    }

    public boolean contains(final int address) {
        return (address & mask()) == network;
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + length;
    }
}
