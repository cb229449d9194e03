package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Packet;

/**
 * SEGMENT ARRIVES for a connection that exists, organised as RFC 9293 section 3.10.7: first the
 * SYN-SENT case, then for the other states the checks in the RFC's order (sequence number, RST,
 * SYN, ACK, text, FIN). LISTEN and CLOSED are handled by {@link TcpStack}.
 *
 * <p>{@link #otherStates} runs for every segment, and C2 compiles it with its callees inlined,
 * leaving out each branch its profile has not yet seen taken; when such a branch first runs (the
 * first loss, a reset, a FIN beyond a hole) the compiled unit is thrown away and compiled again,
 * once per such branch. So the hot path decides each rare case with one test and hands it to a
 * method of its own, and a test of several terms is one arithmetic test, not a branch per term
 * (each {@code &&} or {@code ||} is one).
 */
final class TcpInput {
    /** TCP_DELACK_MAX (include/net/tcp.h, HZ/5): the most an ACK is delayed. */
    private static final long DELACK_MAX_NANOS = 200_000_000L;

    private TcpInput() {}

    static void segmentArrives(final TcpConnection c, final Packet p) {
        c.lastReceiveTime = c.sim().now();
        c.keepaliveProbes = 0;
        if (c.state() == TcpState.SYN_SENT) {
            synSent(c, p);
            return;
        }
        otherStates(c, p);
    }

    // ---------------------------------------------------------------- 3.10.7.3 SYN-SENT STATE

    private static void synSent(final TcpConnection c, final Packet p) {
        final boolean hasAck = p.has(Packet.ACK);
        final long ackRel = p.ack - c.iss & 0xFFFFFFFFL; // relative to ISS
        if (hasAck) {
            //" If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set, if
            //" so drop the segment and return) <SEQ=SEG.ACK><CTL=RST>
            if (ackRel == 0 || ackRel > c.sndNxt) {
                if (!p.has(Packet.RST)) {
                    c.stack.sendResetFor(p);
                }
                return;
            }
        }
        if (p.has(Packet.RST)) {
            //" If the ACK was acceptable, then signal to the user "error: connection reset", drop
            //" the segment, enter CLOSED state, delete TCB, and return. Otherwise (no ACK), drop
            if (hasAck) {
                c.fail(FailReason.REFUSED, "RST in answer to SYN (ECONNREFUSED)");
            }
            return;
        }
        if (!p.has(Packet.SYN)) {
            return;
        }
        //" RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ. SND.UNA should be advanced to
        //" equal SEG.ACK (if there is an ACK) ...
        c.irs = p.seq;
        ReceiveSequence.synReceived(c);
        c.mss = Math.min(c.mss, p.mssOption != 0 ? p.mssOption : 536);
        if (c.cfg().windowScaling() && p.wscaleOption >= 0) {
            c.wsAgreed = true;
            c.sndWscale = Math.min(14, p.wscaleOption);
        } else {
            c.rcvWscale = 0;
            c.sndWscale = 0;
        }
        SendSequence.window(c, p.window, 0, ackRel);
        if (hasAck) {
            SendSequence.acknowledged(c, ackRel);
            //" If SND.UNA > ISS (our SYN has been ACKed), change the connection state to
            //" ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it.
            if (c.rttSeq >= 0 && !c.synRetransmitted) {
                RttEstimator.sample(c, c.sim().now() - c.rttStart);
            }
            c.rttSeq = -1;
            c.transition(TcpEvent.HANDSHAKE_DONE);
            if (c.quickAck) {
                c.sendAck();
            } else if (!c.armed(TcpConnection.Timer.DELACK)) {
                c.arm(TcpConnection.Timer.DELACK, c.sim().now() + DELACK_MAX_NANOS);
            }
            if (c.handler != null) {
                c.handler.connected(c);
            }
            if (c.state() == TcpState.ESTABLISHED || c.state() == TcpState.FIN_WAIT_1) {
                TcpOutput.output(c);
            }
        } else {
            //" Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment ... and send it.
            // Simultaneous open.
            c.transition(TcpEvent.RCV_SYN);
            TcpHandshake.sendSyn(c, true);
        }
    }

    // ---------------------------------------------------------------- 3.10.7.4 Other states

    private static void otherStates(final TcpConnection c, final Packet p) {
        final long seq = c.rcvNxt + (p.seq - (int) (c.irs + c.rcvNxt)); // unwrap near RCV.NXT
        final int synLen = (p.flags & Packet.SYN) >>> 1; // SYN is 0x02
        final int finLen = p.flags & Packet.FIN; // FIN is 0x01
        final long dataStart = seq + synLen;
        final int len = p.payloadLength;
        final long segLen = len + synLen + finLen;
        final long rcvWnd = Math.max(c.rcvEdge - c.rcvNxt, ReceiveSequence.window(c));

        // First, check sequence number.
        if (unacceptable(c.rcvNxt, seq, segLen, rcvWnd) != 0) {
            notAcceptable(c, p);
            return;
        }

        // Second to fifth: RST, SYN, or no ACK (each drops the segment).
        if ((p.flags & (Packet.RST | Packet.SYN | Packet.ACK)) != Packet.ACK) {
            resetSynOrNoAck(c, p, seq);
            return;
        }

        // Fifth, check the ACK field.
        final long ack = c.sndUna + (p.ack - (int) (c.iss + c.sndUna)); // unwrap near SND.UNA
        if (c.state() == TcpState.SYN_RECEIVED) {
            if (!handshakeAcked(c, p, seq, ack)) {
                return;
            }
        } else if (!processAck(c, p, seq, ack, len, finLen)) {
            return;
        }
        if (c.state() == TcpState.CLOSED) {
            return;
        }

        // Seventh, process the segment text.
        boolean ackNow = false;
        if (len > 0 && (1 << c.state().ordinal() & RECEIVING) != 0) {
            ackNow = receiveData(c, p, dataStart, len);
            if (c.state() == TcpState.CLOSED) {
                return;
            }
        }

        // Eighth, check the FIN bit.
        if ((finLen | (int) (~c.peerFin >>> 63)) != 0) { // a FIN now or before (PEER_FIN >= 0)
            final int f = finBit(c, finLen != 0, dataStart + len);
            if (f < 0) {
                return;
            }
            ackNow |= f > 0;
        }
        if (ackNow) {
            c.sendAck();
        } else if (len > 0 && c.rcvNxt - c.rcvWup > 0) {
            scheduleAck(c);
        }
    }

    /** States whose segment text is delivered (RFC 9293 3.10.7.4 "Seventh"), as a mask of ordinals. */
    private static final int RECEIVING = 1 << TcpState.ESTABLISHED.ordinal() | 1 << TcpState.FIN_WAIT_1.ordinal()
            | 1 << TcpState.FIN_WAIT_2.ordinal();

    //" Segment Length  Receive Window  Test
    //"   0               0            SEG.SEQ = RCV.NXT
    //"   0              >0            RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
    //"  >0              >0            RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
    //"                             or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
    //"  >0               0            not acceptable
    //
    // The table as one test, without a branch per case (see the class comment): the segment is
    // acceptable when it is empty at RCV.NXT (the first row, and within the second), or its first
    // or its last octet (the first, for an empty one) lies in [RCV.NXT, RCV.NXT+RCV.WND-1], which
    // no octet does in a zero window. A difference is negative exactly when its bound fails.
    /** 0 when the segment is acceptable, else 1. */
    static long unacceptable(final long rcvNxt, final long seq, final long segLen, final long rcvWnd) {
        final long last = seq + Math.max(segLen, 1) - 1;
        final long top = rcvNxt + rcvWnd - 1;
        final long offset = seq - rcvNxt | segLen; // 0 for an empty segment at RCV.NXT
        final long notEmptyAtNext = (offset | -offset) >>> 63;
        final long firstOutside = (seq - rcvNxt | top - seq) >>> 63;
        final long lastOutside = (last - rcvNxt | top - last) >>> 63;
        return notEmptyAtNext & firstOutside & lastOutside;
    }

    private static void notAcceptable(final TcpConnection c, final Packet p) {
        // SYN_RECEIVED and a retransmitted SYN: our SYN,ACK was lost, send it again.
        if (((p.flags & (Packet.SYN | Packet.ACK) ^ Packet.SYN) // one test, see the class comment
                | (c.state().ordinal() ^ TcpState.SYN_RECEIVED.ordinal()) | (p.seq ^ c.irs)) == 0) {
            TcpHandshake.sendSyn(c, true);
            return;
        }
        //" If an incoming segment is not acceptable, an acknowledgment should be sent in reply
        //" (unless the RST bit is set, if so drop the segment and return)
        // Linux tcp_validate_incoming(): a SYN draws a challenge ACK, and both it and the ACK for a
        // segment without data (a zero-window or keepalive probe) are rate-limited.
        if (!p.has(Packet.RST)
                && (p.payloadLength > 0 && !p.has(Packet.SYN) || p.has(Packet.FIN) || !oowRateLimited(c))) {
            c.sendAck(); // TIME-WAIT's retransmitted FIN is the TimeWait's
        }
    }

    /** Linux's tcp_invalid_ratelimit default (Documentation/networking/ip-sysctl.rst): 500 ms. */
    static final int INVALID_RATELIMIT_MS = 500;

    /**
     * Linux's __tcp_oow_rate_limited() (net/ipv4/tcp_input.c): at most one ACK per
     * tcp_invalid_ratelimit for out-of-window segments without data and for challenge ACKs, per
     * connection ("rate-limited: don't send yet!"). Measured on Linux 6.18: a receiver at a zero
     * window left a probe 456 ms after the one it answered unanswered, and answered the next.
     *
     * @return true when no ACK may go out now
     */
    static boolean oowRateLimited(final TcpConnection c) {
        final int now = (int) (c.sim().now() / 1_000_000L);
        if (oowLimited(now, c.lastOowAckMs)) {
            return true;
        }
        c.lastOowAckMs = now;
        return false;
    }

    /** Whether an ACK at {@code nowMs} comes within tcp_invalid_ratelimit of the last at {@code lastMs} (0: none yet). */
    static boolean oowLimited(final int nowMs, final int lastMs) {
        final int elapsed = nowMs - lastMs;
        return lastMs != 0 && 0 <= elapsed && elapsed < INVALID_RATELIMIT_MS;
    }

    /** An acceptable segment with RST or SYN set, or without ACK: the RFC's second to fifth checks. */
    private static void resetSynOrNoAck(final TcpConnection c, final Packet p, final long seq) {
        // Second, check the RST bit (RFC 5961 3.2: only an exact match resets).
        if (p.has(Packet.RST)) {
            if (seq != c.rcvNxt) {
                //" If the RST bit is set and the sequence number does not exactly match the next
                //" expected sequence value, yet is within the current receive window, TCP MUST send
                //" an acknowledgment (challenge ACK) (RFC 5961 3.2)
                if (!oowRateLimited(c)) { // tcp_send_challenge_ack()'s per-socket limit
                    c.sendAck();
                }
                return;
            }
            switch (c.state()) {
                case SYN_RECEIVED -> c.terminate(); // passive open: back to LISTEN, the app never saw it
                case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> c.fail(FailReason.RESET, "connection reset by peer");
                default -> c.terminate(); // CLOSING, LAST-ACK, TIME-WAIT: just close
            }
            return;
        }
        // Fourth (third is security), check the SYN bit.
        if (p.has(Packet.SYN)) {
            //" If the SYN bit is set, irrespective of the sequence number, TCP endpoints MUST send a
            //" "challenge ACK" to the remote peer (RFC 5961 4.2, RFC 9293 3.10.7.4)
            if (!oowRateLimited(c)) {
                c.sendAck();
            }
        }
        //" if the ACK bit is off, drop the segment and return
    }

    /**
     * SYN-RECEIVED: the ACK of our SYN,ACK completes the handshake and hands the connection to its
     * acceptor (once per connection, so out of the hot path with the acceptors' many types).
     *
     * @return false when the segment must be dropped
     */
    private static boolean handshakeAcked(final TcpConnection c, final Packet p, final long seq, final long ack) {
        //" If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state ... If the segment
        //" acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST>
        if (ack <= c.sndUna || ack > c.sndMax) {
            c.stack.sendResetFor(p);
            return false;
        }
        if (c.rttSeq >= 0 && !c.synRetransmitted) {
            RttEstimator.sample(c, c.sim().now() - c.rttStart);
        }
        c.rttSeq = -1;
        SendSequence.acknowledged(c, ack);
        SendSequence.window(c, (long) p.window << c.sndWscale, seq, ack);
        c.transition(TcpEvent.HANDSHAKE_DONE);
        if (c.acceptor != null) {
            final TcpHandler h = c.acceptor.accept(c);
            c.acceptor = null;
            if (h == null) {
                c.abort();
                return false;
            }
            c.handler = h;
            h.connected(c);
            return c.state() != TcpState.CLOSED;
        } else if (c.handler != null) {
            c.handler.connected(c); // simultaneous open
        }
        return true;
    }

    /**
     * RFC 9293 3.10.7.4 "Eighth, check the FIN bit", for a segment with FIN or after the peer's FIN.
     *
     * @return -1 when the FIN was taken (the segment is done), 1 when an ACK must go out at once, else 0
     */
    private static int finBit(final TcpConnection c, final boolean fin, final long end) {
        if (fin && c.peerFin < 0) {
            c.peerFin = end;
        }
        if (c.peerFin >= 0 && c.peerFin == c.rcvNxt && finPending(c)) {
            receiveFin(c);
            return -1;
        }
        return c.peerFin >= 0 && c.peerFin > c.rcvNxt ? 1 : 0; // FIN beyond a hole: tell the sender where we are
    }

    private static boolean finPending(final TcpConnection c) {
        return c.state() == TcpState.ESTABLISHED || c.state() == TcpState.FIN_WAIT_1 || c.state() == TcpState.FIN_WAIT_2
                || c.state() == TcpState.SYN_RECEIVED;
    }

    /**
     * ACK processing for ESTABLISHED and later states, NewReno loss recovery included.
     *
     * @return false when the segment must be dropped
     */
    private static boolean processAck(final TcpConnection c, final Packet p, final long seq, final long ack,
            final int len, final int finLen) {
        //" If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the
        //" segment, and return.
        if (ack > c.sndMax) {
            c.sendAck();
            return false;
        }
        if (ack >= c.sndUna) {
            c.softError = 0; // tcp_ack(): "We passed data and got it acked, remove any soft error log."
        }
        final long wnd = (long) p.window << c.sndWscale;
        if (ack > c.sndUna) {
            newAck(c, ack);
        } else if ((ack - c.sndUna | len | finLen | wnd - c.sndWnd | (c.sndUna - c.sndMax >>> 63 ^ 1)) == 0) {
            // One test for (a) to (e), not one branch each (see the class comment).
            //" DUPLICATE ACKNOWLEDGMENT: (a) the receiver of the ACK has outstanding data, (b) the
            //" incoming acknowledgment carries no data, (c) the SYN and FIN bits are both off,
            //" (d) the acknowledgment number is equal to the greatest acknowledgment received on
            //" the given connection (TCP.UNA) and (e) the advertised window in the incoming
            //" acknowledgment equals the advertised window in the last incoming acknowledgment.
            //" (RFC 5681 section 2)
            dupAck(c);
        }
        //" If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 <
        //" SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND
        if (c.sndWl1 < seq || (c.sndWl1 == seq && c.sndWl2 <= ack)) {
            SendSequence.window(c, wnd, seq, ack);
        }
        if (c.state() != TcpState.ESTABLISHED && !ackWhileClosing(c)) {
            return false;
        }
        TcpOutput.output(c);
        return true;
    }

    /**
     * The ACK processing of the states after ESTABLISHED (RFC 9293 3.10.7.4), out of the hot path.
     *
     * @return false when the segment must be dropped
     */
    private static boolean ackWhileClosing(final TcpConnection c) {
        final boolean finAcked = c.finQueued && c.sndUna == 1 + c.sendBuf.end() + 1;
        switch (c.state()) {
            case FIN_WAIT_1 -> {
                //" In addition to the processing for the ESTABLISHED state, if the FIN segment is
                //" now acknowledged, then enter FIN-WAIT-2 and continue processing in that state.
                if (finAcked) {
                    c.transition(TcpEvent.RCV_ACK_OF_FIN);
                }
            }
            case CLOSING -> {
                //" if the ACK acknowledges our FIN, then enter the TIME-WAIT state
                if (finAcked) {
                    c.transition(TcpEvent.RCV_ACK_OF_FIN);
                }
                return false;
            }
            case LAST_ACK -> {
                //" The only thing that can arrive in this state is an acknowledgment of our FIN. If
                //" our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return.
                if (finAcked) {
                    c.notifyClosed();
                    c.transition(TcpEvent.RCV_ACK_OF_FIN);
                }
                return false;
            }
            case TIME_WAIT -> {
                return false;
            }
            default -> { }
        }
        return true;
    }

    private static void newAck(final TcpConnection c, final long ack) {
        final long acked = ack - c.sndUna;
        final long now = c.sim().now();
        //" (Karn) an RTT sample MUST NOT be made using segments that were retransmitted
        if (c.rttSeq >= 0 && ack >= c.rttSeq) {
            RttEstimator.sample(c, now - c.rttStart);
            c.rttSeq = -1;
        }
        SendSequence.acknowledged(c, ack);
        c.sendBuf.releaseBefore(Math.min(ack - 1, c.sendBuf.end()));
        c.dupAcks = 0;
        c.retransStamp = 0;
        c.inRecoveryAfterRto = false;
        if (c.inRecovery) {
            recoveryAck(c, ack, acked, now);
        } else {
            if (c.state() != TcpState.SYN_RECEIVED) {
                c.cwnd = c.cc().onAck(c.cwnd, c.ssthresh, acked, c.mss, now);
            }
            //" (5.2) When all outstanding data has been acknowledged, turn off the retransmission
            //" timer. (5.3) When an ACK is received that acknowledges new data, restart the
            //" retransmission timer so that it will expire after RTO seconds. (RFC 6298)
            if (c.sndUna >= c.sndMax) {
                c.disarm(TcpConnection.Timer.RTX);
            } else {
                c.arm(TcpConnection.Timer.RTX, now + c.rto);
            }
        }
        if (c.handler != null) {
            c.handler.acked(c, c.bytesAcked());
        }
    }

    /** A new ACK during fast recovery (RFC 6582 3.2 (3)), and the retransmission timer after it. */
    private static void recoveryAck(final TcpConnection c, final long ack, final long acked, final long now) {
        if (ack > c.recover) {
            //" Full acknowledgments: ... Set cwnd to either (1) min (ssthresh, max(FlightSize,
            //" SMSS) + SMSS) or (2) ssthresh ... Exit the fast recovery procedure.
            // (RFC 6582 3.2 (3))
            c.cwnd = Math.min(c.ssthresh, Math.max(c.sndMax - c.sndUna, c.mss) + c.mss);
            c.inRecovery = false;
        } else {
            //" Partial acknowledgments: ... retransmit the first unacknowledged segment. ...
            //" deflate the congestion window by the amount of new data acknowledged by the
            //" Cumulative Acknowledgment field. If the partial ACK acknowledges at least one
            //" SMSS of new data, then add back SMSS bytes to the congestion window. ... For the
            //" first partial ACK that arrives during fast recovery, also reset the retransmit
            //" timer. (RFC 6582 3.2 (3))
            TcpOutput.retransmitHead(c);
            c.cwnd = Math.max(c.mss, c.cwnd - acked + (acked >= c.mss ? c.mss : 0));
            if (!c.partialAckSeen) {
                c.partialAckSeen = true;
                c.arm(TcpConnection.Timer.RTX, now + c.rto);
            }
        }
        // RFC 6298 (5.2) and (5.3) as after any new ACK, except after later partial ACKs
        if (c.sndUna >= c.sndMax) {
            c.disarm(TcpConnection.Timer.RTX);
        } else if (!c.inRecovery || !c.partialAckSeen || ack > c.recover) {
            c.arm(TcpConnection.Timer.RTX, now + c.rto);
        }
    }

    private static void dupAck(final TcpConnection c) {
        c.dupAcks++;
        if (c.inRecovery) {
            //" For each additional duplicate ACK received (after the third), cwnd MUST be
            //" incremented by SMSS. (RFC 5681 3.2 (4))
            c.cwnd += c.mss;
            return;
        }
        if (c.dupAcks < 3) {
            return; // limited transmit happens in output(), which processAck calls next
        }
        //" When the third duplicate ACK is received, the TCP sender first checks the value of
        //" recover to see if the Cumulative Acknowledgment field covers more than recover. If so,
        //" the value of recover is incremented to the value of the highest sequence number
        //" transmitted by the TCP so far. The TCP sender then enters fast retransmit (RFC 6582 3.2)
        if (c.dupAcks == 3 && c.sndUna > c.recover) {
            c.recover = c.sndMax - 1;
            c.inRecovery = true;
            c.partialAckSeen = false;
            c.fastRetransmits++;
            c.ssthresh = c.cc().ssthreshAfterLoss(c.cwnd, c.sndMax - c.sndUna, c.mss);
            c.rttSeq = -1;
            TcpOutput.retransmitHead(c);
            //" set cwnd to ssthresh plus 3*SMSS. This artificially "inflates" the congestion window
            c.cwnd = c.ssthresh + 3L * c.mss;
        }
    }

    /**
     * Queues or delivers payload starting at relative sequence {@code start}.
     *
     * @return true when an ACK must go out at once (out of order, or a hole just filled)
     */
    private static boolean receiveData(final TcpConnection c, final Packet p, final long start, final int len) {
        final long from = Math.max(start, c.rcvNxt);
        final long end = Math.min(start + len, c.rcvNxt + Math.max(c.rcvEdge - c.rcvNxt, ReceiveSequence.window(c)));
        if ((from - c.rcvNxt | (end - from - 1 >>> 63)) != 0) { // from > RCV.NXT, or from >= end
            return duplicateOrOutOfOrder(c, p, start, from, end);
        }
        // RCV.NXT advances before the application hears of the data, so anything it sends from the
        // callback carries the ACK for it, as in Linux (tcp_data_queue before sk_data_ready).
        c.rcvNxt = end;
        deliver(c, p.data, (int) (from - start), (int) (end - from));
        ReceiveSequence.grow(c, len); // tcp_event_data_recv(): "if (skb->len >= 128) tcp_grow_window(sk, skb, true)"
        if (c.ooo != null && !c.ooo.isEmpty()) {
            return fillFromQueue(c);
        }
        if (!c.cfg().delayedAck()) {
            return true;
        }
        // Linux __tcp_ack_snd_check(): ACK at once when more than one full-sized segment is
        // unacknowledged ("ACK every second full segment", RFC 5681 4.2 / RFC 1122 4.2.3.2).
        return c.rcvNxt - c.rcvWup > c.rcvMss;
    }

    /** A segment with nothing new, or one beyond a hole; either way an ACK goes out at once. */
    private static boolean duplicateOrOutOfOrder(final TcpConnection c, final Packet p, final long start,
            final long from, final long end) {
        if (from >= end) {
            return true; // a duplicate: ACK at once so the sender learns (RFC 5681 4.2)
        }
        //" A TCP receiver SHOULD send an immediate duplicate ACK when an out-of-order segment
        //" arrives. (RFC 5681 4.2)
        if (c.ooo == null) {
            c.ooo = new Reassembly();
        }
        c.ooo.insert(from, end, p.data, (int) (from - start));
        return true;
    }

    /**
     * Delivers what the queue holds from RCV.NXT on, after in-order data arrived.
     *
     * @return true (an ACK goes out at once), or false when the connection closed meanwhile
     */
    private static boolean fillFromQueue(final TcpConnection c) {
        //" A TCP receiver SHOULD send an immediate ACK when the incoming segment fills in all or
        //" part of a gap in the sequence space. (RFC 5681 4.2)
        Reassembly.Range r;
        while ((r = c.ooo.pollReady(c.rcvNxt)) != null) {
            final long s = c.rcvNxt;
            c.rcvNxt = r.end;
            deliver(c, r.data, r.off + (int) (s - r.start), (int) (r.end - s));
            if (c.state() == TcpState.CLOSED) {
                return false;
            }
        }
        return true;
    }

    private static void deliver(final TcpConnection c, final byte[] data, final int off, final int n) {
        c.bytesReceived += n;
        if (!c.autoConsume) {
            c.rcvUnread += n;
        }
        if (c.cfg().receiveBufferMax() > c.cfg().receiveBuffer()) {
            final long now = c.sim().now();
            if (c.tuning == null) {
                c.tuning = new ReceiveTuning(c.rcvMss, now);
            }
            c.tuning.dataArrived(c, now);
            if (c.autoConsume) {
                c.tuning.consumed(c, now);
            }
        }
        if (c.handler == null) {
            return;
        }
        if (data == null) {
            c.handler.receivedBulk(c, n);
        } else {
            c.handler.received(c, java.util.Arrays.copyOfRange(data, off, off + n));
        }
    }

    private static void scheduleAck(final TcpConnection c) {
        if (!c.armed(TcpConnection.Timer.DELACK)) {
            c.arm(TcpConnection.Timer.DELACK, c.sim().now() + c.cfg().delayedAckNanos());
        }
    }

    /** The peer's FIN is next in sequence: RFC 9293 3.10.7.4 "Eighth, check the FIN bit". */
    private static void receiveFin(final TcpConnection c) {
        //" advance RCV.NXT over the FIN, and send an acknowledgment for the FIN.
        c.rcvNxt++;
        c.sendAck();
        //" FIN-WAIT-1 STATE: If our FIN has been ACKed (perhaps in this segment), then enter
        //" TIME-WAIT, start the time-wait timer, turn off the other timers; otherwise, enter the
        //" CLOSING state. (SYN-RECEIVED and ESTABLISHED enter CLOSE-WAIT, FIN-WAIT-2 TIME-WAIT.)
        final boolean ourFinAcked = c.finQueued && c.sndUna == c.sendBuf.end() + 2;
        c.transition(ourFinAcked ? TcpEvent.RCV_FIN_ACKED : TcpEvent.RCV_FIN);
        if (c.handler != null) {
            c.handler.peerClosed(c);
        }
    }
}
