package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Packet;

/** ICMP and ICMPv6 errors about a connection: only a connect in SYN-SENT fails on them. */
final class TcpIcmp {
    private TcpIcmp() {}

    static void error(final TcpConnection c, final int type, final int code, final int quotedSeq) {
        //" If the ICMP message is a Destination Unreachable ... for a connection in SYN-SENT the
        // connect fails (Linux tcp_v4_err: sk_err set and tcp_done() for SYN_SENT and SYN_RECV);
        // on synchronized connections these are soft errors and are ignored here.
        if (dev.ftpsim.core.net.Ipv6.isId(c.remoteIp())) {
            error6(c, type, code, quotedSeq);
            return;
        }
        if (c.state() != TcpState.SYN_SENT || type != Packet.ICMP_DEST_UNREACHABLE || quotedSeq != c.iss) {
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

    /**
     * ICMPv6 destination unreachable in SYN-SENT fails the connect as Linux's tcp_v6_err does
     * (icmpv6_err_convert: port unreachable is ECONNREFUSED, the other codes hard errors).
     */
    private static void error6(final TcpConnection c, final int type, final int code, final int quotedSeq) {
        if (c.state() != TcpState.SYN_SENT || type != Packet.ICMP6_DEST_UNREACHABLE || quotedSeq != c.iss) {
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
