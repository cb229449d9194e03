package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection idle past the balancer's timeout: silently forgotten (Azure's default), reset at
 * both ends at expiry (Azure's TCP reset on idle), or reset when it next speaks (AWS NLB); a
 * keepalive in time keeps it. Seen as RSTs on the wires and as the ends' connection failures.
 */
class AnIdleFlowIsDroppedOrResetAsTheProfileSaysTest {
    private static final long IDLE = 240 * NS_PER_S;

    private final List<String> forgotten = new ArrayList<>();
    private long forgotAtMs;

    /** One connection to port 21, established, then idle; the client speaks at {@code speakAt}. */
    private BalancerNet run(final OnIdle mode, final long speakAt, final boolean needsData, final long keepalive) {
        final BalancerNet n = new BalancerNet(1, 1);
        n.install(new BalancerConfig(BalancerNet.VIP, List.of(new int[] {21, 21}), 0, n.backendAddresses(),
                Algorithm.HASH, IDLE, mode, needsData));
        n.balancer.setListener(new Balancer.Listener() {
            @Override
            public void created(final Balancer b, final Flow f) {}

            @Override
            public void forgot(final Balancer b, final Flow f, final Balancer.Forget why, final long at) {
                forgotten.add(why + " at " + at / NS_PER_S + "s");
                forgotAtMs = at / 1_000_000L;
            }
        });
        backendEar = new BalancerNet.Ear(n.sim);
        n.backendTcp.get(0).listen(21, c -> backendEar);
        clientEar = new BalancerNet.Ear(n.sim);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, clientEar);
        n.sim.runUntil(NS_PER_S);
        assertTrue(clientEar.connected);
        if (keepalive > 0) {
            clientEar.conn.setKeepAlive(keepalive, 10 * NS_PER_S, 9);
        }
        n.sim.schedule(speakAt - n.sim.now(), () -> {
            if (clientEar.failure == null) {
                clientEar.conn.send("NOOP\r\n".getBytes());
            }
        });
        n.sim.runUntil(speakAt + 60 * NS_PER_S);
        return n;
    }

    private BalancerNet.Ear clientEar;
    private BalancerNet.Ear backendEar;

    @Test
    void silentlyDroppedTheClientsNextSegmentsVanishAndNobodyHearsAReset() {
        final BalancerNet n = run(OnIdle.DROP, 300 * NS_PER_S, false, 0);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertTrue(n.receivedWith("client0", "R").isEmpty() && n.receivedWith("backend0", "R").isEmpty());
        assertTrue(n.received.get("backend0").stream().noneMatch(l -> l.contains("len 6")), "NOOP never arrives");
        assertTrue(n.balancer.stats().unknown > 0, "the NOOP and its retransmissions were dropped");
        assertNull(clientEar.failure, "still retransmitting at the end");
    }

    @Test
    void resetOnIdleSendsAResetToBothEndsAtTheExpiryInstant() {
        final BalancerNet n = run(OnIdle.RESET, 300 * NS_PER_S, false, 0);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertEquals(1, n.receivedWith("client0", "R").size());
        assertTrue(n.receivedWith("client0", "R").get(0).startsWith((forgotAtMs + 1) + " 203.0.113.100:21 > "),
                n.receivedWith("client0", "R").toString()); // sent at the expiry instant, 1 ms on the wire (times in ms)
        assertEquals(1, n.receivedWith("backend0", "R").size());
        assertEquals(FailReason.RESET, clientEar.failure);
        assertEquals(FailReason.RESET, backendEar.failure);
        assertEquals(240, clientEar.failedAt / NS_PER_S);
    }

    @Test
    void resetOnNextForgetsQuietlyThenAnswersTheClientsNextSegmentWithAReset() {
        final BalancerNet n = run(OnIdle.RESET_ON_NEXT, 300 * NS_PER_S, false, 0);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertTrue(n.receivedWith("backend0", "R").isEmpty());
        assertEquals(1, n.receivedWith("client0", "R").size());
        assertTrue(n.receivedWith("client0", "R").get(0).startsWith("300002 "), n.receivedWith("client0", "R").toString());
        assertEquals(FailReason.RESET, clientEar.failure);
        assertEquals(300, clientEar.failedAt / NS_PER_S);
    }

    /**
     * HAProxy 2.6.12, mode tcp, timeout client 5s and timeout server 5s, vsftpd 3.0.3 behind it,
     * a client that reads the 220 and waits (tshark in the proxy's namespace): at the timeout the
     * client got a FIN ([F.], its recv() returned end of file, no reset), the server a FIN and a
     * reset at once; the client's next segment, 1 s later, was answered with a reset.
     */
    @Test
    void closeOnIdleSendsTheClientAFinAndTheBackendAResetAsHaproxyDoes() {
        final BalancerNet n = run(OnIdle.CLOSE, 300 * NS_PER_S, false, 0);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertEquals(1, n.receivedWith("client0", "F.").size(), n.received.get("client0").toString());
        assertTrue(n.receivedWith("client0", "F.").get(0).startsWith((forgotAtMs + 1) + " 203.0.113.100:21 > "),
                n.receivedWith("client0", "F.").toString());
        assertEquals(240, clientEar.peerClosedAt / NS_PER_S, "the client read end of file at the timeout");
        assertEquals(1, n.receivedWith("backend0", "R").size());
        assertEquals(FailReason.RESET, backendEar.failure);
        assertEquals(1, n.receivedWith("client0", "R").size(), "the NOOP at 300 s is answered with a reset");
        assertTrue(n.receivedWith("client0", "R").get(0).startsWith("300002 "), n.receivedWith("client0", "R").toString());
        assertEquals(FailReason.RESET, clientEar.failure);
    }

    /**
     * LVS hooks LOCAL_IN and schedules only a SYN (tcp_conn_schedule, ip_vs_proto_tcp.c: "th->rst ||
     * !(sysctl_sloppy_tcp(ipvs) || th->syn)" returns NF_ACCEPT with no connection); the segment of an
     * expired connection goes on to the director's own TCP, which owns the virtual address and has
     * no socket for it: a reset (tcp_v4_send_reset). Not a silent drop.
     */
    @Test
    void lvsAnswersTheNextSegmentOfAnExpiredConnectionWithAReset() {
        final BalancerNet n = run(Profile.LVS.onIdle(), 300 * NS_PER_S, false, 0);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertEquals(1, n.receivedWith("client0", "R").size(), n.received.get("client0").toString());
        assertEquals(FailReason.RESET, clientEar.failure);
        assertEquals(300, clientEar.failedAt / NS_PER_S);
    }

    @Test
    void aKeepaliveEveryMinuteKeepsTheFlowAndTheNoopArrives() {
        final BalancerNet n = run(OnIdle.RESET, 300 * NS_PER_S, false, 60 * NS_PER_S);
        assertEquals(List.of(), forgotten);
        assertTrue(n.received.get("backend0").stream().anyMatch(l -> l.contains("len 6")));
        assertNull(clientEar.failure);
    }

    @Test
    void whereOnlyDataCountsAKeepaliveDoesNotSaveTheFlow() {
        final BalancerNet n = run(OnIdle.RESET, 300 * NS_PER_S, true, 60 * NS_PER_S);
        assertEquals(List.of("EXPIRED at 240s"), forgotten);
        assertEquals(FailReason.RESET, clientEar.failure);
    }
}
