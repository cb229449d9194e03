package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.core.net.LinkConfig;
import org.junit.jupiter.api.Test;

/** RFC 1122 keepalive: probes after the idle time, answered by the peer; an unanswering peer times out. */
class KeepaliveTest {
    private static final long S = 1_000_000_000L;

    private static TestNet net(final long seed, final TcpConfig clientCfg) {
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 100);
        return new TestNet(seed, l, l, clientCfg, TcpConfig.linux());
    }

    @Test
    void linuxDefaultsAreTwoHoursSeventyFiveSecondsAndNineProbes() {
        final TcpConfig c = TcpConfig.linux();
        assertEquals(7200 * S, c.keepaliveIdleNanos());
        assertEquals(75 * S, c.keepaliveIntervalNanos());
        assertEquals(9, c.keepaliveProbes());
    }

    @Test
    void anIdleConnectionSendsProbesThatThePeerAnswers() {
        final TestNet n = net(1, TcpConfig.linux().withKeepalive(true, 7200 * S, 75 * S, 9));
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(3 * 7200 * S + S);
        assertNull(cli.failure);
        assertEquals(TcpState.ESTABLISHED, c.state());
        // handshake (3), then per two hours one probe and its answer
        assertEquals(3 + 3 * 2, n.clientWire.size());
        assertEquals("> .", n.clientWire.get(3));
        final int probeSeq = n.clientPackets.get(3).seq;
        assertEquals(n.clientPackets.get(2).seq - 1, probeSeq); //" SEG.SEQ = SND.NXT-1
    }

    @Test
    void aVanishedPeerIsDeclaredDeadAfterTheLastProbe() {
        final TestNet n = net(2, TcpConfig.linux().withKeepalive(true, 60 * S, 10 * S, 3));
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        final long established = cli.connectedAt;
        n.serverLink.loss(n.serverLink.a(), p -> true);
        n.sim.runUntil(1000 * S);
        assertEquals(FailReason.TIMED_OUT, cli.failure);
        // probes at idle, idle+10, idle+20; dead at idle+30 s
        assertEquals(60 * S + 3 * 10 * S, cli.failedAt - established, 30_000_000L);
    }

    @Test
    void aSocketsOwnKeepaliveSettingsOverrideTheSysctls() {
        // Stack defaults: keepalive off, two hours. The socket asks for 60 s / 60 s / 9 as curl does.
        final TestNet n = net(3, TcpConfig.linux());
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        c.setKeepAlive(60 * S, 60 * S, 9);
        n.sim.runUntil(200 * S);
        assertNull(cli.failure);
        // handshake (3), then probes at about 60, 120 and 180 s, each answered
        assertEquals(3 + 3 * 2, n.clientWire.size(), n.clientWire.toString());
        assertEquals("> .", n.clientWire.get(3));
        assertEquals(60 * S, n.clientTimes.get(3), 30_000_000L);
    }
}
