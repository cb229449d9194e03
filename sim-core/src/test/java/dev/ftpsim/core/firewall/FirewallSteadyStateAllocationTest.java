package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import org.junit.jupiter.api.Test;

/**
 * Forwarding through a stateful firewall (conntrack lookup, rules with interface, address, port
 * and ct state matches, per-rule counters) allocates nothing per packet once warm.
 */
class FirewallSteadyStateAllocationTest {
    @Test
    void aBulkTransferThroughAStatefulRulesetAllocatesAlmostNothingPerPacket() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.stateful(
                "iif lan0 oif wan ip saddr { 192.0.2.0/24, 198.51.100.0/24 } tcp dport { 22, 23 } drop",
                "iif wan ip saddr 192.0.2.0/24 drop",
                "ct state established,related counter accept",
                "iif lan0 oif wan tcp dport 5001 ct state new accept");
        measure(n, fw, fw.chain("forward"), 2);
    }

    @Test
    void jumpsVmapsSetsLimitsAndMarksAllocateNothingPerPacketEither() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft("""
                table inet filter {
                	set blocked {
                		type ipv4_addr . inet_service
                		flags interval
                		elements = { 192.0.2.0/24 . 22, 198.51.100.0/24 . 1-1024 }
                	}
                	chain lan {
                		ip saddr . tcp dport @blocked drop
                		meta mark set 0x10 ct mark set meta mark
                		tcp dport 5001 limit rate 100000/second burst 1000 packets counter return
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		iifname vmap { "lan*" : jump lan, "wan" : continue }
                		ct state vmap { established : accept, related : accept, new : accept }
                	}
                }
                """);
        measure(n, fw, fw.chain("filter/forward"), 1);
    }

    @Test
    void jhashConnectionCountsObjectMapsAndMetersAllocateNothingPerPacket() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft("""
                table ip t {
                	counter bulk { }
                	chain lb {
                		counter return
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		counter name tcp dport map { 5001 : "bulk" }
                		tcp dport 5001 jhash ip saddr . tcp sport mod 2 vmap { 0 : jump lb, 1 : jump lb }
                		tcp dport 5001 ct count over 100 drop
                		tcp dport 5001 meter perhost { ip saddr limit rate over 10000000/second burst 100000 packets } drop
                		meta skuid 0 drop
                		ct state established,related accept
                		tcp dport 5001 ct state new accept
                	}
                }
                """);
        measure(n, fw, fw.chain("t/forward"), 5);
    }

    private static void measure(final FwNet n, final Firewall fw, final dev.ftpsim.core.rules.vm.Program.ChainCode chain,
            final int rule) {
        n.serverTcp.listen(5001, c -> new TcpHandler() { });
        n.clientTcp.get(0).connect(FwNet.SERVER, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(100_000_000_000L);
            }
        });
        n.sim.runUntil(2 * NS_PER_S); // past slow start, pool and queues at their working size
        final double perPacket = AllocatedBytes.perPacket(() -> n.sim.runUntil(5 * NS_PER_S),
                () -> fw.counter(chain, rule)[0]);
        System.out.printf("allocated %.2f bytes per forwarded packet%n", perPacket);
        assertTrue(perPacket < 8, perPacket + " bytes allocated per forwarded packet");
    }
}
