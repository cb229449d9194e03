package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which backend the SYNs reach, seen on the backends' wires, for each algorithm, health and port offset. */
class ABalancerSpreadsConnectionsAsItsAlgorithmSaysTest {
    private static BalancerNet net(final Algorithm a, final int offset, final int clients) {
        return net(Profile.AZURE, a, offset, clients);
    }

    private static BalancerNet net(final Profile profile, final Algorithm a, final int offset, final int clients) {
        final BalancerNet n = new BalancerNet(clients, 2);
        n.install(BalancerConfig.of(profile, BalancerNet.VIP, List.of(new int[] {21, 21},
                new int[] {30000, 30009}), n.backendAddresses()).withAlgorithm(a).withPortOffset(offset));
        n.listen(21 + offset);
        for (int p = 30000; p <= 30009; p++) {
            n.listen(p + offset);
        }
        return n;
    }

    /** Opens one connection from {@code client} to each front port, one after another. */
    private static void dialEveryPort(final BalancerNet n, final int client) {
        int at = 0;
        for (final int port : new int[] {21, 30000, 30001, 30002, 30003, 30004, 30005, 30006, 30007, 30008, 30009}) {
            n.sim.schedule(at++ * 10_000_000L, () -> n.clientTcp.get(client).connect(BalancerNet.VIP, port,
                    new BalancerNet.Ear(n.sim)));
        }
        n.sim.runUntil(n.sim.now() + NS_PER_S);
    }

    @Test
    void aFiveTupleHashSendsOneClientsConnectionsToBothBackends() {
        final BalancerNet n = net(Algorithm.HASH, 0, 1);
        dialEveryPort(n, 0);
        final int on0 = n.receivedWith("backend0", "S").size();
        final int on1 = n.receivedWith("backend1", "S").size();
        assertEquals(11, on0 + on1);
        assertTrue(on0 > 0 && on1 > 0, on0 + " SYNs on backend0, " + on1 + " on backend1");
        // The client only ever sees the virtual address answer.
        assertEquals(11, n.receivedWith("client0", "S.").stream()
                .filter(l -> l.contains(Ipv4.format(BalancerNet.VIP) + ":")).count());
    }

    @Test
    void sourceAffinitySendsEveryConnectionOfAClientToOneBackend() {
        final BalancerNet n = net(Algorithm.SOURCE, 0, 4);
        for (int c = 0; c < 4; c++) {
            dialEveryPort(n, c);
        }
        for (int c = 0; c < 4; c++) {
            final String from = Ipv4.format(n.clients.get(c).address()) + ":";
            final long on0 = n.receivedWith("backend0", "S").stream().filter(l -> l.startsWith(from, l.indexOf(' ') + 1)).count();
            final long on1 = n.receivedWith("backend1", "S").stream().filter(l -> l.startsWith(from, l.indexOf(' ') + 1)).count();
            assertTrue(on0 == 11 && on1 == 0 || on0 == 0 && on1 == 11, "client" + c + ": " + on0 + " and " + on1);
        }
    }

    @Test
    void roundRobinAlternatesAndADownBackendGetsNoNewConnection() {
        final BalancerNet n = net(Algorithm.ROUND_ROBIN, 0, 1);
        dialEveryPort(n, 0);
        assertEquals(6, n.receivedWith("backend0", "S").size());
        assertEquals(5, n.receivedWith("backend1", "S").size());
        n.balancer.setHealthy(0, false);
        dialEveryPort(n, 0);
        assertEquals(6, n.receivedWith("backend0", "S").size());
        assertEquals(16, n.receivedWith("backend1", "S").size());
    }

    @Test
    void aPortOffsetMovesTheBackendPortAndTheClientStillSeesTheFrontPort() {
        final BalancerNet n = net(Algorithm.ROUND_ROBIN, 1000, 1);
        n.sim.schedule(0, () -> n.clientTcp.get(0).connect(BalancerNet.VIP, 21, new BalancerNet.Ear(n.sim)));
        n.sim.runUntil(NS_PER_S);
        assertTrue(n.receivedWith("backend0", "S").get(0).contains("> 10.1.0.10:1021 "),
                n.receivedWith("backend0", "S").toString());
        assertTrue(n.receivedWith("client0", "S.").get(0).contains("203.0.113.100:21 > 198.51.100.10:"),
                n.receivedWith("client0", "S.").toString());
    }

    @Test
    void withEveryBackendDownANewConnectionGoesUnanswered() {
        final BalancerNet n = net(Algorithm.HASH, 0, 1);
        n.balancer.setHealthy(0, false);
        n.balancer.setHealthy(1, false);
        final BalancerNet.Ear ear = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, ear);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(n.receivedWith("backend0", "S").isEmpty() && n.receivedWith("backend1", "S").isEmpty());
        assertTrue(!ear.connected);
        assertTrue(n.balancer.stats().noBackend >= 2, "SYN and its retransmissions refused");
    }

    /**
     * ip_vs_leave (net/netfilter/ipvs/ip_vs_core.c), when the scheduler finds no real server:
     * "ICMP_PORT_UNREACH is sent here no matter it is TCP/UDP"; Linux's TCP turns that answer to
     * its SYN into ECONNREFUSED at once.
     */
    @Test
    void lvsWithEveryBackendDownAnswersPortUnreachableAndTheClientIsRefusedAtOnce() {
        final BalancerNet n = net(Profile.LVS, Algorithm.ROUND_ROBIN, 0, 1);
        n.balancer.setHealthy(0, false);
        n.balancer.setHealthy(1, false);
        final BalancerNet.Ear ear = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, ear);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(n.received.get("client0").stream().anyMatch(l -> l.contains("icmp type 3 code 3")),
                n.received.get("client0").toString());
        assertEquals(dev.ftpsim.core.tcp.FailReason.REFUSED, ear.failure);
        assertTrue(ear.failedAt < NS_PER_S, "refused at once, not after SYN retries: " + ear.failedAt);
    }

    /**
     * "if all targets fail health checks at the same time in all enabled Availability Zones, the
     * load balancer fails open ... allow traffic to all targets ... regardless of their health
     * status" (docs.aws.amazon.com elasticloadbalancing/latest/network/target-group-health-checks.html).
     */
    @Test
    void anNlbWithEveryBackendDownFailsOpenAndStillConnects() {
        final BalancerNet n = net(Profile.AWS_NLB, Algorithm.HASH, 0, 1);
        n.balancer.setHealthy(0, false);
        n.balancer.setHealthy(1, false);
        final BalancerNet.Ear ear = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, ear);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(ear.connected);
        assertEquals(1, n.receivedWith("backend0", "S").size() + n.receivedWith("backend1", "S").size());
    }
}
