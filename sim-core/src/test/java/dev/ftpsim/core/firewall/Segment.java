package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Switch;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.List;

/**
 * One shared segment for bridge-filter tests: a client on port p0 and a server on port p1 of
 * switch {@code sw}, both in 192.168.1.0/24, 1 Gbps links of 100 us.
 */
final class Segment {
    static final int CLIENT = Ipv4.parse("192.168.1.11");
    static final int SERVER = Ipv4.parse("192.168.1.20");

    final Simulator sim = new Simulator(1);
    final Network net = new Network(sim);
    final Switch sw = net.bridge("sw");
    final Host client = net.host("client");
    final Host server = net.host("server");
    final TcpStack clientTcp;
    final TcpStack serverTcp;

    Segment() {
        final LinkConfig link = LinkConfig.of(1_000_000_000L, 100_000L, 1000);
        net.connect(client.addInterface("eth0", "192.168.1.11/24"), sw.addPort(), link);
        net.connect(server.addInterface("eth0", "192.168.1.20/24"), sw.addPort(), link);
        clientTcp = new TcpStack(client, TcpConfig.linux());
        serverTcp = new TcpStack(server, TcpConfig.linux());
    }

    /**
     * The switch's firewall from nft text: its bridge tables, with bridge conntrack when
     * {@code tracked}; reports name each rule by its line.
     */
    Firewall bridge(final String nft, final boolean tracked) {
        final String[] lines = nft.split("\n", -1);
        return Firewall.bridge(sw, Compiler.compileBridge(NftParser.parse("sw.nft", nft), Firewall.interfaceNames(sw),
                r -> lines[r.pos().line() - 1].strip(), true), tracked ? ConntrackConfig.linux() : null, List.of());
    }

    /** Whether a connection from the client to the server's {@code port} is established within 1 s of simulated time. */
    boolean connects(final int port) {
        serverTcp.listen(port, c -> new TcpHandler() { });
        final boolean[] up = {false};
        clientTcp.connect(SERVER, port, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                up[0] = true;
            }
        });
        sim.runUntil(sim.now() + 1_000_000_000L);
        return up[0];
    }
}
