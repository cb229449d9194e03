package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ICMP errors about a SYN or SYN,ACK, as Linux 6.18 takes them (tcp_v4_err, tcp_req_err in
 * net/ipv4/tcp_ipv4.c). Measured in network namespaces (client -- router -- server, veth, nft on
 * the router, python3 sockets, tshark):
 * <ul>
 * <li>a connect whose SYN left with IP_TTL 1: the router's time exceeded ended it after 0.0 s,
 *     errno EHOSTUNREACH ("No route to host");
 * <li>{@code reject with icmp type host-unreachable} for the server's SYN,ACK: one SYN,ACK and no
 *     retransmission (the request socket dropped); with {@code port-unreachable} instead the
 *     SYN,ACK was sent again 1 s and 3 s later.
 * </ul>
 */
class IcmpErrorsDuringTheHandshakeActAsLinuxsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aSynWhoseTtlRunsOutFailsTheConnectAtOnceAsUnreachable() {
        final TestNet n = TestNet.simple(11);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        n.router.hooks().register(Hook.PREROUTING, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                p.ttl = 1; // as if sent with IP_TTL 1: the router must not forward it
            }
            return Verdict.ACCEPT;
        });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(200 * S);
        assertEquals(FailReason.UNREACHABLE, cli.failure);
        assertEquals(10_000_000L, cli.failedAt, 1_000_000L); // the router's answer, not 131 s of SYNs
        assertEquals(List.of("> S", "< icmp 11/0"), n.clientWire);
        assertEquals("ICMP time exceeded (EHOSTUNREACH)", c.failureDetail());
    }

    @Test
    void fragmentationNeededForASynIsPathMtuNewsAndTheConnectGoesOn() {
        final TestNet n = TestNet.simple(12);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final int[] syns = {0};
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21 && syns[0]++ == 0) {
                n.router.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, 4); // fragmentation needed
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(5 * S);
        assertNull(cli.failure);
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(1_020_000_000L, cli.connectedAt, 1_000_000L); // the SYN sent again after the 1 s RTO
        assertEquals(List.of("> S", "< icmp 3/4", "> S", "< S.", "> ."), n.clientWire);
    }

    /**
     * SYN,ACKs the server sends to a client that sends one SYN, the router answering each with
     * ICMP, and {@code 100 * that + the server's connections 2 s after the SYN}.
     */
    private static int synAcksAfterIcmp(final long seed, final int code) {
        final TestNet n = new TestNet(seed, dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                TcpConfig.linux().withSynRetries(0).withSynLinearTimeouts(0), TcpConfig.linux());
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final int[] synAcks = {0};
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.sport == 21 && p.flags == (Packet.SYN | Packet.ACK)) {
                synAcks[0]++;
                n.router.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, code);
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        });
        n.clientTcp.connect(n.serverIp, 21, new TestNet.Recorder(n.sim));
        n.sim.runUntil(2 * S);
        final int open = n.serverTcp.connectionCount();
        n.sim.runUntil(100 * S);
        assertEquals(List.of("> S"), n.clientWire, "the client sends its SYN once");
        assertEquals(0, n.serverTcp.connectionCount(), "the request is gone either way by now");
        return 100 * synAcks[0] + open;
    }

    @Test
    void hostUnreachableForASynAckDropsTheRequestAndEndsItsRetransmissions() {
        assertEquals(100, synAcksAfterIcmp(13, Packet.CODE_HOST_UNREACHABLE)); // one SYN,ACK, no request left
        assertEquals(100, synAcksAfterIcmp(14, Packet.CODE_NET_UNREACHABLE));
    }

    @Test
    void portUnreachableOrProhibitedForASynAckLeavesTheRequestRetransmitting() {
        // SYN,ACK at 0 s, then at 1, 3, 7, 15 and 31 s (tcp_synack_retries = 5), the request still there at 2 s
        assertEquals(601, synAcksAfterIcmp(15, Packet.CODE_PORT_UNREACHABLE));
        assertEquals(601, synAcksAfterIcmp(16, Packet.CODE_ADMIN_PROHIBITED));
    }
}
