package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maps to objects (nft_objref_map_eval): {@code counter name tcp dport map {...}} counts each
 * packet in the counter its key chooses, {@code ct helper set tcp dport map {...}} gives a new
 * connection the helper object its port names, a named map {@code : ct helper} does the same, and a
 * key with no element leaves the rule without effect.
 */
class MapsChooseObjectsTest {
    private static final String RULESET = """
            table ip t {
            	counter ftp { }
            	counter web { }
            	ct helper ftp-standard {
            		type "ftp" protocol tcp
            	}
            	ct helper other {
            		type "ftp" protocol tcp
            	}
            	map helpers {
            		type inet_service : ct helper
            		elements = { 2121 : "other" }
            	}
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		counter name tcp dport map { 21 : "ftp", 80 : "web" }
            		ct state new ct helper set tcp dport map { 21 : "ftp-standard" }
            		ct state new ct helper set tcp dport map @helpers
            	}
            }
            """;

    @Test
    void eachPacketMeetsTheObjectItsKeyChooses() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft(RULESET);
        for (final int port : new int[] {21, 80, 2121, 8080}) {
            n.serverTcp.listen(port, c -> new FwNet.Ear(n.sim));
            n.clientTcp.get(0).connect(FwNet.SERVER, port, new FwNet.Ear(n.sim)).send(port == 80 ? 3000 : 10);
        }
        n.sim.runUntil(2 * NS_PER_S);
        final long ftp = fw.namedCounter("ftp")[0];
        final long web = fw.namedCounter("web")[0];
        assertTrue(ftp >= 3, "the port-21 connection's packets: " + ftp);
        assertTrue(web > ftp, "the port-80 connection sent more: " + web + " vs " + ftp);
        final Map<Integer, String> helperByPort = new HashMap<>();
        for (final ConnEntry e : fw.conntrack().entries()) {
            helperByPort.put(e.dstPort(0), e.helperName());
        }
        assertEquals("ftp-standard", helperByPort.get(21));
        assertEquals("other", helperByPort.get(2121));
        assertEquals(null, helperByPort.get(80), "no element: no helper");
        assertEquals(null, helperByPort.get(8080));
    }
}
