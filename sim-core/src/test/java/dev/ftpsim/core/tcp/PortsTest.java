package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertThrows(IllegalArgumentException.class,
                () -> n.serverTcp.connect(n.clientIp, 40000, 20, new TcpHandler() { }), "EADDRINUSE");
    }
}
