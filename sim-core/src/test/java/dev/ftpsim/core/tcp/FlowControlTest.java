package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/** A receiver that does not read closes its window; the sender stops, probes, and resumes when it reads. */
class FlowControlTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aReceiverThatStopsReadingStallsTheSenderAtItsBufferAndZeroWindowProbesKeepItInformed() {
        final int buffer = 65535;
        final TcpConfig rcv = TcpConfig.linux().withReceiveBuffer(buffer).withWindowScaling(false);
        final TestNet n = new TestNet(1, dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100), rcv, TcpConfig.linux());
        final byte[] payload = new byte[300_000];
        new java.util.Random(3).nextBytes(payload);
        final java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        final boolean[] reading = {false};
        final TcpConnection[] receiver = new TcpConnection[1];
        // The server sends to the client, which does not read for 10 s.
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(payload);
            }
        });
        receiver[0] = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void received(final TcpConnection x, final byte[] data) {
                got.writeBytes(data);
                if (reading[0]) {
                    x.consume(data.length);
                }
            }
        });
        receiver[0].setAutoConsume(false);
        n.sim.runUntil(10 * S);
        assertEquals(buffer, receiver[0].bytesReceived(), "exactly one buffer's worth got through");
        assertEquals(buffer, receiver[0].unreadBytes());
        // The last ACKs advertise a zero window, and the server probes with SEQ = SND.UNA - 1.
        int zeroWindowAcks = 0;
        int probes = 0;
        for (int i = 0; i < n.clientPackets.size(); i++) {
            final Packet p = n.clientPackets.get(i);
            if (n.clientOutgoing.get(i) && p.window == 0) {
                zeroWindowAcks++;
            }
            if (!n.clientOutgoing.get(i) && p.payloadLength == 0 && p.seq == n.clientPackets.get(1).seq + buffer) {
                probes++;
            }
        }
        System.out.println("zero-window probes in 10 s: " + probes + ", wire: " + n.clientWire.subList(n.clientWire.size() - 8, n.clientWire.size()));
        assertTrue(probes >= 3 && probes <= 6, "probes back off exponentially: " + probes);
        // The ACK that closed the window, then one per probe but the second: it came 440 ms after the
        // first was answered, and Linux answers unacceptable segments without data at most once per
        // tcp_invalid_ratelimit = 500 ms (TcpInput.oowRateLimited; seen on Linux 6.18 likewise).
        assertEquals(probes, zeroWindowAcks);
        // The application reads: the window reopens and everything arrives.
        reading[0] = true;
        receiver[0].consume(receiver[0].unreadBytes());
        n.sim.runUntil(60 * S);
        assertArrayEquals(payload, got.toByteArray());
        assertEquals(0, receiver[0].unreadBytes());
    }
}
