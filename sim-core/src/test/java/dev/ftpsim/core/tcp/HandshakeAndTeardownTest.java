package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packets of a connection's life, checked field by field as a real stack puts them on the wire. */
class HandshakeAndTeardownTest {
    private static final byte[] USER = "USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void activeOpenSendAndActiveCloseProduceTheTextbookSequence() {
        final TestNet n = TestNet.simple(1);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        final TcpConnection[] server = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() {
                @Override
                public void received(final TcpConnection c, final byte[] data) {
                    srv.received(c, data);
                }

                @Override
                public void peerClosed(final TcpConnection c) {
                    c.close(); // answer FIN with FIN, as a server does
                }

                @Override
                public void closed(final TcpConnection c) {
                    srv.closed(c);
                }
            };
        });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                cli.connected(c);
                c.send(USER);
                c.close();
            }

            @Override
            public void closed(final TcpConnection c) {
                cli.closed(c);
            }
        });
        n.sim.runUntil(1_000_000_000L);

        // Nagle lets the data go at once (nothing in flight); the FIN follows in its own segment; the
        // server's delayed ACK is cut short by the FIN, which it ACKs at once.
        assertEquals(List.of("> S", "< S.", "> .", "> P. 16", "> F.", "< .", "< F.", "> ."), n.clientWire);
        final List<Packet> w = n.clientPackets;
        final int ci = w.get(0).seq;
        final int si = w.get(1).seq;
        // SYN: MSS option from the MTU, window scale offered, ephemeral source port.
        assertEquals(1460, w.get(0).mssOption);
        // Linux sizes the shift for tcp_rmem's max, 6291456: 6291456 >> 7 = 49152 fits 16 bits.
        assertEquals(7, w.get(0).wscaleOption);
        assertTrue(w.get(0).sport >= 32768 && w.get(0).sport <= 60999);
        assertEquals(21, w.get(0).dport);
        // SYN,ACK acknowledges ISS+1.
        assertEquals(ci + 1, w.get(1).ack);
        assertEquals(1460, w.get(1).mssOption);
        // ACK completes the handshake.
        assertEquals(ci + 1, w.get(2).seq);
        assertEquals(si + 1, w.get(2).ack);
        // Data, then FIN right after the 16 bytes.
        assertEquals(ci + 1, w.get(3).seq);
        assertEquals(si + 1, w.get(3).ack);
        assertEquals(ci + 17, w.get(4).seq);
        // One ACK covers data and FIN: 16 bytes + 1.
        assertEquals(ci + 1 + 16 + 1, w.get(5).ack);
        // The server's FIN, and the client's final ACK.
        assertEquals(si + 1, w.get(6).seq);
        assertEquals(ci + 18, w.get(7).seq);
        assertEquals(si + 2, w.get(7).ack);

        assertEquals("USER anonymous\r\n", srv.bytes.toString(StandardCharsets.US_ASCII));
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(TcpState.CLOSED, server[0].state());
        assertEquals(List.of("connected", "closed"), cli.events);
        assertEquals(List.of("closed"), srv.events);
    }

    @Test
    void timeWaitLastsLinuxsSixtySecondsThenTheConnectionIsGone() {
        final TestNet n = TestNet.simple(2);
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection c) {
                c.close();
            }
        });
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.close();
            }
        });
        n.sim.runUntil(59_000_000_000L);
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(1, n.clientTcp.connectionCount());
        n.sim.runUntil(61_000_000_000L);
        assertEquals(TcpState.CLOSED, client.state());
        assertEquals(0, n.clientTcp.connectionCount());
        assertEquals(0, n.serverTcp.connectionCount());
    }

    @Test
    void simultaneousCloseGoesThroughClosingOnBothSides() {
        final TestNet n = TestNet.simple(3);
        final TcpConnection[] server = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() { };
        });
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        n.sim.runUntil(100_000_000L);
        assertEquals(TcpState.ESTABLISHED, client.state());
        // Both close at the same instant: the FINs cross on the wire.
        client.close();
        server[0].close();
        assertEquals(TcpState.FIN_WAIT_1, client.state());
        n.sim.runUntil(n.sim.now() + 12_000_000L); // FINs arrive (10 ms one way), ACKs not yet
        assertEquals(TcpState.CLOSING, client.state());
        assertEquals(TcpState.CLOSING, server[0].state());
        n.sim.runUntil(n.sim.now() + 20_000_000L);
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(TcpState.TIME_WAIT, server[0].state());
        assertEquals(List.of("> F.", "< F.", "> .", "< ."), n.clientWire.subList(3, 7));
    }

    @Test
    void passiveCloseGoesThroughCloseWaitAndLastAck() {
        final TestNet n = TestNet.simple(4);
        final TcpConnection[] server = new TcpConnection[1];
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() { };
        });
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(100_000_000L);
        server[0].close();
        n.sim.runUntil(n.sim.now() + 50_000_000L);
        assertEquals(TcpState.FIN_WAIT_2, server[0].state());
        assertEquals(TcpState.CLOSE_WAIT, client.state());
        assertEquals(List.of("connected", "peerClosed"), cli.events);
        client.close();
        assertEquals(TcpState.LAST_ACK, client.state());
        n.sim.runUntil(n.sim.now() + 50_000_000L);
        assertEquals(TcpState.CLOSED, client.state());
        assertEquals(TcpState.TIME_WAIT, server[0].state());
        assertEquals(List.of("connected", "peerClosed", "closed"), cli.events);
    }
}
