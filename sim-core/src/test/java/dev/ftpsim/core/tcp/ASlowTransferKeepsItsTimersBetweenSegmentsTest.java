package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * A transfer whose segments come further apart than its timers run (one small segment every 200
 * ms: the delayed ACK fires and the retransmission timer's event runs out between two segments,
 * as for each of 100 000 flows sharing one link) allocates nothing per segment: the connection
 * keeps its timers while it carries data instead of making them anew for each segment.
 */
class ASlowTransferKeepsItsTimersBetweenSegmentsTest {
    @Test
    void aSegmentEveryTwoHundredMillisecondsAllocatesNothingPerSegment() {
        final LinkConfig l = LinkConfig.of(100_000_000L, 5_000_000L, 1000);
        final TcpConfig cfg = TcpConfig.linux().withDelayedAck(true);
        final TestNet n = new TestNet(1, l, l, cfg, cfg, false);
        n.serverTcp.listen(5001, c -> new TcpHandler() { });
        final TcpConnection[] conn = new TcpConnection[1];
        n.clientTcp.connect(n.serverIp, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                conn[0] = c;
            }
        });
        final Runnable tick = new Runnable() {
            @Override
            public void run() {
                conn[0].send(100);
                n.sim.schedule(200_000_000L, this);
            }
        };
        n.sim.schedule(1_000_000_000L, tick);
        n.sim.runUntil(10_000_000_000L); // connected, pool and queues at their working size
        final long delivered0 = conn[0].bytesAcked();

        final long bytes = ThreadAllocation.during(() -> n.sim.runUntil(70_000_000_000L));
        final long segments = (conn[0].bytesAcked() - delivered0) / 100;
        assertEquals(300, segments, "one 100-byte segment every 200 ms for 60 s, all acknowledged");
        final double perSegment = bytes / (double) segments;
        assertTrue(perSegment < 16, perSegment + " bytes allocated per segment");
    }
}
