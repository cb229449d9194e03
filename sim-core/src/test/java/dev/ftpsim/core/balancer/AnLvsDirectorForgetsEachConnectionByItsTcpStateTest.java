package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPVS keeps each connection for the timeout of its TCP state (tcp_timeouts[] in
 * net/netfilter/ipvs/ip_vs_proto_tcp.c), counted from its last packet: ESTABLISHED 15 min,
 * TIME_WAIT 2 min, CLOSE 10 s, ... The director in NAT mode sees both directions (tcp_states[]).
 * ipvsadm -Lnc shows the states; here the table's flows and when the director forgot them.
 */
class AnLvsDirectorForgetsEachConnectionByItsTcpStateTest {
    private final List<String> forgotten = new ArrayList<>();

    private BalancerNet lvs() {
        final BalancerNet n = new BalancerNet(1, 1);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21}), n.backendAddresses()));
        n.balancer.setListener(new Balancer.Listener() {
            @Override
            public void created(final Balancer b, final Flow f) {}

            @Override
            public void forgot(final Balancer b, final Flow f, final Balancer.Forget why, final long at) {
                forgotten.add(why + " in " + f.state() + " at " + at / NS_PER_MS + " ms");
            }
        });
        return n;
    }

    /** The client connects at 0 and closes at 1 s, the backend closes at 2 s: the last ACK crosses at about 2.002 s. */
    @Test
    void aClosedConnectionLeavesTwoMinutesAfterItsLastPacketNotFifteen() {
        final BalancerNet n = lvs();
        final BalancerNet.Ear server = new BalancerNet.Ear(n.sim);
        n.backendTcp.get(0).listen(21, c -> server);
        final BalancerNet.Ear client = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, client);
        n.sim.schedule(NS_PER_S, () -> client.conn.close());
        n.sim.schedule(2 * NS_PER_S, () -> server.conn.close());
        n.sim.runUntil(60 * NS_PER_S);
        assertEquals("TIME_WAIT", n.balancer.flows().get(0).state());
        final long lastAck = n.balancer.flows().get(0).lastSeen();
        assertTrue(lastAck > 2 * NS_PER_S && lastAck < 2 * NS_PER_S + 10 * NS_PER_MS, "last packet at " + lastAck);
        n.sim.runUntil(20 * 60 * NS_PER_S);
        assertEquals(List.of("EXPIRED in TIME_WAIT at " + (lastAck + 120 * NS_PER_S) / NS_PER_MS + " ms"), forgotten);
        assertEquals(0, n.balancer.count());
    }

    @Test
    void anIdleEstablishedConnectionStaysFifteenMinutes() {
        final BalancerNet n = lvs();
        n.listen(21);
        final BalancerNet.Ear client = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, client);
        n.sim.runUntil(NS_PER_S);
        assertTrue(client.connected);
        assertEquals("ESTABLISHED", n.balancer.flows().get(0).state());
        final long last = n.balancer.flows().get(0).lastSeen();
        n.sim.runUntil(last + 900 * NS_PER_S - 1);
        assertEquals(List.of(), forgotten);
        n.sim.runUntil(last + 901 * NS_PER_S);
        assertEquals(List.of("EXPIRED in ESTABLISHED at " + (last + 900 * NS_PER_S) / NS_PER_MS + " ms"), forgotten);
    }

    /** The backend's reset (no listener) moves the entry to CLOSE, kept 10 s. */
    @Test
    void aRefusedConnectionIsKeptTenSecondsInClose() {
        final BalancerNet n = lvs();
        final BalancerNet.Ear client = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, client);
        n.sim.runUntil(NS_PER_S);
        assertEquals(FailReason.REFUSED, client.failure);
        assertEquals(List.of(), forgotten, "a reset from the backend does not remove the entry at once");
        assertEquals("CLOSE", n.balancer.flows().get(0).state());
        final long last = n.balancer.flows().get(0).lastSeen();
        n.sim.runUntil(60 * NS_PER_S);
        assertEquals(List.of("EXPIRED in CLOSE at " + (last + 10 * NS_PER_S) / NS_PER_MS + " ms"), forgotten);
    }
}
