package dev.ftpsim.core.conntrack;

/**
 * One tracked connection: its two tuples (original, and reply as translated by NAT), TCP state,
 * status bits, timeout, helper and NAT sequence adjustment. Tuples are packed as {@link
 * FiveTuple} longs. Fields are package-private for the tracker; readers use the accessors.
 */
public final class ConnEntry {
    /** Status bits, named after Linux's {@code enum ip_conntrack_status}. */
    public static final int SEEN_REPLY = 1 << 1;
    public static final int ASSURED = 1 << 2;
    public static final int CONFIRMED = 1 << 3;
    public static final int SRC_NAT = 1 << 4;
    public static final int DST_NAT = 1 << 5;
    /** Created from an expectation: a RELATED connection. */
    public static final int EXPECTED = 1;

    int id = -1;
    long origIps;
    long origPorts;
    long replyIps;
    long replyPorts;
    int proto;
    TcpCtState tcpState = TcpCtState.NONE;
    int status;
    long deadline;

    /**
     * Per direction (0 original, 1 reply), as scalars rather than arrays so that an entry is one
     * object: highest sequence end seen ({@code tdEnd}); the {@link #TD_SEEN} and {@link #UNACKED}
     * bits of {@link #bits}.
     */
    int tdEnd0;
    int tdEnd1;
    /** {@link #TD_SEEN}, {@link #UNACKED}, {@link #CLOSE_INIT} and {@link #MAXACK_SET}, each shifted by the direction. */
    byte bits;
    static final int TD_SEEN = 1;
    static final int UNACKED = 1 << 2;
    /** This direction's FIN moved the entry to FIN_WAIT ({@code IP_CT_TCP_FLAG_CLOSE_INIT}). */
    static final int CLOSE_INIT = 1 << 4;
    /** This direction has acknowledged something ({@code IP_CT_TCP_FLAG_MAXACK_SET}); its highest ack is {@code maxAck}. */
    static final int MAXACK_SET = 1 << 6;
    /** Per direction, the highest acknowledgement sent ({@code td_maxack}), in the other side's unrewritten sequence space. */
    int maxAck0;
    int maxAck1;
    /**
     * The kernel's {@code last_index} and {@code last_dir}: flag class and direction of the last packet
     * accepted or ignored (-1 before any), and {@code last_end} of the last ignored one; they decide
     * whether a SYN reopens a closed entry and whether a SYN/ACK answers an ignored SYN.
     */
    byte lastIndex = -1;
    byte lastIndexDir;
    int ignoredEnd;
    /** A SYN was ignored in LAST_ACK: the next ACK from the other side may be an RFC 5961 challenge ACK ({@code IP_CT_EXP_CHALLENGE_ACK}). */
    boolean challengeAck;
    /** The last ACK-class segment, to count identical retransmissions (RETRANS timeout). */
    int lastDir = -1;
    int lastSeq;
    int lastAck;
    int lastEnd;
    int lastWin;
    int retrans;
    /**
     * What only RELATED connections, connections with a helper, an expectation, a {@code ct timeout}
     * policy or a mangled payload need, made when first needed: null for most connections.
     */
    Extra x;

    /** The connection mark ({@code ct mark}, CONNMARK). */
    int mark;

    /** Packets seen per direction. */
    long packets0;
    long packets1;

    /** The rarely needed part of an entry ({@link #x}). */
    static final class Extra {
        /** Master connection of a RELATED one, and the expectation that created it (for reports). */
        ConnEntry master;
        String expectedBy;
        ConntrackHelper helper;
        /** Name of the helper object that assigned the helper ({@code ct helper set}), or its type. */
        String helperName;
        /** The helper's own per-connection state. */
        Object helperData;
        /** Expectations this connection has pending. */
        int expectations;
        /**
         * Timeouts a {@code ct timeout} object gave this connection (tcp: as {@link ConntrackConfig#tcpTimeouts};
         * udp: unreplied, replied), or null for the node's.
         */
        long[] timeouts;
        /** Per direction: next in-order payload sequence number, for helpers. */
        final int[] helperNextSeq = new int[2];
        final boolean[] helperSeqKnown = new boolean[2];
        /** NAT sequence adjustment per direction, as Linux's {@code struct nf_ct_seqadj}; null until a payload is mangled. */
        int[] correctionPos;
        int[] offsetBefore;
        int[] offsetAfter;
    }

    /** The rarely needed part, made on first use. */
    Extra x() {
        if (x == null) {
            x = new Extra();
        }
        return x;
    }

    /** The {@code ct timeout} policy of this connection, or null for the node's. */
    long[] timeouts() {
        return x == null ? null : x.timeouts;
    }

    /** Expectations this connection has pending. */
    int expectationCount() {
        return x == null ? 0 : x.expectations;
    }

    boolean bit(final int bit, final int dir) {
        return (bits & bit << dir) != 0;
    }

    void setBit(final int bit, final int dir, final boolean on) {
        bits = (byte) (on ? bits | bit << dir : bits & ~(bit << dir));
    }

    int maxAck(final int dir) {
        return dir == 0 ? maxAck0 : maxAck1;
    }

    int tdEnd(final int dir) {
        return dir == 0 ? tdEnd0 : tdEnd1;
    }

    void setTdEnd(final int dir, final int end) {
        if (dir == 0) {
            tdEnd0 = end;
        } else {
            tdEnd1 = end;
        }
    }

    public long origIps() {
        return origIps;
    }

    public long origPorts() {
        return origPorts;
    }

    public long replyIps() {
        return replyIps;
    }

    public long replyPorts() {
        return replyPorts;
    }

    public int protocol() {
        return proto;
    }

    public TcpCtState tcpState() {
        return tcpState;
    }

    public int status() {
        return status;
    }

    public boolean is(final int bit) {
        return (status & bit) != 0;
    }

    public long deadline() {
        return deadline;
    }

    /** The connection mark ({@code ct mark}). */
    public int mark() {
        return mark;
    }

    /** Sets the connection mark ({@code ct mark set}). */
    public void setMark(final int m) {
        mark = m;
    }

    /** Whether the entry is in the table: confirmed and not yet destroyed. */
    public boolean inTable() {
        return id >= 0;
    }

    public ConnEntry master() {
        return x == null ? null : x.master;
    }

    /** Which expectation created this RELATED connection, e.g. "ftp 198.51.100.10 -> 203.0.113.10:30001". */
    public String expectedBy() {
        return x == null ? null : x.expectedBy;
    }

    public ConntrackHelper helper() {
        return x == null ? null : x.helper;
    }

    public String helperName() {
        return x == null ? null : x.helperName;
    }

    public Object helperData() {
        return x == null ? null : x.helperData;
    }

    public void setHelperData(final Object data) {
        x().helperData = data;
    }

    public long packets(final int dir) {
        return dir == 0 ? packets0 : packets1;
    }

    /** Source address the packets of {@code dir} carry before any translation. */
    public int srcIp(final int dir) {
        return FiveTuple.srcIp(dir == 0 ? origIps : replyIps);
    }

    public int dstIp(final int dir) {
        return FiveTuple.dstIp(dir == 0 ? origIps : replyIps);
    }

    public int srcPort(final int dir) {
        return FiveTuple.srcPort(dir == 0 ? origPorts : replyPorts);
    }

    public int dstPort(final int dir) {
        return FiveTuple.dstPort(dir == 0 ? origPorts : replyPorts);
    }

    @Override
    public String toString() {
        return "ct[" + FiveTuple.toString(origIps, origPorts) + " / " + FiveTuple.toString(replyIps, replyPorts)
                + " " + (proto == FiveTuple.TCP ? tcpState : "") + "]";
    }
}
