package dev.ftpsim.core.rules;

/**
 * The address and port of a NAT statement written as one word, in every form nft prints or takes:
 * {@code 10.0.0.2:22}, {@code 10.0.0.2}, {@code :2222}, {@code [2001:db8::1]:21}, {@code 2001:db8::1},
 * ranges {@code 10.0.0.1-10.0.0.9:1000-2000}, {@code 2001:db8::1-2001:db8::5},
 * {@code [2001:db8::1]-[2001:db8::5]:1000-2000}; for masquerade and redirect only a port ({@code :26}, {@code 26}).
 */
record NatTarget(Expr addr, Expr port) {
    static NatTarget parse(final String text, final int fam, final Family table, final Stmt.NatKind kind,
            final Pos pos) {
        if (kind == Stmt.NatKind.MASQUERADE || kind == Stmt.NatKind.REDIRECT) {
            return new NatTarget(null, port(text.startsWith(":") ? text.substring(1) : text, pos));
        }
        if (text.startsWith(":")) {
            return new NatTarget(null, port(text.substring(1), pos));
        }
        if (text.startsWith("[")) {
            final int close = text.indexOf(']');
            if (close < 0) {
                throw new ParseFailure(pos, "missing ']' after an IPv6 address");
            }
            Expr addr = Constants.parse(DataType.IPV6_ADDR, text.substring(1, close), pos);
            String rest = text.substring(close + 1);
            if (rest.startsWith("-[")) { // [A]-[B] and [A]-[B]:P as nft writes an IPv6 range (tests/py/ip6/dnat.t)
                final int close2 = rest.indexOf(']');
                if (close2 < 0) {
                    throw new ParseFailure(pos, "missing ']' after an IPv6 address");
                }
                addr = Constants.range(addr, Constants.parse(DataType.IPV6_ADDR, rest.substring(2, close2), pos),
                        text.substring(0, close + 1 + close2 + 1), pos);
                rest = rest.substring(close2 + 1);
            }
            if (rest.isEmpty()) {
                return new NatTarget(addr, null);
            }
            if (!rest.startsWith(":")) {
                throw new ParseFailure(pos, "expected ':port' after ']'");
            }
            return new NatTarget(addr, port(rest.substring(1), pos));
        }
        final long colons = text.chars().filter(c -> c == ':').count();
        final boolean v6 = fam == 10 || fam == 0 && table == Family.IP6 || colons > 1;
        if (v6) {
            if (fam == 2) {
                throw new ParseFailure(pos, "'" + text + "' is not an IPv4 address");
            }
            return new NatTarget(Constants.parse(DataType.IPV6_ADDR, text, pos), null);
        }
        final int colon = text.indexOf(':');
        final String a = colon < 0 ? text : text.substring(0, colon);
        final Expr addr = Constants.parse(DataType.IPV4_ADDR, a, pos);
        if (addr instanceof Expr.Prefix) {
            return new NatTarget(addr, colon < 0 ? null : port(text.substring(colon + 1), pos));
        }
        return new NatTarget(addr, colon < 0 ? null : port(text.substring(colon + 1), pos));
    }

    private static Expr port(final String text, final Pos pos) {
        return Constants.parse(DataType.INET_SERVICE, text, pos);
    }
}
