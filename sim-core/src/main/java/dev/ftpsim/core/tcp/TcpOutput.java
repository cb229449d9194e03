package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.TcpConnection.Timer;

/**
 * What a connection sends: new data and FIN as the windows, Nagle's algorithm and the state allow
 * (RFC 9293 3.7.4, RFC 5681 with limited transmit, zero-window probing), and retransmissions.
 */
final class TcpOutput {
    private TcpOutput() {}

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
                final boolean fin = c.finQueued && c.sndNxt + len == dataEnd;
                transmit(c, c.sndNxt, len, fin);
                SendSequence.advance(c, len + (fin ? 1 : 0));
            } else if (c.finQueued && c.sndNxt == dataEnd) {
                transmit(c, c.sndNxt, 0, true);
                SendSequence.advance(c, 1);
            } else {
                return;
            }
        }
    }

    /** Sends one data and/or FIN segment starting at relative sequence {@code rel}. */
    static void transmit(final TcpConnection c, final long rel, final int len, final boolean fin) {
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
        if (rel < c.sndMax) {
            c.segmentsRetransmitted++;
            c.rttSeq = -1; // Karn: no sample across a retransmission
        } else if (c.rttSeq < 0) {
            c.rttSeq = rel + len + (fin ? 1 : 0);
            c.rttStart = now;
        }
        c.stack.node().sendLocal(p);
        if (!c.armed(Timer.RTX)) {
            c.arm(Timer.RTX, now + c.rto);
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
