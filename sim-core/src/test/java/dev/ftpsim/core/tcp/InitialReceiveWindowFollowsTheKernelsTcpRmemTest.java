package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The window a client offers on the wire starts from its kernel's {@code tcp_rmem} middle value:
 * 87380 before commit a337531b942b (4.20, backported to 4.19.86), 131072 after.
 */
class InitialReceiveWindowFollowsTheKernelsTcpRmemTest {

    @ParameterizedTest(name = "Linux {0}: first ACK offers {1} x 128 bytes")
    @CsvSource({
        // 87380 / 128 rounded up (ftpsim never shrinks the promised edge) = 683: 87424 bytes;
        // the window scale is 7 for tcp_rmem's max, 6291456.
        "3.10, 683",
        "4.14, 683",
        // 131072 / 128 = 1024: today's value, unchanged for the default kernel.
        "4.19, 1024",
        "6.12, 1024",
    })
    void handshakeCarriesTheKernelsInitialWindow(final String kernel, final int scaledWindow) {
        final TcpConfig cfg = LinuxKernel.parse(kernel).tcp();
        final LinkConfig l = LinkConfig.of(10_000_000, 1_000_000, 100);
        final TestNet n = new TestNet(3, l, l, cfg, TcpConfig.linux());
        n.serverTcp.listen(21, c -> new TestNet.Recorder(n.sim));
        n.clientTcp.connect(n.serverIp, 21, new TestNet.Recorder(n.sim));
        n.sim.runUntil(1_000_000_000L);

        assertEquals(List.of("> S", "< S.", "> ."), n.clientWire.subList(0, 3));
        final Packet syn = n.clientPackets.get(0);
        final Packet ack = n.clientPackets.get(2);
        // The SYN's window is never scaled (RFC 7323 2.2): both buffers exceed 16 bits.
        assertEquals(65535, syn.window);
        assertEquals(7, syn.wscaleOption);
        assertEquals(scaledWindow, ack.window);
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
