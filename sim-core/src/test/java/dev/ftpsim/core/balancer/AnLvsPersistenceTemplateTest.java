package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ipvsadm -p 300 on a service of port 21 and the passive range (one firewall-mark service): the
 * first connection of a client address makes a template (ip_vs_sched_persist, ip_vs_core.c) that
 * sends its later connections, on any of the ports, to the same real server; it lives 300 s after
 * the last connection it scheduled, and longer while one of them is still in the table
 * (ip_vs_conn_expire re-arms a template with n_control &gt; 0). Unlike a source hash ({@code sh}),
 * an expired template lets the scheduler choose afresh.
 */
class AnLvsPersistenceTemplateTest {
    private static final long P = 300 * NS_PER_S;

    private BalancerNet lvs(final Algorithm a, final long persistence) {
        final BalancerNet n = new BalancerNet(1, 2);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21},
                new int[] {30000, 30009}), n.backendAddresses()).withAlgorithm(a)
                .withLvs(new BalancerConfig.Lvs(true, List.of(), persistence)));
        n.listen(21);
        for (int p = 30000; p <= 30009; p++) {
            n.listen(p);
        }
        return n;
    }

    private static BalancerNet.Ear dial(final BalancerNet n, final int port) {
        final BalancerNet.Ear e = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, port, e);
        n.sim.runUntil(n.sim.now() + NS_PER_S);
        return e;
    }

    private static String syns(final BalancerNet n) {
        return n.receivedWith("backend0", "S").size() + "," + n.receivedWith("backend1", "S").size();
    }

    @Test
    void everyConnectionOfAClientFollowsItsTemplate() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN, P);
        for (final int port : new int[] {21, 30000, 30001, 30002, 30003}) {
            dial(n, port);
        }
        assertEquals("0,5", syns(n), "rr's first pick is the last backend listed");
        assertEquals(1, n.balancer.persistentBackend(n.clients.get(0).address()));
    }

    @Test
    void withoutPersistenceRoundRobinSplitsThem() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN, 0);
        for (final int port : new int[] {21, 30000, 30001, 30002, 30003}) {
            dial(n, port);
        }
        assertEquals("2,3", syns(n));
    }

    /** The connections close at once; TIME_WAIT ends 2 min later; the template 300 s after the last one. */
    @Test
    void anExpiredTemplateLetsTheSchedulerChooseAgainWhereASourceHashWouldNot() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN, P);
        final BalancerNet.Ear c = dial(n, 21);
        c.conn.close();
        n.sim.runUntil(299 * NS_PER_S);
        assertEquals(1, n.balancer.persistentBackend(n.clients.get(0).address()), "still held at 299 s");
        n.sim.runUntil(302 * NS_PER_S);
        assertEquals(-1, n.balancer.persistentBackend(n.clients.get(0).address()), "expired 300 s after the SYN");
        dial(n, 21);
        assertEquals("1,1", syns(n));

        final BalancerNet s = lvs(Algorithm.SOURCE, 0);
        dial(s, 21).conn.close();
        s.sim.runUntil(302 * NS_PER_S);
        dial(s, 21);
        assertEquals(2, Math.max(s.receivedWith("backend0", "S").size(), s.receivedWith("backend1", "S").size()),
                "a source hash sends the client to the same backend again: " + syns(s));
    }

    /** A control connection open for 10 minutes keeps its template: the data connection at 600 s follows it. */
    @Test
    void aTemplateLivesAsLongAsAConnectionItScheduled() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN, P);
        dial(n, 21);
        n.sim.runUntil(600 * NS_PER_S);
        assertEquals(1, n.balancer.persistentBackend(n.clients.get(0).address()));
        dial(n, 30005);
        assertEquals("0,2", syns(n));
    }

    /** ip_vs_check_template: a template whose real server is gone is dropped, and the client scheduled anew. */
    @Test
    void aDownBackendsTemplateIsDropped() {
        final BalancerNet n = lvs(Algorithm.ROUND_ROBIN, P);
        dial(n, 21);
        n.balancer.setHealthy(1, false);
        dial(n, 30000);
        assertEquals("1,1", syns(n));
        assertEquals(0, n.balancer.persistentBackend(n.clients.get(0).address()));
    }
}
