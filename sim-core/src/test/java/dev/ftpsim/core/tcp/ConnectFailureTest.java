package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.LossModel;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a connect fails, and when: the reason an application reads and the packets behind it. */
class ConnectFailureTest {
    private static final long S = 1_000_000_000L;

    @Test
    void connectToAClosedPortIsRefusedAtOnceByRst() {
        final TestNet n = TestNet.simple(1);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 2121, cli);
        n.sim.runUntil(S);
        assertEquals(FailReason.REFUSED, cli.failure);
        assertEquals("refused", cli.failure.text());
        assertEquals(20_000_000L, cli.failedAt, 1_000_000L); // one RTT, no retries
        assertEquals(List.of("> S", "< R."), n.clientWire);
        final Packet rst = n.clientPackets.get(1);
        assertEquals(n.clientPackets.get(0).seq + 1, rst.ack); //" <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        assertEquals(0, rst.seq);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, n.clientTcp.connectionCount());
    }

    @Test
    void blackHoledConnectOnAKernelBefore65TimesOutAfter127SecondsAndSevenSyns() {
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 100);
        final TestNet n = new TestNet(2, l, l, TcpConfig.linux().withSynLinearTimeouts(0), TcpConfig.linux());
        n.serverLink.loss(n.serverLink.a(), p -> true); // the router's packets to the server vanish
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(126 * S);
        assertNull(cli.failure);
        n.sim.runUntil(200 * S);
        assertEquals(FailReason.TIMED_OUT, cli.failure);
        assertEquals("timed out", cli.failure.text());
        assertEquals(127 * S, cli.failedAt); // 1+2+4+8+16+32+64 s (tcp_syn_retries = 6)
        assertEquals(7, n.clientWire.size());
        assertTrue(n.clientWire.stream().allMatch("> S"::equals));
        // SYNs leave at 0, 1, 3, 7, 15, 31, 63 s.
        final long[] expected = {0, 1, 3, 7, 15, 31, 63};
        for (int i = 0; i < 7; i++) {
            assertEquals(n.clientPackets.get(0).seq, n.clientPackets.get(i).seq, "retransmitted SYN keeps ISS");
        }
        assertEquals(expected.length, n.clientPackets.size());
    }

    @Test
    void synRetriesAreConfigurablePerHost() {
        final TestNet n = new TestNet(3, dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100), TcpConfig.linux().withSynRetries(2)
                        .withSynLinearTimeouts(0), TcpConfig.linux());
        n.serverLink.loss(n.serverLink.a(), p -> true);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(200 * S);
        assertEquals(7 * S, cli.failedAt); // 1 + 2 + 4
        assertEquals(3, n.clientWire.size());
    }

    @Test
    void icmpNetUnreachableFromARouterFailsTheConnectAtOnce() {
        final TestNet n = TestNet.simple(4);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(Ipv4.parse("192.0.2.7"), 21, cli); // the router has no route there
        n.sim.runUntil(S);
        assertEquals(FailReason.UNREACHABLE, cli.failure);
        assertEquals(10_000_000L, cli.failedAt, 1_000_000L);
        assertEquals(List.of("> S", "< icmp 3/0"), n.clientWire);
        assertEquals(1, n.router.iface("lan").counters().drops(dev.ftpsim.core.net.DropCause.NO_ROUTE));
    }

    @Test
    void icmpAdministrativelyProhibitedFromAFirewallHookFailsTheConnectAsUnreachable() {
        final TestNet n = TestNet.simple(5);
        // A REJECT rule as a firewall module would plug it in: answer with ICMP, then DROP.
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                n.router.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_ADMIN_PROHIBITED);
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        assertEquals(FailReason.UNREACHABLE, cli.failure);
        assertTrue(c.failureDetail().contains("administratively prohibited"), c.failureDetail());
        assertEquals(List.of("> S", "< icmp 3/13"), n.clientWire);
        assertEquals(1, n.router.iface("lan").counters().drops(dev.ftpsim.core.net.DropCause.FILTERED));
    }

    @Test
    void aFirewallRejectWithTcpResetIsSeenAsRefused() {
        final TestNet n = TestNet.simple(8);
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                n.router.sendTcpReset(p); // iptables -j REJECT --reject-with tcp-reset
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        });
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        assertEquals(FailReason.REFUSED, cli.failure);
        assertEquals(10_000_000L, cli.failedAt, 1_000_000L); // from the router, half an RTT away
        assertEquals(List.of("> S", "< R."), n.clientWire);
        assertEquals(n.serverIp, n.clientPackets.get(1).src); // spoofed as the server, as REJECT does
    }

    @Test
    void icmpErrorsDoNotBreakAnEstablishedConnection() {
        final TestNet n = TestNet.simple(9);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        final Packet fake = n.net.pool().acquire(); // a packet of this connection, as quoted by a router
        fake.protocol = Packet.PROTO_TCP;
        fake.src = c.localIp();
        fake.dst = c.remoteIp();
        fake.sport = c.localPort();
        fake.dport = c.remotePort();
        n.router.sendIcmpError(fake, n.router.iface("lan"), Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_HOST_UNREACHABLE);
        n.net.pool().release(fake);
        n.sim.runUntil(2 * S);
        assertEquals("< icmp 3/1", n.clientWire.get(n.clientWire.size() - 1));
        assertEquals(TcpState.ESTABLISHED, c.state()); // a soft error (RFC 1122 4.2.3.9)
        assertNull(cli.failure);
    }

    @Test
    void noLocalRouteFailsTheConnectWithoutSendingAnything() {
        final TestNet n = TestNet.simple(6);
        n.client.routes().remove(dev.ftpsim.core.net.Prefix.parse("0.0.0.0/0"));
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        assertEquals(FailReason.UNREACHABLE, cli.failure);
        assertEquals(0, cli.failedAt);
        assertTrue(n.clientWire.isEmpty());
    }

    @Test
    void unansweredDataGivesUpAfterTcpRetries2Backoffs() {
        final TestNet n = TestNet.simple(7);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        n.serverLink.loss(n.serverLink.a(), LossModel.bernoulli(n.sim.streams().stream("x"), 1.0));
        final long t0 = n.sim.now();
        c.send(new byte[100]);
        n.sim.runUntil(2000 * S);
        assertEquals(FailReason.TIMED_OUT, cli.failure);
        // Linux: 15 back-offs from TCP_RTO_MIN = 924.6 s after the first transmission; the timer
        // that notices it is the one after the RTO reached its 120 s cap.
        final double after = (cli.failedAt - t0) / 1e9;
        assertTrue(after >= 924.6 && after < 924.6 + 120, "gave up after " + after + " s");
        assertEquals(924_600_000_000L, TcpConfig.linuxRetransmitTimeout(15, 200_000_000L, 120 * S));
        assertEquals(127 * S, TcpConfig.linuxRetransmitTimeout(6, S, 120 * S));
        assertTrue(c.segmentsRetransmitted() >= 14 && c.segmentsRetransmitted() <= 15, "" + c.segmentsRetransmitted());
    }
}
