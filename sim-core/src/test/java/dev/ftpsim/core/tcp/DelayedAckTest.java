package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The receiver ACKs every second full segment at once, and a lone segment after 40 ms. */
class DelayedAckTest {
    @Test
    void bulkDataIsAckedEverySecondFullSegment() {
        // A fixed 128 KiB window stays below the 100-packet queue: no loss, so every ACK is a delayed-ACK decision.
        final TcpConfig fixed = TcpConfig.linux().withReceiveBuffer(131072);
        final dev.ftpsim.core.net.LinkConfig l = dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000L, 100);
        final TestNet n = new TestNet(1, l, l, fixed, fixed);
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(1460L * 400);
            }
        });
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        n.sim.runUntil(5_000_000_000L);
        int data = 0;
        int acks = 0;
        for (int i = 3; i < n.clientPackets.size(); i++) {
            final Packet p = n.clientPackets.get(i);
            if (n.clientOutgoing.get(i)) {
                acks += p.payloadLength == 0 ? 1 : 0;
            } else {
                data += p.payloadLength == 1460 ? 1 : 0;
            }
        }
        assertEquals(400, data);
        assertEquals(200, acks, 3); // a lone last segment may be ACKed by the timer
    }

    @Test
    void aLoneSmallSegmentIsAckedWhenTheFortyMillisecondTimerFires() {
        final TestNet n = TestNet.simple(2);
        final TcpConnection[] server = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() { };
        });
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        n.sim.runUntil(1_000_000_000L);
        n.clientPackets.clear();
        final long t0 = n.sim.now();
        final long[] times = new long[2];
        n.client.iface("eth0").addTap((i, out, p, t) -> times[out ? 1 : 0] = t);
        server[0].send("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(2_000_000_000L);
        assertEquals(2, n.clientPackets.size());
        assertTrue(n.clientPackets.get(1).payloadLength == 0 && n.clientPackets.get(1).has(Packet.ACK));
        assertEquals(40_000_000L, times[1] - times[0]);
    }

    @Test
    void withoutDelayedAcksEverySegmentIsAcked() {
        final TestNet n = new TestNet(3, dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                TcpConfig.linux().withDelayedAck(false), TcpConfig.linux());
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(1460L * 100);
            }
        });
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        n.sim.runUntil(5_000_000_000L);
        long acks = 0;
        for (int i = 3; i < n.clientPackets.size(); i++) {
            if (n.clientOutgoing.get(i)) {
                acks++;
            }
        }
        assertEquals(100, acks);
    }
}
