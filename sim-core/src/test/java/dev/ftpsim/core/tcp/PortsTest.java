package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Local ports: Linux's ephemeral range, a chosen port (FTP's 20), and no duplicate 4-tuples. */
class PortsTest {
    @Test
    void ephemeralPortsComeFromLinuxsDefaultRangeAndDiffer() {
        final TestNet n = TestNet.simple(1);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TcpConnection a = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        final TcpConnection b = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        for (final TcpConnection c : new TcpConnection[] {a, b}) {
            assertTrue(c.localPort() >= 32768 && c.localPort() <= 60999, "port " + c.localPort());
        }
        assertNotEquals(a.localPort(), b.localPort());
        n.sim.runUntil(1_000_000_000L);
        assertEquals(TcpState.ESTABLISHED, a.state());
        assertEquals(TcpState.ESTABLISHED, b.state());
        assertEquals(2, n.serverTcp.connectionCount());
    }

    @Test
    void anActiveModeDataConnectionMayBindPortTwenty() {
        final TestNet n = TestNet.simple(2);
        final TcpConnection[] accepted = new TcpConnection[1];
        n.clientTcp.listen(40000, c -> {
            accepted[0] = c;
            return new TcpHandler() { };
        });
        final TcpConnection data = n.serverTcp.connect(n.clientIp, 40000, 20, new TcpHandler() { });
        n.sim.runUntil(1_000_000_000L);
        assertEquals(TcpState.ESTABLISHED, data.state());
        assertEquals(20, data.localPort());
        assertEquals(20, accepted[0].remotePort());
        // Linux's connect() over a live tuple returns EADDRNOTAVAIL: the application hears it, the
        // run goes on, and the live connection is untouched
        final FailReason[] second = new FailReason[1];
        n.serverTcp.connect(n.clientIp, 40000, 20, true, new TcpHandler() {
            @Override
            public void failed(final TcpConnection c, final FailReason r) {
                second[0] = r;
            }
        });
        n.sim.runUntil(1_100_000_000L);
        assertEquals(FailReason.ADDRESS_NOT_AVAILABLE, second[0]);
        assertEquals(TcpState.ESTABLISHED, data.state());
        assertEquals(1, n.serverTcp.connectionCount());
    }

    @Test
    void whenEveryEphemeralPortTowardsAPeerIsTakenTheNextConnectFailsInsteadOfStoppingTheRun() {
        final TestNet n = TestNet.simple(3);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final int ports = 60999 - 32768 + 1;
        for (int i = 0; i < ports; i++) {
            n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        }
        final FailReason[] last = new FailReason[1];
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void failed(final TcpConnection c, final FailReason r) {
                last[0] = r;
            }
        });
        n.sim.runUntil(1_000_000L);
        assertEquals(FailReason.ADDRESS_NOT_AVAILABLE, last[0]);
    }
}
