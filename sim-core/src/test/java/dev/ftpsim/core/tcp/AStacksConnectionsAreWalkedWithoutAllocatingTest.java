package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.LinkConfig;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link TcpStack#forEachConnection} shows every connection of the table with its bytes in flight
 * and allocates nothing, so a time series can read a host's TCP at every sample.
 */
class AStacksConnectionsAreWalkedWithoutAllocatingTest {
    private int visited;
    private long flight;
    private final TcpStack.ConnectionVisitor count = c -> {
        visited++;
        flight += c.bytesInFlight();
    };

    @Test
    void everyConnectionIsVisitedWithItsFlightAndNoByteIsAllocated() {
        final LinkConfig l = LinkConfig.of(100_000_000L, 5_000_000L, 1000);
        final TestNet n = new TestNet(1, l, l, TcpConfig.linux(), TcpConfig.linux(), false);
        n.serverTcp.listen(5001, c -> new TcpHandler() { });
        final TcpConnection[] bulk = new TcpConnection[3];
        for (int i = 0; i < bulk.length; i++) {
            bulk[i] = n.clientTcp.connect(n.serverIp, 5001, new TcpHandler() {
                @Override
                public void connected(final TcpConnection c) {
                    c.send(1_000_000_000L);
                }
            });
        }
        n.sim.runUntil(500_000_000L);
        long expected = 0;
        for (final TcpConnection c : bulk) {
            assertEquals(TcpState.ESTABLISHED, c.state());
            expected += c.bytesInFlight();
        }
        assertTrue(expected > 0, "the transfers have data in flight");
        n.clientTcp.forEachConnection(count);
        assertEquals(3, visited);
        assertEquals(expected, flight);

        final java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(tmx instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) tmx;
        final long tid = Thread.currentThread().getId();
        // Warm up first: one-off costs (class loading, compilation) are not the walk's.
        for (int i = 0; i < 10_000; i++) {
            n.clientTcp.forEachConnection(count);
        }
        final long bytes0 = sun.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            n.clientTcp.forEachConnection(count);
        }
        final long bytes = sun.getThreadAllocatedBytes(tid) - bytes0;
        // One object per walk would be 1.6 MB; allow stray one-off bytes, not a per-walk cost.
        assertTrue(bytes < 8192, bytes + " bytes allocated by 100,000 walks");
        assertEquals(3 + 110_000 * 3, visited);
    }
}
