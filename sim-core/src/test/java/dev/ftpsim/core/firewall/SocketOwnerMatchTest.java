package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code meta skuid} matches the owner of the socket a host's own process sends from (the uid its
 * TCP runs as); a forwarded packet has no socket (skb->sk is NULL), so neither {@code skuid 0} nor
 * {@code skuid != 0} matches it (nft_meta_get_eval breaks the rule).
 */
class SocketOwnerMatchTest {
    private static final String CLIENT_RULES = """
            table inet out {
            	chain output {
            		type filter hook output priority filter; policy accept;
            		meta skuid 1000 tcp dport 21 reject with tcp reset
            	}
            }
            """;

    @Test
    void aHostsOwnPacketsCarryTheirProcesssUid() {
        assertTrue(connects(0), "root's connection passes");
        assertTrue(!connects(1000), "uid 1000's connection is refused on its own host");
    }

    private static boolean connects(final int uid) {
        final FwNet n = new FwNet(1, 1);
        Firewall.stateful(n.clients.get(0), Compiler.compile(NftParser.parse("c.nft", CLIENT_RULES),
                Firewall.interfaceNames(n.clients.get(0)), r -> ""), ConntrackConfig.linux(), List.of());
        n.clientTcp.get(0).runAs(uid, uid);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, ear);
        n.sim.runUntil(NS_PER_S);
        return ear.connectedAt > 0;
    }

    @Test
    void aForwardedPacketHasNoSocketOwner() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft("""
                table ip t {
                	chain forward {
                		type filter hook forward priority filter; policy accept;
                		meta skuid 0 counter drop
                		meta skuid != 0 counter drop
                		meta skgid 0 counter drop
                	}
                }
                """);
        n.serverTcp.listen(21, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, ear).send(1000);
        n.sim.runUntil(NS_PER_S);
        assertTrue(ear.connectedAt > 0);
        final var forward = fw.chain("t/forward");
        for (int r = 0; r < 3; r++) {
            assertEquals(0, fw.counter(forward, r)[0], "rule " + r);
        }
    }
}
