package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sender held at a zero window whose receiver then vanishes. Linux 6.18's tcp_probe_timer()
 * (net/ipv4/tcp_timer.c) gives the connection up once tcp_retries2 probes in a row went
 * unanswered (icsk_probes_out, which any ACK resets). Measured in network namespaces: the server
 * (tcp_retries2 = 5) sending to a client that never reads (SO_RCVBUF 4096), then the router
 * dropping both directions: after five unanswered probes, 0.9, 1.7, 3.5 and 6.9 s apart, the
 * server's send() failed with ETIMEDOUT when the next probe was due.
 */
class UnansweredZeroWindowProbesGiveUpAfterTcpRetries2Test {
    private static final long S = 1_000_000_000L;

    @Test
    void aSenderAtAZeroWindowGivesUpAfterTcpRetries2UnansweredProbes() {
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 100);
        final TestNet n = new TestNet(31, l, l, TcpConfig.linux().withReceiveBuffer(8192).withWindowScaling(false),
                TcpConfig.linux().withRetries2(5));
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection[] server = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() {
                @Override
                public void connected(final TcpConnection x) {
                    x.send(1_000_000L);
                }

                @Override
                public void failed(final TcpConnection x, final FailReason r) {
                    srv.failed(x, r);
                }
            };
        });
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        client.setAutoConsume(false); // never reads
        n.sim.runUntil(2 * S);
        assertEquals(8192, client.unreadBytes());
        final List<Long> probes = new ArrayList<>(); // when the router drops the server's probes
        n.router.hooks().register(dev.ftpsim.core.net.Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.sport == 21) {
                probes.add(n.sim.now());
            }
            return dev.ftpsim.core.net.Verdict.DROP; // the client vanishes: nothing in, nothing out
        });
        n.sim.runUntil(3000 * S);
        assertEquals(FailReason.TIMED_OUT, srv.failure, "a sender at a zero window is not held forever");
        assertEquals(5, probes.size(), "tcp_retries2 probes, then the give-up");
        // The probes back off up to RTO << tcp_retries2 and stay there (as measured: 6.9 s = 216 ms << 5).
        final long cap = server[0].rtoNanos() << 5;
        for (int i = 2; i < probes.size(); i++) {
            assertEquals(Math.min(cap, 2 * (probes.get(i - 1) - probes.get(i - 2))), probes.get(i) - probes.get(i - 1),
                    "gap " + i + " of " + probes);
        }
        assertEquals(cap, probes.get(4) - probes.get(3));
        // the router saw each probe 5 ms (and 43 us on the wire) after the server sent it
        assertEquals(probes.get(4) + cap - 5_032_000L, srv.failedAt, 1_000L, "gave up when the sixth probe was due");
        assertEquals("no answer to 5 zero-window probes (tcp_retries2=5)", server[0].failureDetail());
    }
}
