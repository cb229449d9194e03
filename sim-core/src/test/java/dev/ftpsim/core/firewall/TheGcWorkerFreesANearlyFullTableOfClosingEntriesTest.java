package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nf_conntrack_max = 100, filled by 100 connections of which {@code closed} have ended (TIME_WAIT,
 * assured) and the rest stay established. A new connection at 2 s finds the table full: nothing is
 * unassured, so {@code early_drop()} fails and its SYN is dropped ("table full"), which arms the gc
 * worker's early drop (gc_worker(), net/netfilter/nf_conntrack_core.c). The gc run at about 61 s
 * (1 s after the first entry, then the adaptive interval, 60 s here) kills TIME_WAIT entries while
 * the table holds at least 95 (nf_conntrack_max / 100 * 95), so a connection at 65 s gets in.
 */
class TheGcWorkerFreesANearlyFullTableOfClosingEntriesTest {
    private static final String[] ALLOW = {"ct state established,related accept", "tcp dport 80 accept"};

    /** What one run shows: the probes' outcomes, the counters and every forgotten entry in order. */
    private record Run(boolean earlyProbeConnected, boolean lateProbeConnected, long tableFull, long gcEarlyDrop,
            long earlyDrop, int established, List<String> forgotten) {
    }

    private static Run run(final int closed, final boolean gcEarlyDrop) {
        return run(100, closed, gcEarlyDrop);
    }

    private static Run run(final int max, final int closed, final boolean gcEarlyDrop) {
        final FwNet n = new FwNet(7, 1);
        n.serverTcp.listen(80, c -> new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection conn) {
                conn.close();
            }
        });
        final Firewall fw = n.stateful(OneLiners.forward(true, ALLOW),
                ConntrackConfig.linux().withMax(max).withGcEarlyDrop(gcEarlyDrop));
        final List<String> forgotten = new ArrayList<>();
        fw.conntrack().setForgetListener((e, ips, ports, reason, at) -> forgotten.add(at + " " + reason + " "
                + (e == null ? "-" : e.tcpState())));
        final List<TcpConnection> conns = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            n.sim.runUntil(i * 20_000L); // 20 us apart: no queue overflows on the 100 Mbps link
            conns.add(n.clientTcp.get(0).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim)));
        }
        n.sim.runUntil(200 * NS_PER_MS);
        for (int i = 0; i < closed; i++) {
            conns.get(i).close();
        }
        n.sim.runUntil(2 * NS_PER_S);
        final FwNet.Ear early = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 80, early);
        n.sim.runUntil(2 * NS_PER_S + 500 * NS_PER_MS);
        final boolean earlyConnected = early.connectedAt >= 0;
        n.sim.runUntil(65 * NS_PER_S);
        final FwNet.Ear late = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 80, late);
        n.sim.runUntil(65 * NS_PER_S + 500 * NS_PER_MS);
        int established = 0;
        for (final ConnEntry e : fw.conntrack().entries()) {
            established += e.tcpState() == TcpCtState.ESTABLISHED ? 1 : 0;
        }
        final var s = fw.conntrack().stats();
        return new Run(earlyConnected, late.connectedAt >= 0, s.tableFull, s.gcEarlyDrop, s.earlyDrop, established,
                forgotten);
    }

    @Test
    void timeWaitEntriesAreKilledDownTo94AndANewConnectionGetsIn() {
        final Run r = run(50, true);
        assertTrue(!r.earlyProbeConnected(), "the table was full of assured entries");
        assertTrue(r.tableFull() >= 1);
        assertEquals(6, r.gcEarlyDrop(), "100 down to 94: the first count below 95");
        assertEquals(0, r.earlyDrop(), "Linux counts the gc's kills in no early_drop statistic");
        assertTrue(r.lateProbeConnected());
        assertEquals(51, r.established(), "the 50 open connections and the new one");
        assertEquals(6, r.forgotten().stream().filter(f -> f.contains("evicted TIME_WAIT")).count());
    }

    @Test
    void aRunStopsAfterGcScanExpiredMaxAndTheWalkGoesOnDisarmed() {
        // 2000 TIME_WAIT entries: down to 1900 would take 101 kills, but a run stops once it has removed
        // more than GC_SCAN_EXPIRED_MAX (64000 / HZ, 64 at HZ 1000), and nothing re-arms the next one.
        final Run r = run(2000, 2000, true);
        assertEquals(65, r.gcEarlyDrop());
        assertTrue(r.lateProbeConnected());
    }

    @Test
    void withoutTheGcEarlyDropTheTableStaysFullUntilTimeWaitEnds() {
        final Run r = run(50, false); // kernels before 4.10
        assertTrue(!r.lateProbeConnected());
        assertEquals(0, r.gcEarlyDrop());
        assertEquals(0, r.forgotten().stream().filter(f -> f.contains("evicted")).count());
    }

    @Test
    void establishedAssuredEntriesAreNeverKilled() {
        final Run r = run(0, true);
        assertTrue(!r.lateProbeConnected());
        assertEquals(0, r.gcEarlyDrop());
        assertEquals(100, r.established());
    }

    @Test
    void twoRunsForgetTheSameEntriesAtTheSameTimes() {
        assertEquals(run(50, true).forgotten(), run(50, true).forgotten());
    }
}
