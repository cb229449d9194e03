package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;

/**
 * Applies one TCP packet to an entry, after Linux's {@code tcp_packet()}: table transition,
 * ASSURED, RST handling, reopening, and the timeout of the new state, shortened to the UNACK or
 * RETRANS timeout while data is outstanding or being retransmitted. Before a reply is seen, an
 * entry picked up in mid-stream ({@code nf_conntrack_tcp_loose}) gets at most the UNACK timeout
 * ("Avoid large ESTABLISHED timeout", in 3.10's tcp_packet() as in 6.12's), and a retransmitted
 * SYN leaves a SYN_SENT entry's timeout alone unless the kernel predates commit e15d4cdf27cb.
 */
final class TcpUpdate {
    static final int OK = 0;
    static final int INVALID = 1;
    /** A SYN re-opened a closed connection: destroy the entry and track the packet as new. */
    static final int REOPEN = 2;
    /** Classify the packet, then destroy the entry (an RST answering a connection never replied to). */
    static final int KILL = 3;

    private TcpUpdate() {}

    /** State of a new entry from its first packet (the table's NONE column). */
    static void first(final Conntrack ct, final ConnEntry e, final Packet p) {
        window(e, 0, p);
        e.lastIndex = (byte) TcpTracking.flagClass(p.flags);
        e.lastIndexDir = 0;
        e.deadline = ct.now() + unrepliedCap(ct.config(), e, timeout(ct.config(), e));
    }

    static int update(final Conntrack ct, final ConnEntry e, final int dir, final Packet p) {
        final int index = TcpTracking.flagClass(p.flags);
        TcpCtState old = e.tcpState;
        TcpCtState next = TcpTracking.next(dir, index, old);
        if (next == null || dir == 1 && index == TcpTracking.SYN && old == TcpCtState.TIME_WAIT
                && !ct.config().replySynReopens()) {
            return INVALID; // before e37ad9fd6360 the reply-side SYN in TIME_WAIT was sIV
        }
        if (next == TcpCtState.SYN_SENT && old.compareTo(TcpCtState.TIME_WAIT) >= 0) {
            //" Reopened connection (RFC 1122), a SYN in TIME_WAIT or CLOSE: only if either side
            //" closed with a FIN, or this side's reset was the last packet; else the SYN is ignored
            //" and a SYN/ACK answering it resynchronises (tcp_packet(), nf_conntrack_proto_tcp.c)
            if ((e.bits & (ConnEntry.CLOSE_INIT | ConnEntry.CLOSE_INIT << 1)) != 0
                    || e.lastIndexDir == dir && e.lastIndex == TcpTracking.RST) {
                return REOPEN;
            }
            next = TcpTracking.IGNORE;
        }
        if (next == TcpTracking.IGNORE) {
            final int end = p.seq + p.payloadLength + ((p.flags & Packet.SYN) != 0 ? 1 : 0)
                    + ((p.flags & Packet.FIN) != 0 ? 1 : 0);
            if (index == TcpTracking.SYNACK && e.lastIndex == TcpTracking.SYN && e.lastIndexDir != dir
                    && p.ack == e.ignoredEnd) {
                //" b) This SYN/ACK acknowledges a SYN that we earlier ignored as invalid. This means
                //" that the client and the server are both in sync, while the firewall is not.
                e.setTdEnd(e.lastIndexDir, e.ignoredEnd);
                e.setBit(ConnEntry.TD_SEEN, e.lastIndexDir, true);
                e.setBit(ConnEntry.UNACKED, e.lastIndexDir, false);
                e.setBit(ConnEntry.TD_SEEN, dir, false);
                e.setBit(ConnEntry.UNACKED, dir, false);
                e.setBit(ConnEntry.CLOSE_INIT, 0, false);
                e.setBit(ConnEntry.CLOSE_INIT, 1, false);
                e.setBit(ConnEntry.MAXACK_SET, 0, false);
                e.setBit(ConnEntry.MAXACK_SET, 1, false);
                e.challengeAck = false;
                old = TcpCtState.SYN_SENT;
                next = TcpCtState.SYN_RECV;
            } else {
                // Ignored packets pass without touching state or timeout (e.g. a retransmitted
                // SYN/ACK); they are remembered for the checks above.
                e.lastIndex = (byte) index;
                e.lastIndexDir = (byte) dir;
                e.ignoredEnd = end;
                if (index == TcpTracking.SYN && dir == 0) {
                    //" Mark the potential for RFC5961 challenge ACK, this pose a special problem for
                    //" LAST_ACK state as ACK is intrepretated as ACKing last FIN.
                    e.challengeAck = old == TcpCtState.LAST_ACK;
                }
                return OK;
            }
        }
        if (next == TcpCtState.TIME_WAIT && old == TcpCtState.LAST_ACK && index == TcpTracking.ACK
                && e.lastIndexDir != dir && e.lastIndex == TcpTracking.SYN && e.challengeAck) {
            //" Detected RFC5961 challenge ACK: Conntrack MUST not believe this ACK is acking last FIN.
            e.challengeAck = false;
            return OK; //" Don't change state
        }
        if (index == TcpTracking.RST && next == TcpCtState.CLOSE && !closing(old)) {
            // tcp_packet()'s reset check against what the other side has acknowledged
            final int other = 1 - dir;
            if (e.bit(ConnEntry.MAXACK_SET, other) && e.lastIndex != TcpTracking.SYN) {
                final boolean established = old == TcpCtState.ESTABLISHED && e.is(ConnEntry.ASSURED);
                final int maxAck = e.maxAck(other);
                if (p.seq == 0 && !established) {
                    //" most likely an answer to a SYN we let go through above
                } else if (p.seq - maxAck < 0) {
                    return INVALID; //" Invalid RST (nf_conntrack_tcp_ignore_invalid_rst is 0)
                } else if (established && p.seq != maxAck
                        && !(e.lastIndex == TcpTracking.ACK && e.lastIndexDir == dir && p.seq == e.lastEnd)) {
                    //" RST sequence number doesn't match exactly, keep established state to allow a
                    //" possible challenge ACK. (It still gets the CLOSE timeout.)
                    next = old;
                }
            }
        }
        e.lastIndex = (byte) index;
        e.lastIndexDir = (byte) dir;
        e.tcpState = next;
        if (old != next && next == TcpCtState.FIN_WAIT) {
            e.setBit(ConnEntry.CLOSE_INIT, dir, true);
        }
        window(e, dir, p);
        if (!e.is(ConnEntry.SEEN_REPLY) && index == TcpTracking.RST) {
            //" If only reply is a RST, we can consider ourselves not to have an established
            //" connection: this is a fairly common problem case, so we can delete the conntrack
            //" immediately. (nf_conntrack_proto_tcp.c) The test is th->rst alone: a client's RST
            // before any answer kills the entry too (Linux 6.18: gone from conntrack -L at once).
            return KILL;
        }
        if (!e.is(ConnEntry.SEEN_REPLY)) {
            if (index == TcpTracking.SYN && old == TcpCtState.SYN_SENT && !ct.config().synRetransmitRenews()) {
                //" do not renew timeout on SYN retransmit. Else port reuse by client or NAT
                //" middlebox can keep entry alive indefinitely (including nat info).
                return OK;
            }
            e.deadline = ct.now() + unrepliedCap(ct.config(), e, timeout(ct.config(), e));
            return OK;
        }
        if (!e.is(ConnEntry.ASSURED)
                && (old == TcpCtState.SYN_RECV || old == TcpCtState.ESTABLISHED)
                && next == TcpCtState.ESTABLISHED) {
            //" Set ASSURED if we see valid ack in ESTABLISHED after SYN_RECV or a valid answer
            //" for a picked up connection.
            ct.assured(e);
        }
        e.deadline = ct.now() + timeout(ct.config(), e, index == TcpTracking.RST);
        return OK;
    }

    /** {@code tcp_can_early_drop()}: the states in which a reset is not checked. */
    private static boolean closing(final TcpCtState s) {
        return s == TcpCtState.FIN_WAIT || s == TcpCtState.CLOSE_WAIT || s == TcpCtState.LAST_ACK
                || s == TcpCtState.TIME_WAIT || s == TcpCtState.CLOSE;
    }

    /**
     * "ESTABLISHED without SEEN_REPLY, i.e. mid-connection pickup with loose=1. Avoid large
     * ESTABLISHED timeout." (tcp_packet(), nf_conntrack_proto_tcp.c)
     */
    private static long unrepliedCap(final ConntrackConfig cfg, final ConnEntry e, final long t) {
        final long unack = (e.timeouts() != null ? e.timeouts() : cfg.tcpTimeouts())[ConntrackConfig.TIMEOUT_UNACK];
        return e.tcpState == TcpCtState.ESTABLISHED && t > unack ? unack : t;
    }

    /** The timeout of the entry's state, from its {@code ct timeout} policy if it has one, else the node's. */
    static long timeout(final ConntrackConfig cfg, final ConnEntry e) {
        return timeout(cfg, e, false);
    }

    /** As {@link #timeout(ConntrackConfig, ConnEntry)}; after a reset, CLOSE's unless retransmissions decide (tcp_packet()). */
    static long timeout(final ConntrackConfig cfg, final ConnEntry e, final boolean rst) {
        final long[] own = e.timeouts();
        final long[] all = own != null ? own : cfg.tcpTimeouts();
        long t = all[e.tcpState.ordinal()];
        if (e.retrans >= cfg.tcpMaxRetrans() && all[ConntrackConfig.TIMEOUT_RETRANS] < t) {
            t = all[ConntrackConfig.TIMEOUT_RETRANS];
        } else if (rst) {
            t = all[TcpCtState.CLOSE.ordinal()];
        } else if ((e.bits & (ConnEntry.UNACKED | ConnEntry.UNACKED << 1)) != 0 && all[ConntrackConfig.TIMEOUT_UNACK] < t) {
            t = all[ConntrackConfig.TIMEOUT_UNACK];
        } else if (e.lastWin == 0 && all[ConntrackConfig.TIMEOUT_RETRANS] < t) {
            t = all[ConntrackConfig.TIMEOUT_RETRANS]; //" last_win == 0: a zero window, as for retransmissions
        }
        return t;
    }

    /**
     * The part of {@code tcp_in_window} timeouts depend on: each side's highest sequence end, the
     * "data unacknowledged" flag, and the count of identical retransmitted ACK-class segments.
     */
    private static void window(final ConnEntry e, final int dir, final Packet p) {
        final int end = p.seq + p.payloadLength + ((p.flags & Packet.SYN) != 0 ? 1 : 0)
                + ((p.flags & Packet.FIN) != 0 ? 1 : 0);
        final boolean seen = e.bit(ConnEntry.TD_SEEN, dir);
        if (!seen || end - e.tdEnd(dir) > 0) {
            if (seen) {
                e.setBit(ConnEntry.UNACKED, dir, true);
            }
            e.setTdEnd(dir, end);
            e.setBit(ConnEntry.TD_SEEN, dir, true);
        }
        final int other = 1 - dir;
        if ((p.flags & Packet.ACK) != 0) {
            //" Broken TCP stacks, that set ACK in RST packets as well with zero ack value.
            final int ack = (p.flags & Packet.RST) != 0 && p.ack == 0 ? e.tdEnd(other)
                    : p.ack - ackOffset(e, other, p.ack);
            if (!e.bit(ConnEntry.MAXACK_SET, dir) || ack - e.maxAck(dir) > 0) {
                if (dir == 0) {
                    e.maxAck0 = ack;
                } else {
                    e.maxAck1 = ack;
                }
                e.setBit(ConnEntry.MAXACK_SET, dir, true);
            }
            if (e.bit(ConnEntry.TD_SEEN, other) && ack == e.tdEnd(other)) {
                e.setBit(ConnEntry.UNACKED, other, false);
            }
        }
        if (TcpTracking.flagClass(p.flags) == TcpTracking.ACK) {
            //" Check retransmissions: any identical ACK-class segment counts, an unanswered
            // keepalive probe as well as data (Linux 6.18: a fourth identical probe gave 299 s)
            if (e.lastDir == dir && e.lastSeq == p.seq && e.lastAck == p.ack && e.lastEnd == end
                    && e.lastWin == p.window) {
                e.retrans++;
            } else {
                e.lastDir = dir;
                e.lastSeq = p.seq;
                e.lastAck = p.ack;
                e.lastEnd = end;
                e.lastWin = p.window;
                e.retrans = 0;
            }
        }
    }

    /**
     * What a helper's rewrites in direction {@code other} shifted an acknowledgement of that data by:
     * tcp_in_window() takes {@code nf_ct_seq_offset(ct, !dir, ack - 1)} (nf_conntrack_seqadj.c) off
     * the ack before comparing it with the data seen, which this tracker holds unrewritten.
     */
    private static int ackOffset(final ConnEntry e, final int other, final int ack) {
        final ConnEntry.Extra a = e.x;
        if (a == null || a.correctionPos == null) {
            return 0;
        }
        return ack - 1 - a.correctionPos[other] > 0 ? a.offsetAfter[other] : a.offsetBefore[other];
    }
}
