package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Packet;

/**
 * ICMP and ICMPv6 errors about a connection, as Linux's {@code tcp_v4_err()} (net/ipv4/tcp_ipv4.c)
 * and {@code tcp_v6_err()} (net/ipv6/tcp_ipv6.c) take them. The quoted segment must be the SYN
 * (Linux: {@code between(seq, snd_una, snd_nxt)}, the SYN,ACK's ISN for a request socket).
 * <ul>
 * <li>SYN-SENT (and SYN-RECEIVED of a simultaneous open): every destination unreachable except
 *     fragmentation needed / packet too big (path MTU, not a failure), and every time exceeded,
 *     fails the connect at once (tcp_done with the error). Checked on Linux 6.18: a connect whose
 *     SYN left with TTL 1 failed after 0.0 s with EHOSTUNREACH on the router's time exceeded.
 * <li>SYN-RECEIVED of a listener (Linux's request socket, {@code tcp_req_err()}): the request is
 *     dropped silently, ending the SYN,ACK retransmissions, for IPv4 on net or host unreachable and
 *     time exceeded, for IPv6 on the codes {@code icmpv6_err_convert()} calls fatal (administratively
 *     prohibited, port unreachable, policy failure, reject route, parameter problem); any other is
 *     ignored. Checked on Linux 6.18 (a router rejecting the SYN,ACK): after IPv4 host unreachable
 *     and IPv6 administratively prohibited or port unreachable no SYN,ACK was sent again; after
 *     IPv4 port unreachable and IPv6 no route or address unreachable it was, 1 s and 3 s later.
 * </ul>
 * On synchronized connections these are soft errors and are ignored here.
 */
final class TcpIcmp {
    private TcpIcmp() {}

    static void error(final TcpConnection c, final int type, final int code, final int quotedSeq) {
        final TcpState st = c.state();
        if ((st != TcpState.SYN_SENT && st != TcpState.SYN_RECEIVED) || quotedSeq != c.iss) {
            return;
        }
        final boolean v6 = dev.ftpsim.core.net.Ipv6.isId(c.remoteIp());
        if (st == TcpState.SYN_RECEIVED && c.acceptor != null) {
            if (v6 ? fatal6(type, code) : requestAbort4(type, code)) {
                c.terminate(); // never accepted: the application does not know it
            }
            return;
        }
        if (v6) {
            error6(c, type, code);
            return;
        }
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            c.fail(FailReason.UNREACHABLE, "ICMP time exceeded (EHOSTUNREACH)");
            return;
        }
        if (type != Packet.ICMP_DEST_UNREACHABLE || code == CODE_FRAG_NEEDED || code > NR_ICMP_UNREACH) {
            return;
        }
        final String what = switch (code) {
            case Packet.CODE_NET_UNREACHABLE -> "network unreachable";
            case Packet.CODE_HOST_UNREACHABLE -> "host unreachable";
            case Packet.CODE_PROTOCOL_UNREACHABLE -> "protocol unreachable";
            case Packet.CODE_PORT_UNREACHABLE -> "port unreachable";
            case Packet.CODE_NET_PROHIBITED, Packet.CODE_HOST_PROHIBITED -> "prohibited";
            case Packet.CODE_ADMIN_PROHIBITED -> "communication administratively prohibited";
            default -> "code " + code;
        };
        c.fail(code == Packet.CODE_PORT_UNREACHABLE || code == Packet.CODE_PROTOCOL_UNREACHABLE
                ? FailReason.REFUSED : FailReason.UNREACHABLE, "ICMP destination unreachable: " + what);
    }

    /** ICMP_FRAG_NEEDED: path MTU discovery (RFC 1191), which tcp_v4_err() never treats as an error. */
    private static final int CODE_FRAG_NEEDED = 4;
    /** NR_ICMP_UNREACH (include/uapi/linux/icmp.h): tcp_v4_err() ignores codes above it. */
    private static final int NR_ICMP_UNREACH = 15;
    /** ICMPV6_PKT_TOOBIG: path MTU, not an error. */
    private static final int ICMP6_PACKET_TOO_BIG = 2;

    /** tcp_v4_err()'s abort argument to tcp_req_err(): net or host unreachable, time exceeded (or parameter problem). */
    private static boolean requestAbort4(final int type, final int code) {
        return type == Packet.ICMP_TIME_EXCEEDED || type == Packet.ICMP_DEST_UNREACHABLE
                && (code == Packet.CODE_NET_UNREACHABLE || code == Packet.CODE_HOST_UNREACHABLE);
    }

    /**
     * icmpv6_err_convert()'s fatal flag (net/ipv6/icmp.c, tab_unreach): destination unreachable
     * except no route (0), code 2 and address unreachable (3); parameter problem; not time exceeded.
     */
    private static boolean fatal6(final int type, final int code) {
        return type == Packet.ICMP6_PARAM_PROBLEM || type == Packet.ICMP6_DEST_UNREACHABLE
                && code != Packet.CODE6_NO_ROUTE && code != 2 && code != Packet.CODE6_ADDR_UNREACHABLE;
    }

    /**
     * SYN-SENT: tcp_v6_err() fails the connect on every error but packet too big, with
     * icmpv6_err_convert()'s errno (port unreachable ECONNREFUSED, time exceeded EHOSTUNREACH).
     */
    private static void error6(final TcpConnection c, final int type, final int code) {
        if (type == ICMP6_PACKET_TOO_BIG) {
            return;
        }
        if (type == Packet.ICMP6_TIME_EXCEEDED) {
            c.fail(FailReason.UNREACHABLE, "ICMPv6 time exceeded (EHOSTUNREACH)");
            return;
        }
        if (type != Packet.ICMP6_DEST_UNREACHABLE) {
            return;
        }
        final String what = switch (code) {
            case Packet.CODE6_NO_ROUTE -> "no route to destination";
            case Packet.CODE6_ADMIN_PROHIBITED -> "communication with destination administratively prohibited";
            case Packet.CODE6_ADDR_UNREACHABLE -> "address unreachable";
            case Packet.CODE6_PORT_UNREACHABLE -> "port unreachable";
            case Packet.CODE6_POLICY_FAIL -> "source address failed ingress/egress policy";
            case Packet.CODE6_REJECT_ROUTE -> "reject route to destination";
            default -> "code " + code;
        };
        c.fail(code == Packet.CODE6_PORT_UNREACHABLE ? FailReason.REFUSED : FailReason.UNREACHABLE,
                "ICMPv6 destination unreachable: " + what);
    }
}
