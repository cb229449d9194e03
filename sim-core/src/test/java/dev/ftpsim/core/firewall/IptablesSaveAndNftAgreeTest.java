package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.rules.vm.Program;
import org.junit.jupiter.api.Test;

/** The same firewall written as iptables-save and as nftables gives the same counters and outcomes. */
class IptablesSaveAndNftAgreeTest {
    private static final String IPTABLES = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :from-lan - [0:0]
            -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -i lan+ -o wan -j from-lan
            -A from-lan -p tcp -m multiport --dports 21,80 -m conntrack --ctstate NEW -j ACCEPT
            -A from-lan -p tcp --dport 22 -j REJECT --reject-with tcp-reset
            -A from-lan -p tcp --dport 23 -j REJECT --reject-with icmp-admin-prohibited
            COMMIT
            """;
    private static final String NFT = """
            table ip filter {
            	chain from-lan {
            		tcp dport { 21, 80 } ct state new accept
            		tcp dport 22 reject with tcp reset
            		tcp dport 23 reject with icmp admin-prohibited
            	}
            	chain FORWARD {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		iifname "lan*" oifname "wan" jump from-lan
            	}
            }
            """;

    @Test
    void bothSpellingsCountAndDecideAlike() {
        final long[][] ipt = run(true);
        final long[][] nft = run(false);
        assertEquals(ipt.length, nft.length);
        for (int i = 0; i < ipt.length; i++) {
            assertArrayEquals(ipt[i], nft[i], "row " + i);
        }
        assertTrue(ipt[0][0] > 10, "established traffic counted");
    }

    private static long[][] run(final boolean iptables) {
        final FwNet n = new FwNet(3, 2);
        final Firewall fw = n.nft(iptables ? IPTABLES : NFT, iptables);
        final int[] ports = {21, 80, 22, 23, 443};
        final FwNet.Ear[] ears = new FwNet.Ear[ports.length];
        for (int i = 0; i < ports.length; i++) {
            final int port = ports[i];
            n.serverTcp.listen(port, c -> new FwNet.Ear(n.sim));
            ears[i] = new FwNet.Ear(n.sim);
            n.clientTcp.get(i % 2).connect(FwNet.SERVER, port, ears[i]).send(20_000);
        }
        n.sim.runUntil(30 * NS_PER_S);
        final Program.ChainCode fwd = fw.chain(iptables ? "filter/FORWARD" : "filter/FORWARD");
        final Program.ChainCode lan = fw.chain("filter/from-lan");
        final long[][] out = new long[fwd.size() + lan.size() + 2][];
        int k = 0;
        for (int i = 0; i < fwd.size(); i++) {
            out[k++] = fw.counter(fwd, i);
        }
        for (int i = 0; i < lan.size(); i++) {
            out[k++] = fw.counter(lan, i);
        }
        out[k++] = fw.policyCounter(fwd);
        final long[] outcome = new long[ears.length * 2];
        for (int i = 0; i < ears.length; i++) {
            outcome[2 * i] = ears[i].connectedAt;
            outcome[2 * i + 1] = ears[i].failure == null ? -1 : ears[i].failure.ordinal();
        }
        out[k] = outcome;
        return out;
    }
}
