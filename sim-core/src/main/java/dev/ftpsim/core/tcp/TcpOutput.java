package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.TcpConnection.Timer;

/**
 * What a connection sends: new data and FIN as the windows, Nagle's algorithm and the state allow
 * (RFC 9293 3.7.4, RFC 5681 with limited transmit, zero-window probing), and retransmissions.
 */
final class TcpOutput {
    private TcpOutput() {}

    /** net.ipv4.tcp_limit_output_bytes: 4 MB on Linux 6.18 (read with sysctl on this project's lab machine). */
    static final long LIMIT_OUTPUT_BYTES = 4L << 20;
    /** net.ipv4.tcp_pacing_ss_ratio and tcp_pacing_ca_ratio (Documentation/networking/ip-sysctl.rst). */
    static final int PACING_SS_RATIO = 200;
    static final int PACING_CA_RATIO = 120;
    /** sk_pacing_shift: TSQ allows about 1/1024 s of the pacing rate in the host's queues. */
    static final int PACING_SHIFT = 10;

    /** Sends whatever the windows, Nagle and the state allow. */
    static void output(final TcpConnection c) {
        if (!c.state().synchronizedState() || c.state() == TcpState.TIME_WAIT) {
            return;
        }
        while (true) {
            final long dataEnd = 1 + c.sendBuf.end();
            final long inflight = c.sndNxt - c.sndUna;
            if (c.sndNxt < dataEnd) {
                //" [Limited Transmit] the TCP sender SHOULD send a segment of previously unsent
                //" data in response to each of the first two duplicate acknowledgments ... if the
                //" amount of outstanding data would remain less than or equal to the congestion
                //" window plus 2*SMSS (RFC 3042 2, required by RFC 5681 3.2)
                final long limited = !c.inRecovery && c.dupAcks > 0 && c.dupAcks < 3 ? (long) c.dupAcks * c.mss : 0;
                final long room = Math.min(c.cwnd + limited, c.sndWnd) - inflight;
                if (room <= 0) {
                    if (c.sndWnd == 0 && inflight == 0 && !c.armed(Timer.PERSIST)) {
                        //" The sending TCP peer must regularly transmit at least one octet of new
                        //" data (if available), or retransmit to the receiving TCP peer even if
                        //" the send window is zero (RFC 9293 3.8.6.1, zero-window probing).
                        c.arm(Timer.PERSIST, c.sim().now() + c.persistInterval());
                    }
                    return;
                }
                if (c.persistBackoff > 0 || c.armed(Timer.PERSIST)) {
                    c.persistBackoff = 0;
                    c.disarm(Timer.PERSIST);
                }
                final int want = (int) Math.min(Math.min(c.mss, dataEnd - c.sndNxt), room);
                final int len = c.sendBuf.segmentLength(c.sndNxt - 1, want);
                //" If there is unacknowledged data (i.e., SND.NXT > SND.UNA), then the sending TCP
                //" endpoint buffers all user data (regardless of the PSH bit) until the outstanding
                //" data has been acknowledged or until the TCP endpoint can send a full-sized
                //" segment (RFC 9293 3.7.4, Nagle)
                if (len < c.mss && c.nagle && inflight > 0 && !c.finQueued) {
                    return;
                }
                if (smallQueueFull(c, len)) {
                    return; // a TX completion of its own segments sends the rest (released)
                }
                final boolean fin = c.finQueued && c.sndNxt + len == dataEnd;
                if (!transmit(c, c.sndNxt, len, fin)) {
                    return;
                }
                SendSequence.advance(c, len + (fin ? 1 : 0));
            } else if (c.finQueued && c.sndNxt == dataEnd) {
                if (!transmit(c, c.sndNxt, 0, true)) {
                    return;
                }
                SendSequence.advance(c, 1);
            } else {
                return;
            }
        }
    }

    /**
     * TCP Small Queues (tcp_small_queue_check, net/ipv4/tcp_output.c): a connection keeps at most
     * max(2 segments' truesize, ~1 ms of its pacing rate), and never more than
     * tcp_limit_output_bytes, in its host's interface queue, unless at most one segment is in
     * flight. So a sender whose own link is the bottleneck queues in its socket, not in a
     * 1000-packet interface queue that would overflow: Linux's senders do not lose packets there.
     *
     * @return true when the connection must wait; it is then marked throttled, and the TX
     *     completion of one of its segments runs {@link #output} again
     */
    static boolean smallQueueFull(final TcpConnection c, final int len) {
        if (c.hostQueued == 0) {
            return false;
        }
        final long inflight = c.sndNxt - c.sndUna;
        if (inflight <= c.mss) { // tcp_rtx_queue_empty_or_single_skb
            return false;
        }
        final long limit = Math.min(LIMIT_OUTPUT_BYTES,
                Math.max(2L * truesize(len + Packet.IP_HEADER + Packet.TCP_HEADER), pacingRate(c, inflight) >> PACING_SHIFT));
        if (c.hostQueued > limit) {
            c.tsqFlags |= TcpConnection.TSQ_THROTTLED;
            return true;
        }
        return false;
    }

    /**
     * What a segment of {@code totalLength} bytes is charged while in the host (skb->truesize):
     * twice its length, the kernel's own estimate ("assuming an ~100% skb->truesize overhead",
     * tcp_small_queue_check).
     */
    static int truesize(final int totalLength) {
        return 2 * totalLength;
    }

    /**
     * sk_pacing_rate in bytes per second as tcp_update_pacing_rate sets it: max(cwnd, packets in
     * flight) over the smoothed RTT, times 200% in slow start (cwnd below half ssthresh) and 120%
     * after; without an RTT sample it is unlimited. Linux's cwnd grows only while the flow uses it
     * (tcp_is_cwnd_limited: up to twice what is in flight in slow start); ours grows on every ACK,
     * so the window counted here is held to twice the bytes in flight.
     */
    static long pacingRate(final TcpConnection c, final long inflight) {
        if (!c.rttHasSample || c.srtt <= 0) {
            return Long.MAX_VALUE;
        }
        final int ratio = c.cwnd < c.ssthresh / 2 ? PACING_SS_RATIO : PACING_CA_RATIO;
        final long window = Math.max(inflight, Math.min(c.cwnd, 2 * inflight));
        final double rate = (double) window * ratio / 100 * 1e9 / c.srtt;
        return rate >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) rate;
    }

    /**
     * Sends one data and/or FIN segment starting at relative sequence {@code rel}.
     *
     * @return false when the host's own interface queue was full: the segment was not sent (the
     *     qdisc's NET_XMIT_DROP), the connection reduces its window (tcp_enter_cwr) and tries again
     *     on its next ACK, or, with nothing in flight, after max(RTO, 200 ms) as
     *     tcp_check_probe_timer does
     */
    static boolean transmit(final TcpConnection c, final long rel, final int len, final boolean fin) {
        int flags = Packet.ACK;
        if (fin) {
            flags |= Packet.FIN;
        }
        if (len > 0 && rel - 1 + len == c.sendBuf.end()) {
            flags |= Packet.PSH;
        }
        final Packet p = c.segment(flags, rel);
        if (len > 0) {
            p.payloadLength = len;
            p.data = c.sendBuf.copy(rel - 1, len);
        }
        final long now = c.sim().now();
        p.owner = c;
        c.hostQueued += truesize(p.totalLength());
        c.tsqFlags &= ~TcpConnection.TSQ_THROTTLED; // sending now: a refused segment's release must not wake it
        if (c.stack.node().sendLocal(p) == Node.QUEUE_FULL) {
            localCongestion(c, now);
            return false;
        }
        if (rel < c.sndMax) {
            c.segmentsRetransmitted++;
            c.rttSeq = -1; // Karn: no sample across a retransmission
        } else if (c.rttSeq < 0) {
            c.rttSeq = rel + len + (fin ? 1 : 0);
            c.rttStart = now;
        }
        if (!c.armed(Timer.RTX)) {
            c.arm(Timer.RTX, now + c.rto);
        }
        return true;
    }

    /**
     * The host's queue refused a segment. tcp_enter_cwr: once per window, ssthresh as after a
     * loss and cwnd down to it (Linux lowers cwnd to ssthresh over the next RTT by PRR; here at
     * once). Then a retry: the next ACK sends again; with nothing in flight to bring one, a wake
     * after max(RTO, TCP_RTO_MIN) (tcp_check_probe_timer, tcp_probe0_base).
     */
    private static void localCongestion(final TcpConnection c, final long now) {
        if (!c.inRecovery && c.sndUna >= c.cwrHigh) {
            c.ssthresh = c.cc().ssthreshAfterLoss(c.cwnd, c.cwnd, c.mss);
            c.cwnd = c.ssthresh;
            c.cwrHigh = c.sndNxt;
        }
        if (c.sndMax == c.sndUna && (c.tsqFlags & TcpConnection.TSQ_RETRY) == 0) {
            c.tsqFlags |= TcpConnection.TSQ_RETRY;
            c.sim().schedule(Math.max(c.rto, c.cfg().rtoMinNanos()), c, TcpConnection.TSQ_WAKE);
        }
    }

    /** Retransmits the first unacknowledged segment (fast retransmit, NewReno partial ACK). */
    static void retransmitHead(final TcpConnection c) {
        final long dataEnd = 1 + c.sendBuf.end();
        final int len = (int) Math.min(c.mss, Math.max(0, dataEnd - c.sndUna));
        final int l = len == 0 ? 0 : c.sendBuf.segmentLength(c.sndUna - 1, len);
        final boolean fin = c.finQueued && c.sndUna + l == dataEnd;
        if (l == 0 && !fin) {
            return;
        }
        transmit(c, c.sndUna, l, fin);
    }
}
