package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import org.junit.jupiter.api.Test;

/**
 * What a node sends to its own address leaves and re-enters through {@code lo}, as on Linux: an
 * input chain with policy drop that accepts {@code iifname "lo"} lets the node talk to itself,
 * and the rule's counter shows the packets; without the rule the policy drops them.
 */
class OwnTrafficCrossesLoTest {
    private static final String RULES = """
            table inet filter {
            	chain input {
            		type filter hook input priority filter; policy drop;
            		%s
            	}
            	chain output {
            		type filter hook output priority filter; policy accept;
            		oif "lo" counter
            	}
            }
            """;

    @Test
    void aRuleOnIifLoAcceptsTheServersOwnConnection() {
        final FwNet n = new FwNet(1, 1);
        final Firewall f = n.nft(RULES.formatted("iifname \"lo\" counter accept"), false);
        final FwNet.Ear ear = connectToSelf(n, "203.0.113.1");
        assertTrue(ear.connectedAt >= 0, "connected over lo");
        assertEquals(-1, ear.failedAt, "never failed");
        assertEquals(0, n.fw.iface("wan").counters().txPackets(), "nothing went on the wire");
        assertTrue(f.counter(chain(f, Hook.INPUT), 0)[0] > 0, "iifname lo matched");
        assertTrue(f.counter(chain(f, Hook.OUTPUT), 0)[0] > 0, "oif lo matched");
    }

    @Test
    void loopbackAddressesGoThroughLoToo() {
        final FwNet n = new FwNet(1, 1);
        final Firewall f = n.nft(RULES.formatted("iif lo ip saddr 127.0.0.1 ip daddr 127.0.0.1 counter accept"),
                false);
        final FwNet.Ear ear = connectToSelf(n, "127.0.0.1");
        assertTrue(ear.connectedAt >= 0, "connected to 127.0.0.1");
        assertTrue(f.counter(chain(f, Hook.INPUT), 0)[0] > 0, "iif lo matched with 127.0.0.1 on both ends");
    }

    @Test
    void withoutItThePolicyDropsThem() {
        final FwNet n = new FwNet(1, 1);
        n.nft(RULES.formatted("iifname \"eth0\" accept"), false);
        final FwNet.Ear ear = connectToSelf(n, "203.0.113.1");
        assertEquals(-1, ear.connectedAt, "the SYN died in input");
        assertTrue(n.fw.loopback().counters().txPackets() > 0, "the SYN went out on lo");
    }

    private static Program.ChainCode chain(final Firewall f, final Hook h) {
        return f.program().chains().stream().filter(c -> c.hook() == h).findFirst().orElseThrow();
    }

    /** The firewall's own node (FwNet's router) connects to itself, at {@code dst}. */
    private static FwNet.Ear connectToSelf(final FwNet n, final String dst) {
        final TcpStack tcp = new TcpStack(n.fw, TcpConfig.linux());
        tcp.listen(2121, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        tcp.connect(Ipv4.parse(dst), 2121, ear).send(10_000);
        n.sim.runUntil(5 * NS_PER_S);
        return ear;
    }
}
