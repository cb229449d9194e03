package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.LinkConfig;
import org.junit.jupiter.api.Test;

/** A steady bulk transfer recycles its packets and events: the heap does not grow per packet. */
class SteadyStateAllocationTest {
    @Test
    void aSteadyBulkTransferAllocatesNoPacketsAndAlmostNoBytesPerPacket() {
        final LinkConfig l = LinkConfig.of(100_000_000L, 5_000_000L, 1000);
        final TcpConfig cfg = TcpConfig.linux().withReceiveBuffer(1 << 20);
        final TestNet n = new TestNet(1, l, l, cfg, cfg, false);
        n.serverTcp.listen(5001, c -> new TcpHandler() { });
        n.clientTcp.connect(n.serverIp, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(100_000_000_000L);
            }
        });
        n.sim.runUntil(2_000_000_000L); // past slow start, pool and queues at their working size
        final long pooled = n.net.pool().allocated();
        final long packets0 = n.serverLink.b().counters().rxPackets() + n.serverLink.b().counters().txPackets();

        final long bytes = ThreadAllocation.during(() -> n.sim.runUntil(5_000_000_000L));
        final long packets = n.serverLink.b().counters().rxPackets() + n.serverLink.b().counters().txPackets() - packets0;
        assertTrue(packets > 30_000, "packets " + packets);
        assertEquals(pooled, n.net.pool().allocated(), "no new packets once the pool is warm");
        final double perPacket = bytes / (double) packets;
        System.out.printf("allocated %.2f bytes per server packet%n", perPacket);
        assertTrue(perPacket < 8, perPacket + " bytes allocated per packet");
    }
}
