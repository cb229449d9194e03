package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.balancer.Balancer;
import dev.ftpsim.core.balancer.BalancerConfig;
import dev.ftpsim.core.balancer.Profile;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.scenario.BalancerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A checked server's state as HAProxy's set_server_check_status counts it (check.c): fully up
 * after its first passed check, down after {@code fall} failed ones in a row, each failure the
 * check's timeout ({@code inter}) after a SYN nobody answered (HAProxy 2.6.12 measured "Layer4
 * timeout, check duration: 2002ms", the next check 2 s after that), checked every {@code fastinter}
 * while going down or up and every {@code downinter} while down (configuration.txt, inter), up
 * again after {@code rise} passed ones.
 */
class HaproxyMarksAServerDownAfterFallAndUpAfterRiseTest {
    private static final long MS = 1_000_000L;

    @Test
    void downAfterThreeSilentChecksUpAfterTwoPassedOnes() {
        final Simulator sim = new Simulator(1);
        final Network net = new Network(sim);
        final Router lb = net.router("lb");
        final Host ftp = net.host("ftp");
        final NetInterface l1 = lb.addInterface("b1", "10.1.1.1/24");
        final NetInterface f0 = ftp.addInterface("eth0", "10.1.1.10/24");
        ftp.defaultGateway("10.1.1.1");
        net.connect(l1, f0, LinkConfig.of(1_000_000_000L, 1_000_000, 100));
        final TcpStack server = new TcpStack(ftp, TcpConfig.linux());
        server.listen(21, c -> new TcpHandler() { });
        final long[] silent = {9_000 * MS, 28_000 * MS}; // a firewall drops everything to ftp meanwhile
        ftp.hooks().register(Hook.PREROUTING, 0, (hook, p, in, out) ->
                sim.now() >= silent[0] && sim.now() < silent[1] ? Verdict.DROP : Verdict.ACCEPT);
        final Balancer b = Balancer.forProxy("lb", lb, BalancerConfig.of(Profile.HAPROXY, Ipv4.parse("203.0.113.100"),
                List.of(new int[] {21, 21}), List.of(Ipv4.parse("10.1.1.10"))), 1);
        final HaproxyBackend pool = new HaproxyBackend(b, BalancerSpec.Haproxy.NONE, 0);
        pool.startChecks(new TcpStack(lb, TcpConfig.linux()),
                new BalancerSpec.HealthCheck(21, 2_000 * MS, 500 * MS, 5_000 * MS, 2, 3), List.of());
        sim.runUntil(40_000 * MS);
        // checks at 0, 2.002, 4.004, 6.006, 8.008 passed (1 ms each way); 10.010 timed out at 12.010,
        // then fastinter: 12.510 out at 14.510, 15.010 out at 17.010, the third: down; downinter: 22.010
        // out at 24.010, 29.010 passed at 29.012 (health 1 of rise 2), fastinter: 29.512 passed at 29.514: up
        assertEquals(List.of("17010 ms down", "29514 ms up"), pool.transitions().stream()
                .map(t -> t.at() / MS + " ms " + (t.up() ? "up" : "down")).toList());
        // as HAProxy 2.6.12 words them: a check given up after inter (no timeout check), a connect that
        // completed; the third timed-out check took inter, 2 s; the passing one a round trip
        assertEquals(List.of("Server lb/10.1.1.10 is DOWN, reason: Layer4 timeout, check duration: 2000ms. 0 active and"
                + " 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue. backend 'lb' has no"
                + " server available!", "Server lb/10.1.1.10 is UP, reason: Layer4 check passed, check duration: 2ms."
                + " 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue."),
                pool.transitions().stream().map(t -> Balancers.logged(t).words("lb", "10.1.1.10")).toList());
    }
}
