package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A limit per set element (nft_dynset with a limit: nft's {@code update @set { ip saddr limit ... }},
 * a {@code meter}, iptables' hashlimit) keeps one token bucket per source: a client over its rate
 * is dropped while another client's first connection passes, which one shared bucket would drop.
 */
class PerSourceLimitTest {
    private static final String SET = """
            table ip t {
            	set perhost {
            		type ipv4_addr
            		flags dynamic,timeout
            		timeout 1m
            	}
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		tcp dport 21 ct state new update @perhost { ip saddr limit rate over 1/minute burst 1 packets } counter drop
            	}
            }
            """;

    private static final String METER = """
            table ip t {
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		tcp dport 21 ct state new meter perhost { ip saddr limit rate over 1/minute burst 1 packets } counter drop
            	}
            }
            """;

    private static final String HASHLIMIT = FwNet.filterTable(
            "-A FORWARD -p tcp -m tcp --dport 21 -m conntrack --ctstate NEW -m hashlimit --hashlimit-above 1/min --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-name perhost -j DROP");

    @Test
    void eachSourceHasItsOwnBucket() {
        for (final String rules : new String[] {SET, METER, HASHLIMIT}) {
            final FwNet n = new FwNet(1, 2);
            n.nft(rules, rules == HASHLIMIT);
            n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
            final List<FwNet.Ear> ears = n.connectInTurn(21, 0, 0, 1);
            final FwNet.Ear a1 = ears.get(0);
            final FwNet.Ear a2 = ears.get(1);
            final FwNet.Ear b1 = ears.get(2);
            assertTrue(a1.connectedAt > 0, "client 0's first");
            assertEquals(-1, a2.connectedAt, "client 0's second is over its rate");
            assertTrue(b1.connectedAt > 0, "client 1's first: its own bucket");
        }
    }
}
