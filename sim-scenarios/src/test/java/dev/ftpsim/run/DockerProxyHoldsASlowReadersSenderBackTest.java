package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
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
        final Simulator sim = new Simulator(1);
        final Network net = new Network(sim);
        final Host c = net.host("client");
        final Host k = net.host("container");
        final Router host = net.router("docker-host");
        final NetInterface c0 = c.addInterface("eth0", "10.0.1.2/24");
        final NetInterface h0 = host.addInterface("eth0", "10.0.1.1/24");
        final NetInterface h1 = host.addInterface("docker0", "10.0.2.1/24");
        final NetInterface k0 = k.addInterface("eth0", "10.0.2.2/24");
        c.defaultGateway("10.0.1.1");
        k.defaultGateway("10.0.2.1");
        net.connect(c0, h0, LinkConfig.of(2_000_000, 1_000_000, 100));
        net.connect(h1, k0, LinkConfig.of(100_000_000, 1_000_000, 100));
        final TcpStack client = new TcpStack(c, TcpConfig.linux());
        final TcpStack container = new TcpStack(k, TcpConfig.linux());
        UserlandProxy.start(new TcpStack(host, TcpConfig.linux()), 21, Ipv4.parse("10.0.2.2"), 21);
        final TcpConnection[] sender = new TcpConnection[1];
        container.listen(21, x -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection conn) {
                sender[0] = conn;
                conn.send(20_000_000L);
            }
        });
        final TcpConnection reader = client.connect(Ipv4.parse("10.0.1.1"), 21, new TcpHandler() { });
        long mostAhead = 0;
        for (int t = 1; t <= 100; t++) {
            sim.runUntil(t * S);
            mostAhead = Math.max(mostAhead, sender[0].bytesAcked() - reader.bytesReceived());
        }
        assertEquals(20_000_000L, reader.bytesReceived(), "everything arrives");
        assertTrue(mostAhead < 12_000_000L, "the container ran " + mostAhead
                + " bytes ahead of the client: the proxy buffered without bound");
        assertTrue(mostAhead > UserlandProxy.WRITE_QUEUE_MAX, "the proxy's"
                + " write queue is used: " + mostAhead);
    }
}
