package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/** A run is a pure function of scenario and seed: identical packet traces for one seed. */
class DeterminismTest {
    /** Hash of every packet (time, direction, header fields) on the client's wire. */
    private static long traceHash(final long seed) {
        final LinkConfig l = LinkConfig.of(50_000_000L, 3_000_000L, 30);
        final TestNet n = new TestNet(seed, l, l, TcpConfig.linux(), TcpConfig.linux());
        n.net.bernoulliLoss(n.serverLink, n.serverLink.a(), 0.01);
        n.net.bernoulliLoss(n.serverLink, n.serverLink.b(), 0.01);
        final long[] h = {17};
        n.client.iface("eth0").addTap((iface, out, p, t) -> {
            h[0] = h[0] * 1_000_003L + t;
            h[0] = h[0] * 31 + (out ? 1 : 2);
            h[0] = h[0] * 31 + p.seq;
            h[0] = h[0] * 31 + p.ack;
            h[0] = h[0] * 31 + p.flags;
            h[0] = h[0] * 31 + p.window;
            h[0] = h[0] * 31 + p.sport;
            h[0] = h[0] * 31 + p.payloadLength;
            h[0] = h[0] * 31 + p.id;
        });
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection c) {
                c.close();
            }
        });
        for (int i = 0; i < 3; i++) {
            n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
                @Override
                public void connected(final TcpConnection c) {
                    c.send(2_000_000L);
                    c.close();
                }
            });
        }
        n.sim.runUntil(100_000_000_000L);
        return h[0];
    }

    @Test
    void theSameSeedGivesTheSamePacketTrace() {
        assertEquals(traceHash(7), traceHash(7));
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        assertNotEquals(traceHash(7), traceHash(8));
    }
}
