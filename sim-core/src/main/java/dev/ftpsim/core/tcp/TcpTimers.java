package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Packet;

/**
 * A connection's five timers ({@link TcpConnection.Timer}) and what they do when they expire.
 * The timers live in {@code TcpConnection.timers}, made on the first arm and dropped once no
 * timer is armed or pending (kept while an established connection carries data, see
 * {@link #releaseIdle}), so that an idle connection holds none.
 */
final class TcpTimers {
    private static final TcpConnection.Timer[] TIMERS = TcpConnection.Timer.values();

    private TcpTimers() {}

    /** Sets a timer's deadline; schedules a kernel event only if none is pending early enough. */
    static void arm(final TcpConnection c, final TcpConnection.Timer t, final long at) {
        final int i = t.ordinal();
        long[] tm = c.timers;
        if (tm == null) {
            tm = c.timers = new long[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0};
        }
        tm[i] = at;
        final long pending = tm[5 + i];
        if (pending < 0 || pending > at) {
            if (pending >= 0) {
                c.sim().cancel(tm[10 + i]);
            }
            tm[5 + i] = at;
            tm[10 + i] = c.sim().scheduleAt(at, c, t);
        }
    }

    /** Stops every timer and cancels their events. */
    static void disarmAll(final TcpConnection c) {
        final long[] tm = c.timers;
        if (tm == null) {
            return;
        }
        for (int i = 0; i < TIMERS.length; i++) {
            if (tm[5 + i] >= 0) {
                c.sim().cancel(tm[10 + i]);
            }
        }
        c.timers = null;
    }

    /**
     * Drops the timers once none is armed and no event is pending, unless the connection is
     * established and has carried data: a transfer arms its delayed-ACK or retransmission timer
     * again at its next segment (at N = 100 000 flows, about one segment a second each), and
     * making a new array each time was most of what a bulk run allocated (3 MB per simulated
     * second, the collectors' work). An idle connection that never carried data still holds none.
     */
    private static void releaseIdle(final TcpConnection c) {
        final long[] tm = c.timers;
        if (tm != null && !(c.state() == TcpState.ESTABLISHED && (c.sndMax > 1 || c.rcvNxt > 1))) {
            for (int i = 0; i < 10; i++) {
                if (tm[i] >= 0) {
                    return;
                }
            }
            c.timers = null;
        }
    }

    /**
     * A timer's kernel event ran: an event that fires before a deadline moved later re-arms itself
     * at the deadline, so a bulk transfer does not cancel and reschedule per ACK.
     */
    static void fire(final TcpConnection c, final TcpConnection.Timer t) {
        final int i = t.ordinal();
        final long[] tm = c.timers;
        tm[5 + i] = -1;
        final long d = tm[i];
        if (d < 0) {
            releaseIdle(c);
            return;
        }
        if (c.sim().now() < d) {
            tm[5 + i] = d;
            tm[10 + i] = c.sim().scheduleAt(d, c, t);
            return;
        }
        tm[i] = -1;
        switch (t) {
            case RTX -> retransmitTimeout(c);
            case DELACK -> c.sendAck();
            case KEEPALIVE -> keepaliveTimeout(c);
            case PERSIST -> persistTimeout(c);
            case TIMEWAIT -> c.transition(TcpEvent.TIMEOUT_2MSL);
            default -> throw new IllegalStateException("unknown timer " + t);
        }
        releaseIdle(c);
    }

    static void retransmitTimeout(final TcpConnection c) {
        final TcpConfig cfg = c.cfg();
        final long now = c.sim().now();
        switch (c.state()) {
            case SYN_SENT, SYN_RECEIVED -> {
                final boolean active = c.state() == TcpState.SYN_SENT;
                // Linux tcp_write_timeout() (net/ipv4/tcp_timer.c): SYN_SENT gives up after
                // tcp_syn_retries + tcp_syn_linear_timeouts retransmissions, or once the time since
                // the first SYN reaches tcp_model_timeout(tcp_syn_retries, TCP_TIMEOUT_INIT)
                // (retransmits_timed_out); SYN_RECV after tcp_synack_retries. See synGiveUpNanos.
                final int retries = active ? cfg.synRetries() : cfg.synAckRetries();
                final int linear = active ? cfg.synLinearTimeouts() : 0;
                final long limit = TcpConfig.linuxRetransmitTimeout(retries, cfg.rtoInitialNanos(), cfg.rtoMaxNanos());
                if (c.timeouts >= retries + linear || now - c.retransStamp >= limit) {
                    if (active) {
                        c.fail(FailReason.TIMED_OUT, "no answer to " + (c.timeouts + 1) + " SYNs (tcp_syn_retries="
                                + retries + (linear > 0 ? ", tcp_syn_linear_timeouts=" + linear : "") + ")");
                    } else {
                        c.terminate(); // never accepted: the application does not know it
                    }
                    return;
                }
                c.timeouts++;
                c.segmentsRetransmitted++;
                c.synRetransmitted = true;
                c.rttSeq = -1;
                //" (5.5) The host MUST set RTO <- RTO * 2 ("back off the timer")   (RFC 6298), except
                // for the first tcp_syn_linear_timeouts retransmissions of a connect (Linux 6.5+,
                // tcp_retransmit_timer: "Use normal (exponential) backoff unless linear timeouts are activated")
                if (c.timeouts > linear) {
                    RttEstimator.backOff(c);
                }
                TcpHandshake.sendSyn(c, !active);
            }
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> dataTimeout(c, now);
            default -> { }
        }
    }

    private static void dataTimeout(final TcpConnection c, final long now) {
        if (c.sndUna >= c.sndMax) {
            return; // everything acknowledged meanwhile
        }
        final TcpConfig cfg = c.cfg();
        if (c.retransStamp == 0) {
            c.retransStamp = now - c.rto; // when the head segment's timer started
        }
        // Linux tcp_write_timeout(): gives up after tcp_retries2 back-offs from TCP_RTO_MIN,
        // 924.6 s for the default 15, measured from the first retransmitted segment's send time.
        final long limit = TcpConfig.linuxRetransmitTimeout(cfg.retries2(), cfg.rtoMinNanos(), cfg.rtoMaxNanos());
        if (now - c.retransStamp >= limit) {
            TcpIcmp.timedOut(c, "data unacknowledged after tcp_retries2=" + cfg.retries2() + " back-offs");
            return;
        }
        c.timeouts++;
        //" When a TCP sender detects segment loss using the retransmission timer and the given
        //" segment has not yet been resent by way of the retransmission timer, the value of
        //" ssthresh MUST be set to no more than the value given in equation (4) ...
        //" Furthermore, upon a timeout (as specified in [RFC2988]) cwnd MUST be set to no more
        //" than the loss window, LW, which equals 1 full-sized segment (RFC 5681 3.1)
        if (!c.inRecoveryAfterRto) {
            c.ssthresh = c.cc().ssthreshAfterLoss(c.cwnd, c.sndMax - c.sndUna, c.mss);
        }
        c.inRecoveryAfterRto = true;
        c.cwnd = c.mss;
        //" After a retransmit timeout, record the highest sequence number transmitted in the
        //" variable recover, and exit the fast recovery procedure if applicable (RFC 6582 3.2 (4))
        c.recover = c.sndMax - 1;
        c.inRecovery = false;
        c.dupAcks = 0;
        c.rttSeq = -1;
        //" (5.5) The host MUST set RTO <- RTO * 2 ("back off the timer")
        RttEstimator.backOff(c);
        //" (5.4) Retransmit the earliest segment that has not been acknowledged by the TCP receiver.
        // Go-back-N: the rest follows as the window opens again.
        SendSequence.goBackN(c);
        c.arm(TcpConnection.Timer.RTX, now + c.rto);
        TcpOutput.output(c);
    }

    /**
     * Zero-window probe. Linux's {@code tcp_send_probe0()} sends a segment with SEG.SEQ = SND.UNA-1
     * and no data, which the receiver answers with an ACK carrying its current window; probes
     * back off like the RTO. Probes that are answered never give up; after tcp_retries2 probes in a
     * row without an answer the connection is given up ({@code tcp_probe_timer()}: icsk_probes_out,
     * which any ACK resets, like {@code keepaliveProbes} here, reset by any segment).
     */
    static void persistTimeout(final TcpConnection c) {
        final long dataEnd = 1 + c.sendBuf.end();
        if (c.sndWnd > 0 || c.sndNxt >= dataEnd || c.sndMax > c.sndUna
                || !c.state().synchronizedState() || c.state() == TcpState.TIME_WAIT) {
            c.persistBackoff = 0;
            TcpOutput.output(c);
            return;
        }
        if (c.keepaliveProbes >= c.cfg().retries2()) {
            TcpIcmp.timedOut(c, "no answer to " + c.keepaliveProbes + " zero-window probes (tcp_retries2="
                    + c.cfg().retries2() + ")");
            return;
        }
        c.stack.node().sendLocal(c.segment(Packet.ACK, c.sndUna - 1));
        c.keepaliveProbes++;
        c.persistBackoff++;
        c.arm(TcpConnection.Timer.PERSIST, c.sim().now() + c.persistInterval());
    }

    /**
     * RFC 1122 4.2.3.6 keepalive: after {@code keepaliveIdle} without receiving anything, send a
     * probe "with SEG.SEQ = SND.NXT-1" every interval; after {@code keepaliveProbes} unanswered
     * probes the connection is dead (Linux tcp_keepalive_timer).
     */
    static void keepaliveTimeout(final TcpConnection c) {
        if (!c.keepalive || !c.state().synchronizedState() || c.state() == TcpState.TIME_WAIT) {
            return;
        }
        final long now = c.sim().now();
        final long idleSince = c.lastReceiveTime;
        if (c.keepaliveProbes == 0 && now - idleSince < c.keepaliveIdle()) {
            c.arm(TcpConnection.Timer.KEEPALIVE, idleSince + c.keepaliveIdle());
            return;
        }
        if (c.sndMax > c.sndUna || 1 + c.sendBuf.end() > c.sndMax) {
            // Data in flight, or waiting for a window: the retransmission or zero-window probe timer
            // watches the peer (tcp_keepalive_timer(): "if (tp->packets_out || !tcp_write_queue_empty(sk)) goto resched").
            c.arm(TcpConnection.Timer.KEEPALIVE, now + c.keepaliveInterval());
            return;
        }
        if (c.keepaliveProbes >= c.keepaliveCount()) {
            TcpIcmp.timedOut(c, "no answer to " + c.keepaliveProbes + " keepalive probes");
            return;
        }
        c.keepaliveProbes++;
        c.stack.node().sendLocal(c.segment(Packet.ACK, c.sndNxt - 1));
        c.arm(TcpConnection.Timer.KEEPALIVE, now + c.keepaliveInterval());
    }
}
