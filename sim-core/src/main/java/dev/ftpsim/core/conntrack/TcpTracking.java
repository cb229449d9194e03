package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.conntrack.TcpCtState.CLOSE;
import static dev.ftpsim.core.conntrack.TcpCtState.CLOSE_WAIT;
import static dev.ftpsim.core.conntrack.TcpCtState.ESTABLISHED;
import static dev.ftpsim.core.conntrack.TcpCtState.FIN_WAIT;
import static dev.ftpsim.core.conntrack.TcpCtState.LAST_ACK;
import static dev.ftpsim.core.conntrack.TcpCtState.NONE;
import static dev.ftpsim.core.conntrack.TcpCtState.SYN_RECV;
import static dev.ftpsim.core.conntrack.TcpCtState.SYN_SENT;
import static dev.ftpsim.core.conntrack.TcpCtState.SYN_SENT2;
import static dev.ftpsim.core.conntrack.TcpCtState.TIME_WAIT;

import dev.ftpsim.core.net.Packet;

/**
 * TCP state tracking as Linux's nf_conntrack_proto_tcp.c does it: one transition table indexed by
 * direction, flag class and current state. Window tracking ({@code tcp_in_window}) is reduced to
 * what timeouts and reset checks depend on: each direction's highest sequence seen, whether it is
 * acknowledged and the highest acknowledgement sent; out-of-window segments other than resets are
 * not marked INVALID (as with {@code nf_conntrack_tcp_be_liberal=1}). {@link TcpUpdate} applies the
 * special cases of {@code tcp_packet()}: reopening, ignored packets and resynchronisation, resets.
 */
final class TcpTracking {
    /** Flag classes, the kernel's {@code get_conntrack_index}: RST, then SYN(+ACK), FIN, ACK. */
    static final int SYN = 0;
    static final int SYNACK = 1;
    static final int FIN = 2;
    static final int ACK = 3;
    static final int RST = 4;
    static final int NONE_SET = 5;

    /** Table cells beyond the states: the packet is invalid (IGNORE below leaves the state unchanged). */
    private static final TcpCtState IV = null;

    private static final TcpCtState SS = SYN_SENT;
    private static final TcpCtState SR = SYN_RECV;
    private static final TcpCtState ES = ESTABLISHED;
    private static final TcpCtState FW = FIN_WAIT;
    private static final TcpCtState CW = CLOSE_WAIT;
    private static final TcpCtState LA = LAST_ACK;
    private static final TcpCtState TW = TIME_WAIT;
    private static final TcpCtState CL = CLOSE;
    private static final TcpCtState S2 = SYN_SENT2;
    /** Marks "ignore" cells; kept apart from IV so the table reads like the kernel's. */
    static final TcpCtState IGNORE = NONE;

    /*
     * tcp_conntracks[dir][flags][state] from nf_conntrack_proto_tcp.c (4.4 to 6.18). Columns are the current
     * state: NO SS SR ES FW CW LA TW CL S2. IGNORE cells leave the state unchanged and accept the
     * packet (e.g. a SYN in ESTABLISHED may be a retransmission), IV cells make it INVALID.
     */
    private static final TcpCtState[][][] TABLE = {
        { // ORIGINAL direction
            /* syn    */ {SS, SS, IGNORE, IGNORE, IGNORE, IGNORE, IGNORE, SS, SS, S2},
            //  NO->SS new connection; TW->SS, CL->SS reopened connection (RFC 1122); S2->S2 simultaneous open
            /* synack */ {IV, IV, SR, IV, IV, IV, IV, IV, IV, SR},
            //  SYN/ACK from the initiator only in simultaneous open (S2->SR, a late one SR->SR); in
            //  any other state it is invalid (the old sIG cells were gone by 3.10)
            /* fin    */ {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV},
            //  SR->FW close during handshake; CW->LA our FIN after theirs; LA/TW/CL retransmissions
            /* ack    */ {ES, IV, ES, ES, CW, CW, TW, TW, CL, IV},
            //  NO->ES picked up mid-stream (loose); SR->ES handshake completed; LA->TW last ACK
            /* rst    */ {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL},
            /* none   */ {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV},
        },
        { // REPLY direction
            /* syn    */ {IV, S2, IV, IV, IV, IV, IV, SS, IV, S2},
            //  SS->S2 simultaneous open; TW->SS the server reopens as a client (commit e37ad9fd6360,
            //  "allow server to become a client in TW handling"; not before 4.4, see TcpUpdate)
            /* synack */ {IV, SR, IGNORE, IGNORE, IGNORE, IGNORE, IGNORE, IGNORE, IGNORE, SR},
            //  SS->SR the server answered
            /* fin    */ {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV},
            /* ack    */ {IV, IGNORE, SR, ES, CW, CW, TW, TW, CL, IGNORE},
            //  SS: an ACK from the responder before its SYN/ACK is ignored; ES->ES data
            /* rst    */ {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL},
            /* none   */ {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV},
        },
    };

    private TcpTracking() {}

    static int flagClass(final int flags) {
        if ((flags & Packet.RST) != 0) {
            return RST;
        }
        if ((flags & Packet.SYN) != 0) {
            return (flags & Packet.ACK) != 0 ? SYNACK : SYN;
        }
        if ((flags & Packet.FIN) != 0) {
            return FIN;
        }
        return (flags & Packet.ACK) != 0 ? ACK : NONE_SET;
    }

    /**
     * The next state, {@code null} for an invalid packet, or {@link #IGNORE} (NONE) to keep the
     * state. {@code dir} is 0 for the original direction, 1 for the reply.
     */
    static TcpCtState next(final int dir, final int flagClass, final TcpCtState state) {
        return TABLE[dir][flagClass][state.ordinal()];
    }

    /** The state a first packet creates: SYN_SENT for a SYN, ESTABLISHED mid-stream if loose. */
    static TcpCtState initial(final int flags, final boolean loose) {
        final TcpCtState s = TABLE[0][flagClass(flags)][NONE.ordinal()];
        if (s == SS) {
            return s;
        }
        return s == ES && loose ? ES : null;
    }
}
