package dev.ftpsim.core.rules;

/**
 * Turns the text of one constant into a typed value, whichever front end read it: addresses with
 * prefixes and ranges, numbers, symbols of the type ({@code established}, {@code echo-request},
 * {@code ssh}), times. A text the type cannot hold is an error naming the type.
 */
final class Constants {
    private Constants() {
    }

    static Expr parse(final DataType type, final String text, final Pos pos) {
        final Expr single = single(type, text, pos);
        if (single != null) {
            return single;
        }
        final int slash = text.lastIndexOf('/');
        if (slash > 0 && (type == DataType.IPV4_ADDR || type == DataType.IPV6_ADDR)) {
            final Expr base = single(type, text.substring(0, slash), pos);
            final Long len = Values.number(text.substring(slash + 1));
            final int max = type == DataType.IPV4_ADDR ? 32 : 128;
            if (base != null && len != null && len <= max) {
                // a full-length prefix is the address itself, as nft lists it
                return len == max ? base : new Expr.Prefix(network(base, len.intValue()), len.intValue(), pos);
            }
        }
        for (int dash = text.indexOf('-'); dash > 0; dash = text.indexOf('-', dash + 1)) {
            final Expr lo = single(type, text.substring(0, dash), pos);
            final Expr hi = single(type, text.substring(dash + 1), pos);
            if (lo != null && hi != null) {
                return range(lo, hi, text, pos);
            }
        }
        throw new ParseFailure(pos, "'" + NftCursor.excerpt(text) + "' is not a valid " + type.nftName() + " value");
    }

    /**
     * A range from {@code lo} to {@code hi}; one that starts above its end is refused, as nft refuses
     * it ("Range has zero or negative size"), instead of a match that never matches.
     */
    static Expr.Range range(final Expr lo, final Expr hi, final String text, final Pos pos) {
        final int c = lo instanceof Expr.Num a && hi instanceof Expr.Num b ? Long.compareUnsigned(a.value(), b.value())
                : lo instanceof Expr.Ip4 a && hi instanceof Expr.Ip4 b ? Integer.compareUnsigned(a.addr(), b.addr())
                : lo instanceof Expr.Ip6 a && hi instanceof Expr.Ip6 b ? (a.hi() != b.hi()
                        ? Long.compareUnsigned(a.hi(), b.hi()) : Long.compareUnsigned(a.lo(), b.lo()))
                : lo instanceof Expr.Mac a && hi instanceof Expr.Mac b ? Long.compareUnsigned(a.addr(), b.addr()) : 0;
        if (c > 0) {
            throw new ParseFailure(pos, "range '" + NftCursor.excerpt(text) + "' is empty: its start is above its end");
        }
        return new Expr.Range(lo, hi, pos);
    }

    /** The prefix's network address: host bits cleared, as the kernel stores it. */
    private static Expr network(final Expr base, final int len) {
        if (base instanceof Expr.Ip4 a) {
            return new Expr.Ip4(len == 0 ? 0 : a.addr() & (int) (0xffffffffL << (32 - len)), a.pos());
        }
        final Expr.Ip6 a = (Expr.Ip6) base;
        final long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
        final long loMask = len >= 128 ? -1L : len <= 64 ? 0 : -1L << (128 - len);
        return new Expr.Ip6(a.hi() & hiMask, a.lo() & loMask, a.pos());
    }

    private static Expr single(final DataType type, final String text, final Pos pos) {
        switch (type) {
            case IPV4_ADDR: {
                final Integer v = Values.ipv4(text);
                return v == null ? null : new Expr.Ip4(v, pos);
            }
            case IPV6_ADDR: {
                final long[] v = Values.ipv6(text);
                return v == null ? null : new Expr.Ip6(v[0], v[1], pos);
            }
            case ETHER_ADDR: {
                final Long v = Values.mac(text);
                return v == null ? null : new Expr.Mac(v, pos);
            }
            case IFNAME:
                // nft's ifname type is IFNAMSIZ (16) bytes with the NUL (src/meta.c; src/evaluate.c's words)
                if (text.isEmpty()) {
                    throw new ParseFailure(pos, "Empty string is not allowed");
                }
                if (text.equals("*")) {
                    throw new ParseFailure(pos, "All-wildcard strings are not supported");
                }
                if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 16) {
                    throw new ParseFailure(pos, "String exceeds maximum length of 16");
                }
                return new Expr.Str(text, pos);
            case STRING:
                return new Expr.Str(text, pos);
            case IFINDEX: {
                final Long exists = DataType.BOOLEAN.symbol(text);
                if (exists != null) {
                    return new Expr.Num(DataType.BOOLEAN, exists, pos);
                }
                final Long n = Values.number(text);
                return n != null ? new Expr.Num(type, n, pos) : new Expr.Str(text, pos);
            }
            case TIME: {
                final long ms = Values.timeMs(text);
                return ms < 0 ? null : new Expr.Num(type, ms, pos);
            }
            default: {
                final Long sym = type.symbol(text);
                if (sym != null) {
                    return new Expr.Num(type, sym, pos);
                }
                final Long n = Values.number(text);
                if (n == null) {
                    return null;
                }
                if (type.bits() < 64 && type.bits() > 0 && Long.compareUnsigned(n, (1L << type.bits()) - 1) > 0) {
                    // nft's words (src/datatype.c for services and protocols, src/evaluate.c for the rest)
                    throw new ParseFailure(pos, type == DataType.INET_SERVICE ? "Service out of range"
                            : type == DataType.INET_PROTO ? "Protocol out of range" : "Value " + Long.toUnsignedString(n)
                            + " exceeds valid range 0-" + ((1L << type.bits()) - 1));
                }
                return new Expr.Num(type, n, pos);
            }
        }
    }
}
