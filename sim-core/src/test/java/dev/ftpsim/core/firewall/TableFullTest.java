package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackStats;
import dev.ftpsim.core.net.Hook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nf_conntrack_max = 100 and 200 connection attempts. Linux: a new connection evicts a
 * non-ASSURED entry if there is one ("early drop"), else its packet is dropped ("table full").
 * Runs stop before the first SYN retransmission (1 s), so each attempt is one packet.
 */
class TableFullTest {
    private static final String[] ALLOW = {"ct state established,related accept", "tcp dport 80 accept"};

    @Test
    void unansweredConnectionsEvictEachOtherOldestFirst() {
        final FwNet n = new FwNet(1, 1);
        // The server drops everything: every entry stays SYN_SENT, never ASSURED.
        Firewall.stateless(n.server, new Ruleset(List.of(OneLiners.chain("in", false, Hook.INPUT, 0, true)),
                List.of(), Map.of()));
        final Firewall fw = n.stateful(OneLiners.forward(true, ALLOW), ConntrackConfig.linux().withMax(100));
        for (int i = 0; i < 200; i++) {
            n.sim.schedule(i * 2 * NS_PER_MS, () -> n.clientTcp.get(0).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim)));
        }
        n.sim.runUntil(900 * NS_PER_MS);
        final ConntrackStats s = fw.conntrack().stats();
        assertEquals(200, s.inserted);
        assertEquals(100, s.earlyDrop);
        assertEquals(0, s.tableFull);
        assertEquals(100, fw.conntrack().count());
        assertEquals(100, fw.conntrack().peak());
    }

    @Test
    void whenEveryEntryIsAssuredNewConnectionsAreDroppedAndCounted() {
        final FwNet n = new FwNet(1, 1);
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        final Firewall fw = n.stateful(OneLiners.forward(true, ALLOW), ConntrackConfig.linux().withMax(100));
        final FwNet.Ear[] ears = new FwNet.Ear[200];
        for (int i = 0; i < 100; i++) {
            ears[i] = new FwNet.Ear(n.sim);
            n.clientTcp.get(0).connect(FwNet.SERVER, 80, ears[i]);
        }
        n.sim.runUntil(100 * NS_PER_MS); // 100 established, assured connections
        for (int i = 100; i < 200; i++) {
            ears[i] = new FwNet.Ear(n.sim);
            n.clientTcp.get(0).connect(FwNet.SERVER, 80, ears[i]);
        }
        n.sim.runUntil(900 * NS_PER_MS);
        final ConntrackStats s = fw.conntrack().stats();
        assertEquals(100, s.inserted);
        assertEquals(0, s.earlyDrop);
        assertEquals(100, s.tableFull);
        int connected = 0;
        for (final FwNet.Ear e : ears) {
            connected += e.connectedAt >= 0 ? 1 : 0;
        }
        assertEquals(100, connected);
    }
}
