package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/** Each side announces the MSS its own MTU allows and sends no more than the other announced. */
class MssNegotiationTest {
    @Test
    void theServerBehindA576ByteMtuAnnounces536AndTheClientSendsNoMore() {
        final LinkConfig access = LinkConfig.of(10_000_000, 5_000_000, 100);
        final LinkConfig core = LinkConfig.of(10_000_000, 5_000_000, 100).withMtu(576);
        final TestNet n = new TestNet(1, access, core, TcpConfig.linux(), TcpConfig.linux());
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(21, c -> srv);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(10_000L);
            }
        });
        n.sim.runUntil(2_000_000_000L);
        assertEquals(1460, n.clientPackets.get(0).mssOption);
        assertEquals(536, n.clientPackets.get(1).mssOption);
        assertEquals(536, c.sendMss());
        int maxPayload = 0;
        for (final Packet p : n.clientPackets) {
            maxPayload = Math.max(maxPayload, p.payloadLength);
        }
        assertEquals(536, maxPayload);
        assertEquals(10_000L, srv.bulk);
        assertEquals(0, n.router.iface("wan").counters().totalDrops()); // nothing hit the MTU
    }
}
