package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import org.junit.jupiter.api.Test;

/**
 * A bulk transfer bridged by a switch running a stateful bridge table (bridge conntrack, port,
 * MAC, address and ct state matches, counters) allocates nothing per frame once warm.
 */
class ForwardingThroughAFilteringSwitchAllocatesNothingPerFrameTest {
    @Test
    void aBulkTransferThroughAStatefulBridgeTableAllocatesAlmostNothingPerFrame() {
        final Segment seg = new Segment();
        final Firewall fw = seg.bridge("""
                table bridge filter {
                    chain forward {
                        type filter hook forward priority filter; policy drop;
                        ether saddr 02:00:00:00:00:01 drop
                        iifname "p0" ip saddr { 192.0.2.0/24, 198.51.100.0/24 } drop
                        ct state established,related counter accept
                        iifname "p0" oifname "p1" ether type ip tcp dport 5001 ct state new accept
                    }
                }
                """, true);
        seg.serverTcp.listen(5001, c -> new TcpHandler() { });
        seg.clientTcp.connect(Segment.SERVER, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(100_000_000_000L);
            }
        });
        seg.sim.runUntil(2 * NS_PER_S); // past slow start, pool and queues at their working size
        final var chain = fw.chain("filter/forward");
        final double perPacket = AllocatedBytes.perPacket(() -> seg.sim.runUntil(4 * NS_PER_S),
                () -> fw.counter(chain, 2)[0]);
        System.out.printf("allocated %.2f bytes per bridged frame%n", perPacket);
        assertTrue(perPacket < 8, perPacket + " bytes allocated per bridged frame");
    }
}
