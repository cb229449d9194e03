package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.EarlyDropScan;
import dev.ftpsim.core.conntrack.FiveTuple;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * A table of 6 entries (100 for the gc) over 64 hash buckets, filled with connections whose client ports are chosen so
 * that their tuples land in chosen buckets, then a probe connection at 1.5 s finds it full. Linux's
 * {@code early_drop()} (net/netfilter/nf_conntrack_core.c) looks only at the chains of the probe's
 * bucket and the next 7 (from 4.7; within the first 8 tuples before), takes only entries not
 * ASSURED, and never one in a closing state; failing, the SYN is dropped as "table full" and the gc
 * worker's next run kills closing entries ({@code gc_worker_can_early_drop()}). Unanswered
 * connections go to port 81, which the server drops; the others to port 80, which it serves.
 */
class AFullTablesEarlyDropLooksOnlyNearTheNewTuplesBucketTest {
    private static final int BUCKETS = 64;
    private static final int PROBE_PORT = 50_000;
    private static final String[] ALLOW = {"ct state established,related accept", "tcp dport 80 accept",
        "tcp dport 81 accept"};

    /** A network whose firewall's table holds 6 entries in 64 buckets; tuples are placed by client port. */
    private static final class Bed {
        final FwNet n = new FwNet(7, 1);
        final Firewall fw;
        final int client = n.clientIp(0);
        final int probeBucket;
        final Set<Integer> used = new HashSet<>(List.of(PROBE_PORT));
        final List<Integer> evicted = new ArrayList<>();
        final FwNet.Ear probe = new FwNet.Ear(n.sim);
        final List<Integer> unanswered = new ArrayList<>();

        Bed(final EarlyDropScan scan, final boolean gcEarlyDrop) {
            this(scan, gcEarlyDrop, 6);
        }

        Bed(final EarlyDropScan scan, final boolean gcEarlyDrop, final int max) {
            n.serverTcp.listen(80, c -> new TcpHandler() {
                @Override
                public void peerClosed(final TcpConnection conn) {
                    conn.close();
                }
            });
            Firewall.stateless(n.server, new Ruleset(List.of(OneLiners.chain("in", false, Hook.INPUT, 0, false,
                    "tcp dport 81 drop")), List.of(), Map.of()));
            fw = n.stateful(OneLiners.forward(true, ALLOW), ConntrackConfig.linux().withMax(max).withSizes(BUCKETS, 4)
                    .withEarlyDropScan(scan).withGcEarlyDrop(gcEarlyDrop));
            fw.conntrack().setForgetListener((e, ips, ports, reason, at) -> {
                if (reason.equals("evicted")) {
                    evicted.add(FiveTuple.srcPort(ports));
                }
            });
            probeBucket = bucket(PROBE_PORT, 80, false);
        }

        int bucket(final int sport, final int dport, final boolean reply) {
            final long ips = FiveTuple.ips(client, FwNet.SERVER);
            final long ports = FiveTuple.ports(sport, dport, FiveTuple.TCP);
            return reply ? fw.conntrack().bucketOf(FiveTuple.replyIps(ips), FiveTuple.replyPorts(ports))
                    : fw.conntrack().bucketOf(ips, ports);
        }

        /** Buckets after the probe's: 0 is the probe's own, 8 and more are out of the kernel's reach. */
        int distance(final int bucket) {
            return Math.floorMod(bucket - probeBucket, BUCKETS);
        }

        /** A fresh client port whose original and reply tuples' distances pass the tests. */
        int port(final int dport, final IntPredicate orig, final IntPredicate reply) {
            for (int p = 10_000; ; p++) {
                if (!used.contains(p) && orig.test(distance(bucket(p, dport, false)))
                        && reply.test(distance(bucket(p, dport, true)))) {
                    used.add(p);
                    return p;
                }
            }
        }

        /** Connects from each port in turn, 1 ms apart, to 80 (answered) or 81 (never answered). */
        List<TcpConnection> connect(final int dport, final int... ports) {
            final List<TcpConnection> out = new ArrayList<>();
            for (final int p : ports) {
                out.add(n.clientTcp.get(0).connect(FwNet.SERVER, dport, p, new FwNet.Ear(n.sim)));
                n.sim.runUntil(n.sim.now() + NS_PER_MS);
            }
            return out;
        }

        /**
         * The probe at 1.5 s, between the unanswered SYNs' first retransmission (1 s) and their next
         * (2 s), which would otherwise come back as new connections; then the run to {@code until}.
         */
        void probe(final long until) {
            n.sim.runUntil(1500 * NS_PER_MS);
            n.clientTcp.get(0).connect(FwNet.SERVER, 80, PROBE_PORT, probe);
            n.sim.runUntil(until);
        }
    }

    private static final IntPredicate FAR = d -> d >= 8;

    @Test
    void aFullTableWhoseNearBucketsHoldOnlyEstablishedEntriesDropsTheSynAsTableFull() {
        final Bed b = new Bed(EarlyDropScan.BUCKETS, true);
        b.connect(80, b.port(80, d -> d < 8, d -> true), b.port(80, d -> d < 8, d -> true), b.port(80, FAR, FAR),
                b.port(80, FAR, FAR), b.port(80, FAR, FAR));
        b.connect(81, b.port(81, FAR, FAR)); // not assured, but 8 or more buckets away
        b.probe(1900 * NS_PER_MS);
        assertEquals(-1, b.probe.connectedAt, "the SYN was dropped");
        assertEquals(1, b.fw.conntrack().stats().tableFull);
        assertEquals(0, b.fw.conntrack().stats().earlyDrop);
        assertEquals(List.of(), b.evicted);
    }

    @Test
    void anUnansweredEntryThreeBucketsAwayIsEvictedAndTheProbeConnects() {
        final Bed b = new Bed(EarlyDropScan.BUCKETS, true);
        b.connect(80, b.port(80, FAR, FAR), b.port(80, FAR, FAR), b.port(80, FAR, FAR), b.port(80, FAR, FAR),
                b.port(80, FAR, FAR));
        final int near = b.port(81, d -> d == 3, FAR);
        b.connect(81, near);
        b.probe(1900 * NS_PER_MS);
        assertTrue(b.probe.connectedAt > 0);
        assertEquals(List.of(near), b.evicted);
        assertEquals(1, b.fw.conntrack().stats().earlyDrop);
        assertEquals(0, b.fw.conntrack().stats().tableFull);
    }

    /** The 8 tuples of 4 established connections fill the probe's first 3 buckets; an unanswered one is in the 4th. */
    private static Bed beyondEightTuples(final EarlyDropScan scan) {
        final Bed b = new Bed(scan, true);
        final IntPredicate first3 = d -> d < 3;
        b.connect(80, b.port(80, first3, first3), b.port(80, first3, first3), b.port(80, first3, first3),
                b.port(80, first3, first3), b.port(80, FAR, FAR));
        b.connect(81, b.port(81, d -> d == 3, FAR));
        b.probe(1900 * NS_PER_MS);
        return b;
    }

    @Test
    void from47EarlyDropReachesEightBucketsHowEverFullTheFirstOnesAre() {
        final Bed b = beyondEightTuples(EarlyDropScan.BUCKETS);
        assertTrue(b.probe.connectedAt > 0);
        assertEquals(1, b.fw.conntrack().stats().earlyDrop);
    }

    @Test
    void before47EarlyDropStopsAfterEightTuples() {
        for (final EarlyDropScan old : List.of(EarlyDropScan.LAST_OF_CHAIN, EarlyDropScan.FIRST_OF_CHAIN)) {
            final Bed b = beyondEightTuples(old);
            assertEquals(-1, b.probe.connectedAt, old.name());
            assertEquals(0, b.fw.conntrack().stats().earlyDrop, old.name());
            assertEquals(1, b.fw.conntrack().stats().tableFull, old.name());
        }
    }

    /** Two unanswered connections whose original tuples share the probe's bucket, the older first. */
    private static Bed twoInTheProbesChain(final EarlyDropScan scan) {
        final Bed b = new Bed(scan, true);
        b.connect(80, b.port(80, FAR, FAR), b.port(80, FAR, FAR), b.port(80, FAR, FAR), b.port(80, FAR, FAR));
        b.unanswered.add(b.port(81, d -> d == 0, FAR));
        b.unanswered.add(b.port(81, d -> d == 0, FAR));
        b.connect(81, b.unanswered.get(0), b.unanswered.get(1));
        b.probe(1900 * NS_PER_MS);
        return b;
    }

    @Test
    void from47EveryUnassuredEntryOfTheChainIsEvictedAtOnce() {
        final Bed b = twoInTheProbesChain(EarlyDropScan.BUCKETS);
        assertEquals(2, b.fw.conntrack().stats().earlyDrop);
        assertEquals(2, b.evicted.size());
        assertTrue(b.probe.connectedAt > 0);
    }

    @Test
    void olderKernelsEvictOneEntryTheOldestOfTheChainIn310AndTheNewestFrom319() {
        final Bed last = twoInTheProbesChain(EarlyDropScan.LAST_OF_CHAIN);
        final Bed first = twoInTheProbesChain(EarlyDropScan.FIRST_OF_CHAIN);
        assertEquals(1, last.fw.conntrack().stats().earlyDrop);
        assertEquals(1, first.fw.conntrack().stats().earlyDrop);
        assertEquals(List.of(last.unanswered.get(0)), last.evicted, "3.10: the oldest, last of its chain");
        assertEquals(List.of(first.unanswered.get(1)), first.evicted, "3.19 to 4.6: the newest, first of its chain");
        assertTrue(last.probe.connectedAt > 0 && first.probe.connectedAt > 0);
    }

    /**
     * A finished connection (TIME_WAIT, assured) in the probe's own bucket and 99 established ones in a
     * table of 100 (below 100 the gc's {@code nf_conntrack_max / 100 * 95} is 0: no gc early drop).
     */
    private static Bed timeWaitInTheProbesBucket(final boolean gcEarlyDrop) {
        final Bed b = new Bed(EarlyDropScan.BUCKETS, gcEarlyDrop, 100);
        final int[] ports = new int[100];
        ports[0] = b.port(80, d -> d == 0, FAR);
        for (int i = 1; i < ports.length; i++) {
            ports[i] = b.port(80, FAR, FAR);
        }
        final List<TcpConnection> conns = b.connect(80, ports);
        b.n.sim.runUntil(200 * NS_PER_MS);
        conns.get(0).close();
        b.probe(100 * NS_PER_S);
        return b;
    }

    @Test
    void aTimeWaitEntryIsNotEvictedButTheArmedGcWorkerKillsItAndARetransmittedSynGetsIn() {
        final Bed b = timeWaitInTheProbesBucket(true);
        assertEquals(0, b.fw.conntrack().stats().earlyDrop, "early_drop() takes no assured entry, closing or not");
        assertTrue(b.fw.conntrack().stats().tableFull >= 1);
        assertEquals(1, b.fw.conntrack().stats().gcEarlyDrop);
        assertTrue(b.probe.connectedAt > 60 * NS_PER_S, "after the gc run at about 61 s");
    }

    @Test
    void withoutTheGcEarlyDropBefore410TheTimeWaitEntryHoldsItsSlot() {
        final Bed b = timeWaitInTheProbesBucket(false);
        assertEquals(0, b.fw.conntrack().stats().gcEarlyDrop);
        assertEquals(-1, b.probe.connectedAt);
    }
}
