package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;

import dev.ftpsim.core.net.Packet;

/**
 * The TCP states IPVS keeps per connection and their timeouts, as net/netfilter/ipvs/ip_vs_proto_tcp.c
 * (Linux 6.6): {@code tcp_states[]} (INPUT = client to backend, OUTPUT = backend to client; a
 * director in NAT mode sees both), {@code tcp_timeouts[]} and {@code tcp_state_active_table[]}.
 */
final class LvsTcp {
    static final int NONE = 0;
    static final int ESTABLISHED = 1;
    static final int SYN_SENT = 2;
    static final int SYN_RECV = 3;
    static final int FIN_WAIT = 4;
    static final int TIME_WAIT = 5;
    static final int CLOSE = 6;
    static final int CLOSE_WAIT = 7;
    static final int LAST_ACK = 8;
    static final int LISTEN = 9;
    static final int SYNACK = 10;

    static final String[] NAMES = {"NONE", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT", "TIME_WAIT", "CLOSE",
        "CLOSE_WAIT", "LAST_ACK", "LISTEN", "SYNACK"};

    /** tcp_timeouts[]: NONE 2 s, ESTABLISHED 15 min, SYN_SENT 2 min, ... (ESTABLISHED is the balancer's idle-timeout). */
    static final long[] TIMEOUTS = {2 * NS_PER_S, 15 * 60 * NS_PER_S, 2 * 60 * NS_PER_S, 60 * NS_PER_S,
        2 * 60 * NS_PER_S, 2 * 60 * NS_PER_S, 10 * NS_PER_S, 60 * NS_PER_S, 30 * NS_PER_S, 2 * 60 * NS_PER_S,
        120 * NS_PER_S};

    /** tcp_state_active_table[]: the states counted in a real server's ActiveConn. */
    static final boolean[] ACTIVE = {false, true, true, true, false, false, false, false, false, false, true};

    private static final int NO = NONE;
    private static final int ES = ESTABLISHED;
    private static final int SS = SYN_SENT;
    private static final int SR = SYN_RECV;
    private static final int FW = FIN_WAIT;
    private static final int TW = TIME_WAIT;
    private static final int CL = CLOSE;
    private static final int CW = CLOSE_WAIT;
    private static final int LA = LAST_ACK;
    private static final int LI = LISTEN;
    private static final int SA = SYNACK;

    /** tcp_states[] (not the secure_tcp table): [direction * 4 + syn/fin/ack/rst][state]. */
    private static final int[][] NEXT = {
        // INPUT        sNO sES sSS sSR sFW sTW sCL sCW sLA sLI sSA
        /* syn */ {SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR},
        /* fin */ {CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, TW},
        /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES},
        /* rst */ {CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, SR},
        // OUTPUT
        /* syn */ {SS, ES, SS, SR, SS, SS, SS, SS, SS, LI, SR},
        /* fin */ {TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW},
        /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES},
        /* rst */ {CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL},
    };

    private LvsTcp() {}

    /**
     * The state after {@code p} (set_tcp_state: rst, then syn, then fin, then ack decide; a segment
     * with none of them moves to CLOSE).
     */
    static int next(final int state, final Packet p, final boolean fromClient) {
        final int idx;
        if ((p.flags & Packet.RST) != 0) {
            idx = 3;
        } else if ((p.flags & Packet.SYN) != 0) {
            idx = 0;
        } else if ((p.flags & Packet.FIN) != 0) {
            idx = 1;
        } else if ((p.flags & Packet.ACK) != 0) {
            idx = 2;
        } else {
            return CLOSE;
        }
        return NEXT[(fromClient ? 0 : 4) + idx][state];
    }
}
