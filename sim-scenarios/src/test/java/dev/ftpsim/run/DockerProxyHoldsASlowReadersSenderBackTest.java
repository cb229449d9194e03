package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import org.junit.jupiter.api.Test;

/**
 * docker-proxy reads a relayed connection only as fast as it can write the other end: io.Copy
 * writes its buffer into the other socket's send buffer and blocks when that is full, so a slow
 * client holds the container's sender back (moby/libnetwork cmd/proxy/tcp_proxy.go; measured with
 * docker.io 20.10.24: a client that never read let the container write 5,744,180 bytes). ftpsim's
 * proxy relayed everything as it arrived: the container's transfer ended, and its 226 went out,
 * while the client still had nearly all of the file to receive.
 */
class DockerProxyHoldsASlowReadersSenderBackTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aSlowReaderHoldsTheContainersSenderBackByTheProxysBuffers() {
        // The client's side of the proxy at 2 Mbps, the container's at 100 Mbps: the container
        // sends 20 MB. docker-proxy reads only what its write side has room for, so the container's
        // acknowledged bytes stay within the proxy's buffers of what the client has received.
        final DockerHostNet n = new DockerHostNet(2_000_000, 100_000_000);
        final TcpConnection[] sender = new TcpConnection[1];
        n.container.listen(21, x -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection conn) {
                sender[0] = conn;
                conn.send(20_000_000L);
            }
        });
        final TcpConnection reader = n.client.connect(Ipv4.parse("10.0.1.1"), 21, new TcpHandler() { });
        long mostAhead = 0;
        for (int t = 1; t <= 100; t++) {
            n.sim.runUntil(t * S);
            mostAhead = Math.max(mostAhead, sender[0].bytesAcked() - reader.bytesReceived());
        }
        assertEquals(20_000_000L, reader.bytesReceived(), "everything arrives");
        assertTrue(mostAhead < 12_000_000L, "the container ran " + mostAhead
                + " bytes ahead of the client: the proxy buffered without bound");
        assertTrue(mostAhead > UserlandProxy.WRITE_QUEUE_MAX, "the proxy's"
                + " write queue is used: " + mostAhead);
    }
}
