package dev.ftpsim.core.tcp;

import static dev.ftpsim.core.units.Units.NS_PER_MS;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Link;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import java.util.ArrayList;
import java.util.List;

/** client (10.0.1.2) -- router -- server (10.0.2.2), with a trace of the client's wire. */
final class TestNet {
    final Simulator sim;
    final Network net;
    final Host client;
    final Host server;
    final Router router;
    final Link clientLink;
    final Link serverLink;
    final TcpStack clientTcp;
    final TcpStack serverTcp;
    final List<String> clientWire = new ArrayList<>();
    /** Copies of every packet on the client's interface, both directions. */
    final List<Packet> clientPackets = new ArrayList<>();
    final List<Boolean> clientOutgoing = new ArrayList<>();
    /** When each of them crossed the interface. */
    final List<Long> clientTimes = new ArrayList<>();
    final int serverIp = Ipv4.parse("10.0.2.2");
    final int clientIp = Ipv4.parse("10.0.1.2");

    TestNet(final long seed, final LinkConfig access, final LinkConfig core, final TcpConfig clientCfg,
            final TcpConfig serverCfg) {
        this(seed, access, core, clientCfg, serverCfg, true);
    }

    TestNet(final long seed, final LinkConfig access, final LinkConfig core, final TcpConfig clientCfg,
            final TcpConfig serverCfg, final boolean trace) {
        sim = new Simulator(seed);
        net = new Network(sim);
        client = net.host("client");
        server = net.host("server");
        router = net.router("router");
        final NetInterface c0 = client.addInterface("eth0", "10.0.1.2/24");
        final NetInterface r0 = router.addInterface("lan", "10.0.1.1/24");
        final NetInterface r1 = router.addInterface("wan", "10.0.2.1/24");
        final NetInterface s0 = server.addInterface("eth0", "10.0.2.2/24");
        client.defaultGateway("10.0.1.1");
        server.defaultGateway("10.0.2.1");
        clientLink = net.connect(c0, r0, access);
        serverLink = net.connect(r1, s0, core);
        clientTcp = new TcpStack(client, clientCfg);
        serverTcp = new TcpStack(server, serverCfg);
        if (!trace) {
            return;
        }
        c0.addTap((iface, out, p, t) -> {
            final Packet copy = new Packet();
            copy.copyFrom(p);
            clientPackets.add(copy);
            clientOutgoing.add(out);
            clientTimes.add(t);
            if (out) {
                clientWire.add("> " + flags(p));
            } else {
                clientWire.add("< " + flags(p));
            }
        });
    }

    /** 10 Mbps, 5 ms each way on both links: RTT 20 ms. */
    static TestNet simple(final long seed) {
        final LinkConfig l = LinkConfig.of(10_000_000, 5 * NS_PER_MS, 100);
        return new TestNet(seed, l, l, TcpConfig.linux(), TcpConfig.linux());
    }

    static String flags(final Packet p) {
        return p.protocol == Packet.PROTO_TCP ? Packet.flagString(p.flags) + (p.payloadLength > 0 ? " " + p.payloadLength : "")
                : "icmp " + p.icmpType + "/" + p.icmpCode;
    }

    /** Records handler events as strings. */
    static final class Recorder implements TcpHandler {
        final List<String> events = new ArrayList<>();
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        long bulk;
        long connectedAt = -1;
        long failedAt = -1;
        FailReason failure;
        private final Simulator sim;

        Recorder(final Simulator sim) {
            this.sim = sim;
        }

        @Override
        public void connected(final TcpConnection c) {
            connectedAt = sim.now();
            events.add("connected");
        }

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            bytes.writeBytes(data);
        }

        @Override
        public void receivedBulk(final TcpConnection c, final long n) {
            bulk += n;
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            events.add("peerClosed");
        }

        @Override
        public void closed(final TcpConnection c) {
            events.add("closed");
        }

        @Override
        public void failed(final TcpConnection c, final FailReason r) {
            failedAt = sim.now();
            failure = r;
            events.add("failed " + r);
        }
    }
}
