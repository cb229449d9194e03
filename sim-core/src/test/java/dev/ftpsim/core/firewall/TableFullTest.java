package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackStats;
import dev.ftpsim.core.net.Hook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nf_conntrack_max = 100 and 200 connection attempts. Linux: a new connection evicts the entries
 * not ASSURED of its hash bucket or of the first of the next 7 that has any ("early drop",
 * {@code early_drop()} in net/netfilter/nf_conntrack_core.c), else its packet is dropped ("table
 * full"). Runs stop before the first SYN retransmission (1 s), so each attempt is one packet.
 */
class TableFullTest {
    private static final String[] ALLOW = {"ct state established,related accept", "tcp dport 80 accept"};

    /** 200 attempts 2 ms apart that the server never answers: every entry stays SYN_SENT, never ASSURED. */
    private static ConntrackStats unanswered(final ConntrackConfig ct, final List<Long> evictedAt) {
        final FwNet n = new FwNet(1, 1);
        Firewall.stateless(n.server, new Ruleset(List.of(OneLiners.chain("in", false, Hook.INPUT, 0, true)),
                List.of(), Map.of()));
        final Firewall fw = n.stateful(OneLiners.forward(true, ALLOW), ct);
        fw.conntrack().setForgetListener((e, ips, ports, reason, at) -> {
            if (reason.equals("evicted")) {
                evictedAt.add(at);
            }
        });
        for (int i = 0; i < 200; i++) {
            n.sim.schedule(i * 2 * NS_PER_MS, () -> n.clientTcp.get(0).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim)));
        }
        n.sim.runUntil(900 * NS_PER_MS);
        assertEquals(100, fw.conntrack().peak());
        return fw.conntrack().stats();
    }

    @Test
    void withOneHashBucketTheFirstSynPastTheLimitEvictsEveryUnansweredEntryAtOnce() {
        final List<Long> evictedAt = new ArrayList<>();
        final ConntrackStats s = unanswered(ConntrackConfig.linux().withMax(100).withSizes(1, 4), evictedAt);
        assertEquals(200, s.inserted);
        assertEquals(100, s.earlyDrop);
        assertEquals(0, s.tableFull);
        assertEquals(100, evictedAt.size());
        assertEquals(1, evictedAt.stream().distinct().count(), "all at once, by the 101st SYN");
        assertTrue(evictedAt.get(0) > 200 * NS_PER_MS && evictedAt.get(0) < 202 * NS_PER_MS);
    }

    @Test
    void withTheDefaultHashSizeUnansweredEntriesInFarBucketsAreNotEvicted() {
        final ConntrackStats s = unanswered(ConntrackConfig.linux().withMax(100), new ArrayList<>());
        assertEquals(100, s.earlyDrop + s.tableFull);
        assertTrue(s.tableFull > 90, "100 entries in 262144 buckets: the 8 after a new tuple's are nearly always empty");
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
