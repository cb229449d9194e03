package dev.ftpsim.core.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * Packets of one TCP connection through conntrack, each classified as Linux classifies it. Every
 * expectation was watched on Linux 6.18: namespaces client 10.0.0.2 -- router -- server 192.0.2.2,
 * the router running {@code ct state new|established|related|invalid counter} in its forward chain
 * and {@code conntrack -L}, packets hand-built and sent with python3 raw sockets (the hosts' own TCP
 * silenced by an input drop rule).
 */
class TcpStatesAsLinuxTracksThemTest {
    private static final int CLIENT = Ipv4.parse("10.0.0.2");
    private static final int SERVER = Ipv4.parse("192.0.2.2");

    private final Simulator sim = new Simulator(1);

    private static Packet tcp(final boolean fromClient, final int flags, final int seq, final int ack) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = fromClient ? CLIENT : SERVER;
        p.dst = fromClient ? SERVER : CLIENT;
        p.sport = fromClient ? 40000 : 21;
        p.dport = fromClient ? 21 : 40000;
        p.flags = flags;
        p.seq = seq;
        p.ack = ack;
        p.window = 64240;
        return p;
    }

    /** Tracks and confirms one packet: its {@code ct state}. */
    private static int pass(final Conntrack ct, final Packet p) {
        assertTrue(ct.track(p));
        final int state = p.ctInfo;
        assertTrue(ct.confirm(p));
        return state;
    }

    private static int client(final Conntrack ct, final int flags, final int seq, final int ack) {
        return pass(ct, tcp(true, flags, seq, ack));
    }

    private static int server(final Conntrack ct, final int flags, final int seq, final int ack) {
        return pass(ct, tcp(false, flags, seq, ack));
    }

    private Conntrack established(final ConntrackConfig cfg) {
        final Conntrack ct = new Conntrack(sim, cfg);
        assertEquals(CtState.NEW, client(ct, Packet.SYN, 1000, 0));
        assertEquals(CtState.ESTABLISHED, server(ct, Packet.SYN | Packet.ACK, 5000, 1001));
        assertEquals(CtState.ESTABLISHED, client(ct, Packet.ACK, 1001, 5001));
        return ct;
    }

    /** The client closes first; both FINs and the last ACK: TIME_WAIT. */
    private Conntrack timeWait(final ConntrackConfig cfg) {
        final Conntrack ct = established(cfg);
        client(ct, Packet.FIN | Packet.ACK, 1001, 5001);
        server(ct, Packet.FIN | Packet.ACK, 5001, 1002);
        client(ct, Packet.ACK, 1002, 5002);
        assertEquals(TcpCtState.TIME_WAIT, ct.entries().get(0).tcpState());
        return ct;
    }

    @Test
    void aSynAckFromTheClientOfAnEstablishedConnectionIsInvalid() {
        // 6.18: "ct state invalid" counted it, conntrack -L still ESTABLISHED [ASSURED]
        final Conntrack ct = established(ConntrackConfig.linux());
        assertEquals(CtState.INVALID, client(ct, Packet.SYN | Packet.ACK, 1001, 5001));
        assertEquals(TcpCtState.ESTABLISHED, ct.entries().get(0).tcpState());
        assertEquals(1, ct.stats().invalid);
    }

    @Test
    void aSynFromTheServerInTimeWaitOpensANewConnectionTheOtherWay() {
        // 6.18: "ct state new" counted it; conntrack -L: SYN_SENT src=192.0.2.2 dst=10.0.0.2
        // sport=21 dport=40000 [UNREPLIED], the TIME_WAIT entry gone
        final Conntrack ct = timeWait(ConntrackConfig.linux());
        final ConnEntry old = ct.entries().get(0);
        final Packet syn = tcp(false, Packet.SYN, 90000, 0);
        assertTrue(ct.track(syn));
        assertEquals(CtState.NEW, syn.ctInfo);
        assertTrue(ct.confirm(syn));
        assertEquals(1, ct.count());
        final ConnEntry e = ct.entries().get(0);
        assertNotSame(old, e);
        assertEquals(TcpCtState.SYN_SENT, e.tcpState());
        assertEquals(SERVER, e.srcIp(0), "the server is the new connection's client");
        assertFalse(e.is(ConnEntry.ASSURED));
    }

    @Test
    void beforeTheServerCouldTurnClientThatSynWasInvalid() {
        assertFalse(new LinuxKernel(3, 10).replySynReopens());
        assertTrue(new LinuxKernel(4, 4).replySynReopens());
        final Conntrack ct = timeWait(ConntrackConfig.linux().withReplySynReopens(false));
        assertEquals(CtState.INVALID, server(ct, Packet.SYN, 90000, 0));
        assertEquals(TcpCtState.TIME_WAIT, ct.entries().get(0).tcpState());
    }

    @Test
    void aClientsResetBeforeAnyAnswerEndsTheEntryAtOnce() {
        // 6.18: after SYN then RST (and again with RST|ACK) from the client, conntrack -L was empty
        for (final int rst : new int[] {Packet.RST, Packet.RST | Packet.ACK}) {
            final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux());
            client(ct, Packet.SYN, 1000, 0);
            assertEquals(CtState.NEW, client(ct, rst, 1001, 0));
            assertEquals(0, ct.count(), "not CLOSE for 10 s");
            assertEquals(CtState.NEW, client(ct, Packet.SYN, 3000, 0), "the next SYN is a new connection");
            assertEquals(0, ct.stats().reopened);
        }
    }

    @Test
    void afterTheServersResetTheClientsNewSynRidesTheOldEntryUntilTheSynAckResynchronisesIt() {
        // 6.18: server RST -> CLOSE; the client's SYN on the same ports counted in "ct state
        // established", entry still CLOSE; the SYN/ACK made it SYN_RECV (timeout 59 s), the ACK
        // ESTABLISHED [ASSURED], one entry throughout
        final Conntrack ct = established(ConntrackConfig.linux());
        final ConnEntry e = ct.entries().get(0);
        server(ct, Packet.RST, 5001, 0);
        assertEquals(TcpCtState.CLOSE, e.tcpState());
        assertEquals(CtState.ESTABLISHED, client(ct, Packet.SYN, 7000, 0));
        assertEquals(TcpCtState.CLOSE, e.tcpState(), "ignored, not reopened");
        assertEquals(0, ct.stats().reopened);
        assertEquals(CtState.ESTABLISHED, server(ct, Packet.SYN | Packet.ACK, 9000, 7001));
        assertEquals(TcpCtState.SYN_RECV, e.tcpState());
        assertEquals(sim.now() + ConntrackConfig.linux().tcpTimeout(TcpCtState.SYN_RECV), e.deadline());
        assertEquals(CtState.ESTABLISHED, client(ct, Packet.ACK, 7001, 9001));
        assertEquals(TcpCtState.ESTABLISHED, e.tcpState());
        assertTrue(e.inTable() && e.is(ConnEntry.ASSURED));
        assertEquals(1, ct.count());
    }

    @Test
    void afterTheClientsOwnResetItsNewSynReopens() {
        // 6.18: client RST -> CLOSE; its next SYN counted in "ct state new", a fresh SYN_SENT entry
        final Conntrack ct = established(ConntrackConfig.linux());
        client(ct, Packet.RST, 1001, 0);
        assertEquals(CtState.NEW, client(ct, Packet.SYN, 7000, 0));
        assertEquals(1, ct.stats().reopened);
        assertEquals(TcpCtState.SYN_SENT, ct.entries().get(0).tcpState());
    }

    private static int serverData(final Conntrack ct, final int seq, final int ack, final int length) {
        final Packet p = tcp(false, Packet.PSH | Packet.ACK, seq, ack);
        p.data = new byte[length];
        p.payloadLength = length;
        return pass(ct, p);
    }

    @Test
    void aResetBelowWhatThePeerAcknowledgedIsInvalid() {
        // 6.18, after the handshake (the client acked 5001): the server's RST at 4000 counted in
        // "ct state invalid", entry ESTABLISHED 431999 s; the client's RST|ACK at 900 (the server
        // acked 1001) likewise
        Conntrack ct = established(ConntrackConfig.linux());
        assertEquals(CtState.INVALID, server(ct, Packet.RST, 4000, 0));
        assertEquals(TcpCtState.ESTABLISHED, ct.entries().get(0).tcpState());
        ct = established(ConntrackConfig.linux());
        assertEquals(CtState.INVALID, client(ct, Packet.RST | Packet.ACK, 900, 5001));
        assertEquals(TcpCtState.ESTABLISHED, ct.entries().get(0).tcpState());
    }

    @Test
    void aResetBeyondItKeepsTheConnectionEstablishedForTenSeconds() {
        // 6.18: the server's RST at 5100 counted in "ct state established", conntrack -L
        // "9 ESTABLISHED"; at exactly 5001, or right after its own data (a train), "9 CLOSE"
        final ConntrackConfig cfg = ConntrackConfig.linux();
        Conntrack ct = established(cfg);
        final ConnEntry e = ct.entries().get(0);
        assertEquals(CtState.ESTABLISHED, server(ct, Packet.RST, 5100, 0));
        assertEquals(TcpCtState.ESTABLISHED, e.tcpState());
        assertEquals(sim.now() + cfg.tcpTimeout(TcpCtState.CLOSE), e.deadline());
        ct = established(cfg);
        server(ct, Packet.RST, 5001, 0);
        assertEquals(TcpCtState.CLOSE, ct.entries().get(0).tcpState());
        ct = established(cfg);
        serverData(ct, 5001, 1001, 10);
        server(ct, Packet.RST, 5011, 0);
        assertEquals(TcpCtState.CLOSE, ct.entries().get(0).tcpState());
    }

    @Test
    void theChallengeAckToASynInLastAckDoesNotEndTheConnection() {
        // 6.18: client FIN, server ACK, server FIN -> LAST_ACK 29 s; the client's new SYN on the
        // same ports and the server's ACK answering it (RFC 5961) both passed, still LAST_ACK 29 s
        final Conntrack ct = established(ConntrackConfig.linux());
        client(ct, Packet.FIN | Packet.ACK, 1001, 5001);
        server(ct, Packet.ACK, 5001, 1002);
        server(ct, Packet.FIN | Packet.ACK, 5001, 1002);
        final ConnEntry e = ct.entries().get(0);
        assertEquals(TcpCtState.LAST_ACK, e.tcpState());
        assertEquals(CtState.ESTABLISHED, client(ct, Packet.SYN, 9000, 0));
        assertEquals(CtState.ESTABLISHED, server(ct, Packet.ACK, 5002, 1002));
        assertEquals(TcpCtState.LAST_ACK, e.tcpState(), "not TIME_WAIT");
    }

    private static Packet portUnreachable(final int quotedSport) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_ICMP;
        p.src = SERVER;
        p.dst = CLIENT;
        p.icmpType = Packet.ICMP_DEST_UNREACHABLE;
        p.icmpCode = 3;
        p.qProtocol = Packet.PROTO_TCP;
        p.qSrc = CLIENT;
        p.qDst = SERVER;
        p.qSport = quotedSport;
        p.qDport = 21;
        return p;
    }

    @Test
    void anIcmpErrorIsRelatedToTheConnectionItQuotesAndCountedAsAnErrorWithoutOne() {
        // 6.18: a port unreachable quoting the client's SYN counted in "ct state related"; one
        // quoting an unknown flow in "ct state invalid", and conntrack -S moved error, not invalid
        final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux());
        client(ct, Packet.SYN, 1000, 0);
        assertEquals(CtState.RELATED, pass(ct, portUnreachable(40000)));
        assertEquals(CtState.INVALID, pass(ct, portUnreachable(40999)));
        assertEquals(0, ct.stats().invalid);
        assertEquals(1, ct.stats().error);
    }

    @Test
    void onAFullTableAStrayFinIsDroppedAsTableFullBeforeItIsJudged() {
        // Not watched (nf_conntrack_max is read-only in a namespace): nf_conntrack_in() ->
        // init_conntrack() -> __nf_conntrack_alloc() fails first, counted as conntrack -S drop;
        // tcp_new() would have refused the FIN only afterwards.
        final Conntrack ct = established(ConntrackConfig.linux().withMax(1));
        final Packet fin = tcp(true, Packet.FIN | Packet.ACK, 1001, 5001);
        fin.sport = 41000;
        assertFalse(ct.track(fin), "dropped");
        assertEquals(1, ct.stats().tableFull);
        assertEquals(0, ct.stats().invalid);
    }

    @Test
    void unansweredKeepaliveProbesShortenTheTimeoutToFiveMinutes() {
        // 6.18: after the handshake, three identical pure ACKs (seq = snd_nxt - 1, a keepalive
        // probe) left 431999 s; a fourth (retrans = 3, nf_conntrack_tcp_max_retrans) gave 299 s
        final ConntrackConfig cfg = ConntrackConfig.linux();
        final Conntrack ct = established(cfg);
        final ConnEntry e = ct.entries().get(0);
        for (int i = 0; i < 3; i++) {
            client(ct, Packet.ACK, 1000, 5001);
        }
        assertEquals(sim.now() + cfg.tcpTimeout(TcpCtState.ESTABLISHED), e.deadline());
        client(ct, Packet.ACK, 1000, 5001);
        assertEquals(sim.now() + 300 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline());
        server(ct, Packet.ACK, 5001, 1001);
        assertEquals(sim.now() + cfg.tcpTimeout(TcpCtState.ESTABLISHED), e.deadline(), "an answer ends it");
    }

    @Test
    void anOrderlyCloseWalksTheClosingStatesWithTheirTimeouts() {
        // 6.18, conntrack -L after each packet: 119 FIN_WAIT, 59 CLOSE_WAIT, 29 LAST_ACK, 119 TIME_WAIT
        final ConntrackConfig cfg = ConntrackConfig.linux();
        final Conntrack ct = established(cfg);
        final ConnEntry e = ct.entries().get(0);
        client(ct, Packet.FIN | Packet.ACK, 1001, 5001);
        assertEquals(TcpCtState.FIN_WAIT, e.tcpState());
        assertEquals(120 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline() - sim.now());
        server(ct, Packet.ACK, 5001, 1002);
        assertEquals(TcpCtState.CLOSE_WAIT, e.tcpState());
        assertEquals(60 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline() - sim.now());
        server(ct, Packet.FIN | Packet.ACK, 5001, 1002);
        assertEquals(TcpCtState.LAST_ACK, e.tcpState());
        assertEquals(30 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline() - sim.now());
        client(ct, Packet.ACK, 1002, 5002);
        assertEquals(TcpCtState.TIME_WAIT, e.tcpState());
        assertEquals(120 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline() - sim.now());
    }

    @Test
    void aZeroWindowShortensTheTimeoutUntilTheWindowOpens() {
        // 6.18: the server's ACK with window 0 gave "299 ESTABLISHED", the client's next ACK
        // (window 64240) 431999 again
        final ConntrackConfig cfg = ConntrackConfig.linux();
        final Conntrack ct = established(cfg);
        final ConnEntry e = ct.entries().get(0);
        final Packet zero = tcp(false, Packet.ACK, 5001, 1001);
        zero.window = 0;
        pass(ct, zero);
        assertEquals(300 * dev.ftpsim.core.units.Units.NS_PER_S, e.deadline() - sim.now());
        client(ct, Packet.ACK, 1001, 5001);
        assertEquals(cfg.tcpTimeout(TcpCtState.ESTABLISHED), e.deadline() - sim.now());
    }
}
