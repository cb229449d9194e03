package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ipvsadm's default scheduler, wlc (ip_vs_wlc.c, every weight 1 as ipvsadm -a gives): the real
 * server with the least active * 256 + inactive connections (ip_vs_dest_conn_overhead), the first
 * of equals in the service's list, where ipvsadm -a puts each new one first (list_add_rcu in
 * __ip_vs_update_dest): the last backend listed takes the first connection. Seen as SYNs on the
 * backends' wires.
 */
class AnLvsDirectorSchedulesByLeastConnectionsTest {
    private BalancerNet lvs(final Algorithm a) {
        final BalancerNet n = new BalancerNet(1, 2);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21}), n.backendAddresses())
                .withAlgorithm(a));
        n.listen(21);
        return n;
    }

    private static BalancerNet.Ear dial(final BalancerNet n) {
        final BalancerNet.Ear e = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, e);
        n.sim.runUntil(n.sim.now() + NS_PER_S);
        return e;
    }

    private static String syns(final BalancerNet n) {
        return n.receivedWith("backend0", "S").size() + "," + n.receivedWith("backend1", "S").size();
    }

    @Test
    void theLvsProfileSchedulesWlcAsIpvsadmDoesWithoutDashS() {
        assertEquals(Algorithm.WLC, Profile.LVS.algorithm());
    }

    @Test
    void wlcWeighsAnActiveConnectionAs256InactiveOnes() {
        final BalancerNet n = lvs(Algorithm.WLC);
        dial(n);
        assertEquals("0,1", syns(n), "the last backend listed goes first");
        final BalancerNet.Ear second = dial(n);
        assertEquals("1,1", syns(n), "then the one without connections");
        second.conn.close(); // backend0's connection closes: FIN_WAIT, inactive
        n.sim.runUntil(n.sim.now() + NS_PER_S);
        assertEquals(0, n.balancer.activeConnections(0));
        assertEquals(1, n.balancer.inactiveConnections(0));
        assertEquals(1, n.balancer.activeConnections(1));
        dial(n);
        assertEquals("2,1", syns(n), "overhead 1 (one inactive) beats 256 (one active)");
        dial(n);
        assertEquals("2,2", syns(n), "overhead 256 + 1 against 256");
    }

    /** Round robin for contrast: the same four connections alternate, whatever each backend holds. */
    @Test
    void roundRobinIgnoresWhatEachBackendHolds() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN);
        dial(n);
        final BalancerNet.Ear second = dial(n);
        second.conn.close();
        n.sim.runUntil(n.sim.now() + NS_PER_S);
        dial(n);
        dial(n);
        assertEquals("2,2", syns(n));
        assertEquals(2, n.balancer.activeConnections(0) + n.balancer.inactiveConnections(0));
    }

    /**
     * ip_vs_rr.c starts its cursor at the list's head and moves on to the next entry, the real
     * server ipvsadm -a added last: as with wlc, the last backend listed takes the first connection
     * (ftpsim's other profiles start with the first).
     */
    @Test
    void roundRobinStartsWithTheLastBackendListedAsTheKernelsListHoldsItFirst() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN);
        dial(n);
        assertEquals("0,1", syns(n));
        dial(n);
        assertEquals("1,1", syns(n));
        dial(n);
        assertEquals("1,2", syns(n));
    }

    @Test
    void lcSkipsADownBackend() {
        final BalancerNet n = lvs(Algorithm.LC);
        n.balancer.setHealthy(1, false);
        dial(n);
        dial(n);
        assertEquals("2,0", syns(n));
    }

    private BalancerNet weighted(final Algorithm a, final List<Integer> weights) {
        final BalancerNet n = new BalancerNet(1, 2);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21}), n.backendAddresses())
                .withAlgorithm(a).withLvs(new BalancerConfig.Lvs(true, List.of(), 0, weights)));
        n.listen(21);
        return n;
    }

    /** ipvsadm -a ... -w 3 and -w 1: wlc keeps the overhead per unit of weight level, 3 connections to 1. */
    @Test
    void wlcGivesABackendOfWeight3ThreeConnectionsToOne() {
        final BalancerNet n = weighted(Algorithm.WLC, List.of(3, 1));
        for (int i = 0; i < 4; i++) {
            dial(n);
        }
        assertEquals("3,1", syns(n));
        final BalancerNet lc = weighted(Algorithm.LC, List.of(3, 1));
        for (int i = 0; i < 4; i++) {
            dial(lc);
        }
        assertEquals("2,2", syns(lc), "lc ignores weights above 0");
    }

    /** A weight of 0 quiesces a real server (ldirectord's quiescent=yes): no new connections. */
    @Test
    void aBackendOfWeight0GetsNoNewConnection() {
        final BalancerNet n = weighted(Algorithm.WLC, List.of(1, 0));
        for (int i = 0; i < 3; i++) {
            dial(n);
        }
        assertEquals("3,0", syns(n));
    }
}
