package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Regular chains as nf_tables runs them: a {@code jump} comes back to the rule after it when the
 * chain ends or says {@code return}; a {@code goto} does not, so the base chain's policy decides.
 */
class JumpGotoAndReturnTest {
    private static final String RULESET = """
            table ip filter {
            	chain web {
            		tcp dport 80 return
            		tcp dport 81 accept
            	}
            	chain other {
            		tcp dport 82 counter
            	}
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		tcp dport 80-81 jump web
            		tcp dport 80 accept
            		tcp dport 82 goto other
            		tcp dport 82 accept
            	}
            }
            """;

    @Test
    void aJumpReturnsToTheNextRuleAndAGotoEndsInThePolicy() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(RULESET);
        final FwNet.Ear[] ears = new FwNet.Ear[3];
        for (int i = 0; i < 3; i++) {
            final int port = 80 + i;
            n.serverTcp.listen(port, c -> new FwNet.Ear(n.sim));
            ears[i] = new FwNet.Ear(n.sim);
            n.clientTcp.get(0).connect(FwNet.SERVER, port, ears[i]);
        }
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(ears[0].connectedAt > 0, "port 80: 'return' came back, the next rule accepted");
        assertTrue(ears[1].connectedAt > 0, "port 81: accepted inside the jumped-to chain");
        assertTrue(ears[2].connectedAt < 0, "port 82: 'goto' never comes back to the accept after it");
        final var forward = fw.chain("filter/forward");
        assertEquals(1, fw.counter(forward, 2)[0], "the accept after the jump saw port 80's SYN only");
        assertEquals(0, fw.counter(forward, 4)[0], "the accept after the goto never ran");
        assertEquals(fw.counter(fw.chain("filter/other"), 0)[0], fw.policyCounter(forward)[0],
                "every SYN to 82 went through 'other' and met the policy");
        assertTrue(fw.drops().containsKey("filter/forward policy drop"));
    }
}
