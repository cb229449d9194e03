package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sequence numbers are 32-bit on the wire: a transfer across 2^32 loses nothing, even under loss. */
class SequenceWrapTest {
    @Test
    void aTransferWhoseSequenceNumbersWrapAroundDeliversEveryByteInOrder() {
        final TestNet n = TestNet.simple(1);
        n.net.bernoulliLoss(n.serverLink, n.serverLink.b(), 0.02); // server -> client data lost too
        n.net.bernoulliLoss(n.serverLink, n.serverLink.a(), 0.02);
        n.serverTcp.isnForTest = -50_000; // 50 kB before the wrap
        n.clientTcp.isnForTest = -1;      // the client's SYN is the last sequence number
        final byte[] up = new byte[400_000];
        final byte[] down = new byte[400_000];
        new java.util.Random(1).nextBytes(up);
        new java.util.Random(2).nextBytes(down);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(down);
            }

            @Override
            public void received(final TcpConnection x, final byte[] data) {
                srv.received(x, data);
            }
        });
        n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(up);
            }

            @Override
            public void received(final TcpConnection x, final byte[] data) {
                cli.received(x, data);
            }
        });
        n.sim.runUntil(120_000_000_000L);
        assertTrue(Integer.compareUnsigned(n.clientPackets.get(0).seq, -1) == 0);
        assertArrayEquals(up, srv.bytes.toByteArray());
        assertArrayEquals(down, cli.bytes.toByteArray());
    }
}
