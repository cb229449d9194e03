package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each end of a connection through docker-proxy hears when the other end resets or cannot be
 * reached. docker-proxy (moby/libnetwork cmd/proxy/tcp_proxy.go, clientLoop) copies each way with
 * io.Copy and, when a copy ends for any reason (EOF, ECONNRESET, ETIMEDOUT), calls CloseRead on the
 * end it read and CloseWrite on the other: the other end gets a FIN, never an RST. A failed dial to
 * the container closes the accepted client. Measured with Debian's docker.io 20.10.24 (docker-proxy
 * -proto tcp -host-port 5000 -container-ip 127.0.0.2 -container-port 6000, Python sockets on both
 * ends): a backend closing with SO_LINGER 0 after "bye" gave the client "bye" then EOF; a client
 * closing with SO_LINGER 0 gave the backend EOF; with no backend listening the client's connect
 * succeeded and its read got EOF.
 */
class DockerProxyPassesAResetOnAsAnOrderlyCloseTest {
    private static final long S = 1_000_000_000L;

    /** What an application reading one end sees. */
    private static final class End implements TcpHandler {
        final List<String> events = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        FailReason failure;

        @Override
        public void connected(final TcpConnection c) {
            events.add("connected");
        }

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            text.append(new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            events.add("EOF");
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            failure = reason;
            events.add("failed " + reason.text());
        }
    }

    @Test
    void aContainerThatResetsAfterItsReplyLeavesTheClientWithTheReplyAndAnEof() {
        final DockerHostNet n = new DockerHostNet(100_000_000, 100_000_000);
        n.container.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection conn) {
                conn.send("421 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                n.sim.schedule(S / 5, conn::abort);
            }
        });
        final End client = new End();
        n.client.connect(Ipv4.parse("10.0.1.1"), 21, client);
        n.sim.runUntil(2 * S);
        assertEquals("421 bye\r\n", client.text.toString());
        assertNull(client.failure, "docker-proxy answers the container's RST with CloseWrite: a FIN");
        assertEquals(List.of("connected", "EOF"), client.events);
    }

    @Test
    void aClientThatResetsLeavesTheContainerWithAnEof() {
        final DockerHostNet n = new DockerHostNet(100_000_000, 100_000_000);
        final End container = new End();
        n.container.listen(21, c -> container);
        final TcpConnection c = n.client.connect(Ipv4.parse("10.0.1.1"), 21, new TcpHandler() { });
        n.sim.runUntil(S);
        c.abort();
        n.sim.runUntil(2 * S);
        assertNull(container.failure, "docker-proxy answers the client's RST with CloseWrite: a FIN");
        assertEquals(List.of("connected", "EOF"), container.events);
    }

    @Test
    void aContainerNotListeningLeavesTheClientConnectedAndThenAtEof() {
        final DockerHostNet n = new DockerHostNet(100_000_000, 100_000_000);
        final End client = new End();
        n.client.connect(Ipv4.parse("10.0.1.1"), 21, client);
        n.sim.runUntil(2 * S);
        assertNull(client.failure);
        assertEquals(List.of("connected", "EOF"), client.events);
    }
}
