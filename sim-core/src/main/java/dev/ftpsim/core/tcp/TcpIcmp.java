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
 * On synchronized connections they are soft errors (RFC 1122 4.2.3.9), as in Linux: the
 * connection keeps retransmitting, and when it times out the application reads the last such
 * error (sk_err_soft: EHOSTUNREACH, ENETUNREACH, ECONNREFUSED...) instead of ETIMEDOUT; any
 * acceptable ACK forgets it. An IPv4 net or host unreachable (ICMPv6 no route) about the first unacknowledged
 * segment while the RTO is backed off undoes one back-off (RFC 6069, tcp_ld_RTO_revert()), so a
 * router that answers every retransmission keeps them one unbacked RTO apart. Checked on Linux
 * 6.18 (tcp_retries2 = 5, the router rejecting the data with net-unreachable, or over IPv6 with
 * no-route): the segment went out again every 204 ms, 63 times, and recv() failed with ENETUNREACH
 * 13.1 s after the send.
 */
final class TcpIcmp {
    private TcpIcmp() {}

    static void error(final TcpConnection c, final int type, final int code, final int quotedSeq) {
        final TcpState st = c.state();
        if (st != TcpState.SYN_SENT && st != TcpState.SYN_RECEIVED) {
            if (st.synchronizedState() && st != TcpState.TIME_WAIT) {
                softError(c, type, code, quotedSeq);
            }
            return;
        }
        if (quotedSeq != c.iss) {
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

    /**
     * Path MTU discovery (RFC 1191, RFC 8201): a fragmentation needed or packet too big about a
     * segment in [SND.UNA, SND.MAX] lowers the MSS to what the reported MTU carries, never below
     * IPv4's 552 (ip_rt_min_pmtu) or IPv6's 1280 (RFC 8200 5), as tcp_v4_mtu_reduced() and
     * tcp_v6_mtu_reduced() do through tcp_sync_mss(), and sends what was in flight again at once
     * (tcp_simple_retransmit(): the segments now too big are lost; the congestion window is kept).
     * Checked on Linux 6.18: a download across a 1400-byte link between two routers completed.
     */
    static void pathMtu(final TcpConnection c, final int mtu, final int quotedSeq) {
        if (!c.state().synchronizedState() || c.state() == TcpState.TIME_WAIT) {
            return; // a SYN is small: nothing to lower before the handshake
        }
        final long rel = c.sndUna + (quotedSeq - (int) (c.iss + c.sndUna));
        if (rel < c.sndUna || rel > c.sndMax) {
            return;
        }
        final boolean v6 = dev.ftpsim.core.net.Ipv6.isId(c.remoteIp());
        final int mss = Math.max(mtu, v6 ? 1280 : 552) - (v6 ? Packet.IP6_HEADER + Packet.TCP_HEADER : 40);
        if (mss >= c.mss) {
            return;
        }
        c.mss = mss;
        c.rttSeq = -1;
        SendSequence.goBackN(c);
        TcpOutput.output(c);
    }

    /** tcp_v4_err()/tcp_v6_err() on a synchronized connection: the quoted segment must lie in [SND.UNA, SND.NXT]. */
    private static void softError(final TcpConnection c, final int type, final int code, final int quotedSeq) {
        final long rel = c.sndUna + (quotedSeq - (int) (c.iss + c.sndUna)); // unwrap near SND.UNA
        if (rel < c.sndUna || rel > c.sndMax) {
            return; // LINUX_MIB_OUTOFWINDOWICMPS (keepalive and zero-window probes, SND.UNA - 1, among them)
        }
        if (dev.ftpsim.core.net.Ipv6.isId(c.remoteIp())) {
            if (type == Packet.ICMP6_DEST_UNREACHABLE || type == Packet.ICMP6_TIME_EXCEEDED
                    || type == Packet.ICMP6_PARAM_PROBLEM) {
                c.softError = (short) (type << 8 | code);
            }
            if (type == Packet.ICMP6_DEST_UNREACHABLE && code == Packet.CODE6_NO_ROUTE) {
                revertBackoff(c, rel); // tcp_v6_err() reverts on no route only
            }
            return;
        }
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            c.softError = (short) (type << 8 | code);
            return;
        }
        if (type != Packet.ICMP_DEST_UNREACHABLE || code == CODE_FRAG_NEEDED || code > NR_ICMP_UNREACH) {
            return;
        }
        c.softError = (short) (type << 8 | code);
        if (code == Packet.CODE_NET_UNREACHABLE || code == Packet.CODE_HOST_UNREACHABLE) {
            revertBackoff(c, rel);
        }
    }

    /**
     * tcp_ld_RTO_revert() (RFC 6069): when the ICMP quotes SND.UNA during a timeout episode with
     * the RTO backed off, one back-off is undone; the timer then expires that RTO after the head
     * segment was last sent, or at once if that time has passed.
     */
    private static void revertBackoff(final TcpConnection c, final long rel) {
        if (rel != c.sndUna || c.retransStamp == 0 || c.rtoBackoff == 0 || !c.armed(TcpConnection.Timer.RTX)) {
            return;
        }
        final long sentAt = c.timers[TcpConnection.Timer.RTX.ordinal()] - c.rto; // armed when the head left
        c.rtoBackoff--;
        final long max = c.cfg().rtoMaxNanos();
        final long base = RttEstimator.unbackedRto(c);
        c.rto = c.rtoBackoff >= 40 || base > max >> c.rtoBackoff ? max : base << c.rtoBackoff; // inet_csk_rto_backoff()
        final long now = c.sim().now();
        if (sentAt + c.rto > now) {
            c.arm(TcpConnection.Timer.RTX, sentAt + c.rto);
        } else {
            c.disarm(TcpConnection.Timer.RTX);
            TcpTimers.retransmitTimeout(c); // "RTO revert clocked out retransmission. Will retransmit now."
        }
    }

    /**
     * A synchronized connection gave up (tcp_write_err()): the application reads the soft error if
     * an ICMP error came since the last ACK, else ETIMEDOUT.
     */
    static void timedOut(final TcpConnection c, final String detail) {
        final int e = c.softError;
        if (e == 0) {
            c.fail(FailReason.TIMED_OUT, detail);
            return;
        }
        final int type = e >>> 8;
        final int code = e & 0xFF;
        final boolean v6 = dev.ftpsim.core.net.Ipv6.isId(c.remoteIp());
        final boolean refused = v6 ? type == Packet.ICMP6_DEST_UNREACHABLE && code == Packet.CODE6_PORT_UNREACHABLE
                : type == Packet.ICMP_DEST_UNREACHABLE
                        && (code == Packet.CODE_PORT_UNREACHABLE || code == Packet.CODE_PROTOCOL_UNREACHABLE);
        c.fail(refused ? FailReason.REFUSED : FailReason.UNREACHABLE, detail + ", the last ICMP error "
                + (v6 ? "ICMPv6 " : "ICMP ") + type + "/" + code + " (" + errno(v6, type, code) + ")");
    }

    /** The errno Linux reports for an ICMP error (icmp_err_convert in net/ipv4/icmp.c, icmpv6_err_convert). */
    private static String errno(final boolean v6, final int type, final int code) {
        if (v6) {
            if (type == Packet.ICMP6_TIME_EXCEEDED) {
                return "EHOSTUNREACH";
            }
            if (type != Packet.ICMP6_DEST_UNREACHABLE) {
                return "EPROTO";
            }
            return switch (code) {
                case Packet.CODE6_NO_ROUTE -> "ENETUNREACH";
                case 2, Packet.CODE6_ADDR_UNREACHABLE -> "EHOSTUNREACH";
                case Packet.CODE6_PORT_UNREACHABLE -> "ECONNREFUSED";
                case Packet.CODE6_ADMIN_PROHIBITED, Packet.CODE6_POLICY_FAIL, Packet.CODE6_REJECT_ROUTE -> "EACCES";
                default -> "EPROTO";
            };
        }
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            return "EHOSTUNREACH";
        }
        return switch (code) {
            case 0, 6, 9, 11 -> "ENETUNREACH";
            case 2 -> "ENOPROTOOPT";
            case 3 -> "ECONNREFUSED";
            case 5 -> "EOPNOTSUPP";
            case 7 -> "EHOSTDOWN";
            case 8 -> "ENONET";
            default -> "EHOSTUNREACH"; // 1, 10, 12, 13, 14, 15
        };
    }
}
