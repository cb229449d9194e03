package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A bulk transfer through the balancer (table lookup and rewrite both ways, idle stamps) allocates nothing per packet once warm. */
class ForwardingThroughABalancerAllocatesNothingPerPacketTest {
    @Test
    void aBulkTransferThroughTheBalancerAllocatesAlmostNothingPerPacket() {
        final BalancerNet n = new BalancerNet(1, 2);
        n.capture = false;
        final Balancer b = n.install(BalancerConfig.of(Profile.AWS_NLB, BalancerNet.VIP, List.of(new int[] {5001, 5001}),
                n.backendAddresses()));
        n.listen(5001);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(100_000_000_000L);
            }
        });
        n.sim.runUntil(2 * NS_PER_S); // past slow start, pool and queues at their working size
        final long packets0 = b.stats().forwarded;
        final java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(tmx instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) tmx;
        final long tid = Thread.currentThread().getId();
        final long bytes0 = sun.getThreadAllocatedBytes(tid);
        n.sim.runUntil(5 * NS_PER_S);
        final long bytes = sun.getThreadAllocatedBytes(tid) - bytes0;
        final long packets = b.stats().forwarded - packets0;
        assertTrue(packets > 30_000, "packets through the balancer " + packets);
        final double perPacket = bytes / (double) packets;
        System.out.printf("allocated %.2f bytes per packet through the balancer%n", perPacket);
        assertTrue(perPacket < 8, perPacket + " bytes allocated per forwarded packet");
    }
}
