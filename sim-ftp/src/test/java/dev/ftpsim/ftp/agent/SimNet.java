package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_MS;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.List;

/** client 198.51.100.10 -- fw (lan, wan) -- server 203.0.113.10, with the server's wire recorded. */
final class SimNet {
    static final int CLIENT = Ipv4.parse("198.51.100.10");
    static final int SERVER = Ipv4.parse("203.0.113.10");
    final Simulator sim;
    final Network net;
    final Host client;
    final Host server;
    final Router fw;
    final TcpStack clientTcp;
    final TcpStack serverTcp;
    /** SYNs seen on the server's link: "src:port>dst:port". */
    final List<String> syns = new ArrayList<>();
    /** When each of {@link #syns} was seen, simulated nanoseconds. */
    final List<Long> synTimes = new ArrayList<>();

    SimNet(final long seed) {
        sim = new Simulator(seed);
        net = new Network(sim);
        client = net.host("client");
        server = net.host("server");
        fw = net.router("fw");
        final LinkConfig l = LinkConfig.of(100_000_000L, 5 * NS_PER_MS, 1000);
        final NetInterface c0 = client.addInterface("eth0", "198.51.100.10/24");
        final NetInterface lan = fw.addInterface("lan", "198.51.100.1/24");
        final NetInterface wan = fw.addInterface("wan", "203.0.113.1/24");
        final NetInterface s0 = server.addInterface("eth0", "203.0.113.10/24");
        client.defaultGateway("198.51.100.1");
        server.defaultGateway("203.0.113.1");
        net.connect(c0, lan, l);
        net.connect(wan, s0, l);
        clientTcp = new TcpStack(client, TcpConfig.linux());
        serverTcp = new TcpStack(server, TcpConfig.linux());
        s0.addTap((iface, out, p, t) -> {
            if (p.protocol == Packet.PROTO_TCP && p.flags == Packet.SYN) {
                syns.add(Ipv4.format(p.src) + ":" + p.sport + ">" + Ipv4.format(p.dst) + ":" + p.dport);
                synTimes.add(sim.now());
            }
        });
    }
}
