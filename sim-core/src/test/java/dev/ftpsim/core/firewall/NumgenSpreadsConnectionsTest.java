package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code numgen inc mod 2} takes turns and {@code numgen random mod 2} spreads, as kube-proxy balances. */
class NumgenSpreadsConnectionsTest {
    private static String ruleset(final String kind) {
        return """
                table ip lb {
                	chain a {
                		counter accept
                	}
                	chain b {
                		counter accept
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		ct state established,related accept
                		tcp dport 80 ct state new numgen %s mod 2 vmap { 0 : jump a, 1 : jump b }
                	}
                }
                """.formatted(kind);
    }

    @Test
    void incAlternatesAndRandomUsesBoth() {
        final long[] inc = spread("inc", 4, 1);
        assertEquals(2, inc[0], "a, b, a, b over the first SYNs of four connections");
        assertEquals(2, inc[1]);
        final long[] random = spread("random", 5, 4);
        assertEquals(20, random[0] + random[1]);
        assertTrue(random[0] > 0 && random[1] > 0, random[0] + " / " + random[1]);
    }

    /**
     * The kernel draws numgen random from get_random_u32 (nft_numgen.c, nft_ng_random_gen): another
     * run draws other pods. With one fixed generator every seed gave the same draws, so every
     * replication of kube-nodeport-ftp failed the same sessions.
     */
    @Test
    void randomFollowsTheRunSeed() {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            seen.add(java.util.Arrays.toString(spread("random", 5, 4, seed)));
            assertEquals(java.util.Arrays.toString(spread("random", 5, 4, seed)),
                    java.util.Arrays.toString(spread("random", 5, 4, seed)), "same seed, same draws");
        }
        assertTrue(seen.size() > 1, "four seeds drew the same split: " + seen);
    }

    private static long[] spread(final String kind, final int clients, final int each) {
        return spread(kind, clients, each, 1);
    }

    /** Connections per chain when {@code clients} clients each open {@code each} connections to port 80. */
    private static long[] spread(final String kind, final int clients, final int each, final long seed) {
        final FwNet n = new FwNet(seed, clients);
        final Firewall fw = n.nft(ruleset(kind));
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        for (int k = 0; k < each; k++) {
            for (int i = 0; i < clients; i++) {
                n.clientTcp.get(i).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim));
            }
        }
        n.sim.runUntil(5 * NS_PER_S);
        return new long[] {fw.counter(fw.chain("lb/a"), 0)[0], fw.counter(fw.chain("lb/b"), 0)[0]};
    }

    /**
     * kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go) picks an endpoint with
     * {@code -m statistic --mode random --probability 0.50000000000} and keeps affinity with
     * {@code -m recent ... --rcheck --seconds 10800 --reap}; iptables 1.8.9 loads both. xt_statistic
     * matches when {@code (get_random_u32() & 0x7FFFFFFF) < lround(0x80000000 * p)}; nth mode counts
     * each packet and matches every n-th.
     */
    @Test
    void iptablesStatisticSpreadsAndNthTakesTurnsAsKubeProxysIptablesModeNeeds() {
        final long[] random = spreadIptables("-m statistic --mode random --probability 0.50000000000", 5, 4);
        assertEquals(20, random[0] + random[1]);
        assertTrue(random[0] > 0 && random[1] > 0, random[0] + " / " + random[1]);
        assertEquals(0, spreadIptables("-m statistic --mode random --probability 0", 2, 2)[0]);
        assertEquals(4, spreadIptables("-m statistic --mode random --probability 1", 2, 2)[0]);
        assertEquals(2, spreadIptables("-m statistic --mode nth --every 2 --packet 0", 4, 1)[0], "the 2nd and 4th");
        assertEquals(4, spreadIptables("-m recent --name SEEN --rsource --rcheck --seconds 10800 --reap", 2, 2)[1]
                + spreadIptables("-m recent --name SEEN --rsource --rcheck --seconds 10800 --reap", 2, 2)[0]);
    }

    /** SYNs to port 80 counted by chain A (the match held) and chain B (it did not). */
    private static long[] spreadIptables(final String match, final int clients, final int each) {
        final String rules = """
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                :A - [0:0]
                :B - [0:0]
                -A A -j ACCEPT
                -A B -j ACCEPT
                -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
                -A FORWARD -p tcp --dport 80 -m conntrack --ctstate NEW %s -j A
                -A FORWARD -p tcp --dport 80 -m conntrack --ctstate NEW -j B
                COMMIT
                """.formatted(match);
        final FwNet n = new FwNet(1, clients);
        final Firewall fw = n.nft(rules, true);
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        for (int k = 0; k < each; k++) {
            for (int i = 0; i < clients; i++) {
                n.clientTcp.get(i).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim));
            }
        }
        n.sim.runUntil(5 * NS_PER_S);
        return new long[] {fw.counter(fw.chain("filter/A"), 0)[0], fw.counter(fw.chain("filter/B"), 0)[0]};
    }
}
