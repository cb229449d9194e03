package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The windows on the wire follow the kernel's code: the SYN and the SYN,ACK offer
 * {@code tcp_select_initial_window()}'s window (net/ipv4/tcp_output.c): half of tcp_rmem's default
 * rounded down to a multiple of the MSS, capped at 20 segments before commit a337531b942b (10 in
 * 3.10); the ACKs then offer {@code rcv_ssthresh}, which starts there and grows as data arrives.
 */
class InitialReceiveWindowFollowsTheKernelsTcpRmemTest {

    private static TestNet handshake(final TcpConfig client, final TcpConfig server) {
        final LinkConfig l = LinkConfig.of(10_000_000, 1_000_000, 100);
        final TestNet n = new TestNet(3, l, l, client, server);
        n.serverTcp.listen(21, c -> new TestNet.Recorder(n.sim));
        n.clientTcp.connect(n.serverIp, 21, new TestNet.Recorder(n.sim));
        n.sim.runUntil(1_000_000_000L);
        assertEquals(List.of("> S", "< S.", "> ."), n.clientWire.subList(0, 3));
        return n;
    }

    @ParameterizedTest(name = "Linux {0}: SYN and SYN,ACK offer {1}, the first ACK {2} x 128")
    @CsvSource({
        // 87380 / 2 = 43690, rounded down to 29 x 1460, capped at 10 segments (TCP_DEFAULT_INIT_RCVWND);
        // the ACK offers rcv_ssthresh = 14600 rounded up to the scale: 14720 / 128 = 115.
        "3.10, 14600, 115",
        // the cap is 20 segments (tcp_default_init_rwnd()): 29200, as the commit message says ("~29KB");
        // 29312 / 128 = 229, the "win 229" of these kernels' captures.
        "4.14, 29200, 229",
        // 131072 / 2 = 65536, rounded down to 44 x 1460 = 64240 ("~64KB"); 64256 / 128 = 502.
        "4.19, 64240, 502",
        "6.12, 64240, 502",
    })
    void handshakeCarriesTheKernelsInitialWindow(final String kernel, final int synWindow, final int firstAck) {
        final TcpConfig cfg = LinuxKernel.parse(kernel).tcp();
        final TestNet n = handshake(cfg, cfg);
        final Packet syn = n.clientPackets.get(0);
        final Packet synAck = n.clientPackets.get(1);
        final Packet ack = n.clientPackets.get(2);
        // A SYN's window is never scaled (RFC 7323 2.2); the scale fits tcp_rmem's max, 6291456.
        assertEquals(synWindow, syn.window);
        assertEquals(7, syn.wscaleOption);
        assertEquals(synWindow, synAck.window);
        assertEquals(firstAck, ack.window);
    }

    @Test
    void aFixedReceiveBufferIsOfferedWhole() {
        // SO_RCVBUF = 32768: the kernel doubles it and offers half, 32768, rounded down to 22 x 1460.
        final TestNet n = handshake(TcpConfig.linux().withReceiveBuffer(32768), TcpConfig.linux());
        assertEquals(32120, n.clientPackets.get(0).window);
        assertEquals(0, n.clientPackets.get(0).wscaleOption);
        assertEquals(32120, n.clientPackets.get(2).window, "no scale agreed: bytes");
    }

    @Test
    void theOfferedWindowGrowsAsDataArrives() {
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 1000);
        final TestNet n = new TestNet(3, l, l, TcpConfig.linux(), TcpConfig.linux());
        n.serverTcp.listen(21, c -> {
            c.send(new byte[1_000_000]);
            return new TestNet.Recorder(n.sim);
        });
        n.clientTcp.connect(n.serverIp, 21, new TestNet.Recorder(n.sim));
        n.sim.runUntil(5_000_000_000L);
        int first = -1;
        int afterData = -1;
        int last = -1;
        for (int i = 0; i < n.clientPackets.size(); i++) {
            final Packet p = n.clientPackets.get(i);
            if (!n.clientOutgoing.get(i) || (p.flags & Packet.SYN) != 0) {
                continue;
            }
            if (first < 0) {
                first = p.window;
            } else if (afterData < 0) {
                afterData = p.window;
            }
            last = p.window;
        }
        assertEquals(502, first, "64240 bytes after the handshake");
        // One segment later rcv_ssthresh has grown by 2 x 1460 to the free space, 65536.
        assertEquals(512, afterData);
        assertTrue(last > 1024, "autotuning grew the window past 128 KiB: " + last);
    }

    @ParameterizedTest(name = "Linux {0}: tcp_rmem default {1}, autotuned up to 6291456")
    @CsvSource({"3.10, 87380", "4.4, 87380", "4.9, 87380", "4.14, 87380", "4.19, 131072", "5.4, 131072",
        "6.12, 131072"})
    void receiveBufferDefaultIsTheKernels(final String kernel, final int rmem) {
        final TcpConfig c = LinuxKernel.parse(kernel).tcp();
        assertEquals(rmem, c.receiveBuffer());
        assertEquals(6291456, c.receiveBufferMax());
    }
}
