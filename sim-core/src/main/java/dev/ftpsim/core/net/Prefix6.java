package dev.ftpsim.core.net;

/**
 * An IPv6 prefix {@code address/length}; the address is stored with host bits cleared.
 *
 * @param hi     high 64 bits of the network address
 * @param lo     low 64 bits of the network address
 * @param length prefix length 0..128
 */
public record Prefix6(long hi, long lo, int length) {
    public Prefix6 {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " not in 0..128");
        }
        hi &= Ipv6.maskHi(length);
        lo &= Ipv6.maskLo(length);
    }

    /** Parses "2001:db8::/32"; a bare address is a /128. */
    public static Prefix6 parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            final long[] a = Ipv6.parse(text);
            return new Prefix6(a[0], a[1], 128);
        }
        final int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("bad IPv6 prefix '" + text + "': length is not a number");
        }
        if (len < 0 || len > 128) {
            throw new IllegalArgumentException("bad IPv6 prefix '" + text + "': length not in 0..128");
        }
        final long[] a = Ipv6.parse(text.substring(0, slash));
        return new Prefix6(a[0], a[1], len);
    }

    public boolean contains(final long addrHi, final long addrLo) {
        return (addrHi & Ipv6.maskHi(length)) == hi && (addrLo & Ipv6.maskLo(length)) == lo;
    }

    @Override
    public String toString() {
        return Ipv6.format(hi, lo) + "/" + length;
    }
}
