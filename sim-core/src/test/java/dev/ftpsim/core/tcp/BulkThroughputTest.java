package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.LinkConfig;
import org.junit.jupiter.api.Test;

/** Bulk transfers on a 100 Mbps, 20 ms RTT path: link-limited with ample windows, else window-limited. */
class BulkThroughputTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long RATE = 100_000_000L;

    /** Payload bytes per second the server received between {@code from} and {@code to}. */
    private static double goodput(final TcpConfig clientCfg, final TcpConfig serverCfg, final long from, final long to,
            final int queuePackets) {
        final LinkConfig l = LinkConfig.of(RATE, 5 * MS, queuePackets);
        final TestNet n = new TestNet(11, l, l, clientCfg, serverCfg);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(5001, c -> srv);
        n.clientTcp.connect(n.serverIp, 5001, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(10_000_000_000L);
            }
        });
        n.sim.runUntil(from);
        final long b0 = srv.bulk;
        n.sim.runUntil(to);
        return (srv.bulk - b0) / ((to - from) / 1e9);
    }

    @Test
    void withAmpleWindowsTheTransferFillsAtLeastNinetyPercentOfTheLink() {
        final TcpConfig cfg = TcpConfig.linux().withReceiveBuffer(1 << 20);
        final double bps = goodput(cfg, cfg, 2 * S, 10 * S, 1000) * 8;
        final double share = bps / RATE;
        System.out.printf("ample windows: %.2f Mbps payload, %.1f%% of the link%n", bps / 1e6, share * 100);
        assertTrue(share >= 0.90, "payload throughput " + bps / 1e6 + " Mbps");
        assertTrue(share <= 1460.0 / 1500.0 * 1.005, "cannot beat the header overhead (0.5% for the window edges)");
    }

    @Test
    void aReceiveWindowOf64KibLimitsThroughputToWindowOverRtt() {
        final TcpConfig cfg = TcpConfig.linux().withReceiveBuffer(65535).withWindowScaling(false);
        final double bytesPerSecond = goodput(cfg, cfg, 2 * S, 10 * S, 1000);
        // RTT: 20 ms propagation plus two 1500-byte serializations at 100 Mbps (0.24 ms).
        final double rtt = 0.02024;
        final double predicted = 65535 / rtt;
        System.out.printf("64 KiB window: %.2f Mbps, window/RTT %.2f Mbps%n", bytesPerSecond * 8 / 1e6,
                predicted * 8 / 1e6);
        assertEquals(1.0, bytesPerSecond / predicted, 0.05);
    }

    @Test
    void linuxDefaultsAutotuneTheReceiveWindowPastTheBandwidthDelayProduct() {
        // 100 Mbps x 20 ms = 250 KB in flight: more than tcp_rmem's 128 KiB default. Fixed at
        // 128 KiB the transfer is window-limited (about 52 Mbps); autotuned it fills the link.
        final TcpConfig fixed = TcpConfig.linux().withReceiveBuffer(131072);
        final double fixedBps = goodput(fixed, fixed, 2 * S, 10 * S, 1000) * 8;
        final double tunedBps = goodput(TcpConfig.linux(), TcpConfig.linux(), 2 * S, 10 * S, 1000) * 8;
        System.out.printf("128 KiB fixed: %.2f Mbps; autotuned: %.2f Mbps%n", fixedBps / 1e6, tunedBps / 1e6);
        assertEquals(1.0, fixedBps / (131072 * 8 / 0.02024), 0.05);
        assertTrue(tunedBps / RATE >= 0.90, "autotuned " + tunedBps / 1e6 + " Mbps");
    }
}
