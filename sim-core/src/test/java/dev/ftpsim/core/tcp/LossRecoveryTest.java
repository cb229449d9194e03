package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/** Fast retransmit/recovery repairs isolated losses; the RTO repairs the rest; Karn and RTO_MIN hold. */
class LossRecoveryTest {
    /** Drops the data segments whose payload starts at the given stream offsets, once each. */
    private static TestNet dropping(final long seed, final long... offsets) {
        final TestNet n = TestNet.simple(seed);
        final int[] isn = {0};
        final boolean[] done = new boolean[offsets.length];
        n.serverLink.loss(n.serverLink.a(), p -> {
            if (p.protocol != Packet.PROTO_TCP || p.payloadLength == 0) {
                if ((p.flags & Packet.SYN) != 0) {
                    isn[0] = p.seq;
                }
                return false;
            }
            final long off = (p.seq - isn[0] - 1) & 0xFFFFFFFFL;
            for (int i = 0; i < offsets.length; i++) {
                if (!done[i] && off == offsets[i]) {
                    done[i] = true;
                    return true;
                }
            }
            return false;
        });
        return n;
    }

    private static TcpConnection transfer(final TestNet n, final TestNet.Recorder srv, final long bytes) {
        n.serverTcp.listen(21, c -> srv);
        final TcpConnection[] cc = new TcpConnection[1];
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                cc[0] = c;
                c.send(bytes);
            }
        });
        n.sim.runUntil(30_000_000_000L);
        return cc[0];
    }

    @Test
    void oneLostSegmentIsRepairedByFastRetransmitWithoutATimeout() {
        final TestNet n = dropping(1, 1460L * 30);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection c = transfer(n, srv, 1460L * 200);
        assertEquals(1460L * 200, srv.bulk);
        assertEquals(1, c.fastRetransmits());
        assertEquals(0, c.timeouts());
        assertEquals(1, c.segmentsRetransmitted());
        // ssthresh = FlightSize / 2 at the third duplicate ACK.
        assertTrue(c.slowStartThreshold() < 1460L * 40, "ssthresh " + c.slowStartThreshold());
    }

    @Test
    void twoLossesInOneWindowAreRepairedByNewRenoPartialAcks() {
        final TestNet n = dropping(2, 1460L * 30, 1460L * 34);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection c = transfer(n, srv, 1460L * 200);
        assertEquals(1460L * 200, srv.bulk);
        assertEquals(1, c.fastRetransmits()); // one recovery episode (RFC 6582), not two halvings
        assertEquals(0, c.timeouts());
        assertEquals(2, c.segmentsRetransmitted());
    }

    @Test
    void aLossAtTheTailIsRepairedByTheRetransmissionTimer() {
        final TestNet n = dropping(3, 1460L * 19); // the last segment: no duplicate ACKs follow
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection c = transfer(n, srv, 1460L * 20);
        assertEquals(1460L * 20, srv.bulk);
        assertEquals(1, c.timeouts());
        assertEquals(0, c.fastRetransmits());
        // Only the lost segment was in flight: ssthresh = max(FlightSize / 2, 2 * SMSS).
        assertEquals(2 * 1460, c.slowStartThreshold());
    }

    /** A strategy that never moves cwnd from three segments: isolates the loss-recovery rules. */
    static final class FixedWindow implements CongestionControl {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public long initialWindow(final int mss) {
            return 3L * mss;
        }

        @Override
        public long onAck(final long cwnd, final long ssthresh, final long acked, final int mss, final long now) {
            return cwnd;
        }

        @Override
        public long ssthreshAfterLoss(final long cwnd, final long flightSize, final int mss) {
            return 3L * mss;
        }
    }

    @Test
    void withAThreeSegmentWindowLimitedTransmitStillGetsThreeDuplicateAcks() {
        final TcpConfig cfg = TcpConfig.linux().withCongestionControl(FixedWindow::new);
        final TestNet n = new TestNet(5, dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100),
                dev.ftpsim.core.net.LinkConfig.of(10_000_000, 5_000_000, 100), cfg, cfg);
        final int[] isn = {0};
        final boolean[] dropped = {false};
        n.serverLink.loss(n.serverLink.a(), p -> {
            if ((p.flags & Packet.SYN) != 0) {
                isn[0] = p.seq;
            }
            if (!dropped[0] && p.payloadLength > 0 && p.seq - isn[0] - 1 == 1460 * 4) {
                dropped[0] = true;
                return true;
            }
            return false;
        });
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection c = transfer(n, srv, 1460L * 20);
        assertEquals(1460L * 20, srv.bulk);
        // Only two segments follow the loss within cwnd; the two new segments sent on the first
        // two duplicate ACKs (RFC 3042) produce the third duplicate ACK.
        assertEquals(1, c.fastRetransmits());
        assertEquals(0, c.timeouts());
    }

    @Test
    void theRtoIsTheRttPlusLinuxsTwoHundredMillisecondFloor() {
        final TestNet n = TestNet.simple(4);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection c = transfer(n, srv, 1460L * 50);
        final long rtt = c.smoothedRttNanos();
        assertTrue(rtt >= 20_000_000L && rtt < 25_000_000L, "srtt " + rtt);
        assertEquals(rtt + 200_000_000L, c.rtoNanos(), 2_000_000L);
    }
}
