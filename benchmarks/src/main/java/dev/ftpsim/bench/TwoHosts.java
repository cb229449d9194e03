package dev.ftpsim.bench;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;

/**
 * A client and a server with Linux's TCP on one 1 Gbps / 1 ms link, nothing between them: what
 * the per-connection heap measurements open their connections over.
 *
 * @param sim      the simulator of both
 * @param client   the client's stack (10.0.0.1)
 * @param server   the server's stack (10.0.0.2)
 * @param serverIf the server's interface, whose address the client dials
 */
record TwoHosts(Simulator sim, TcpStack client, TcpStack server, NetInterface serverIf) {
    static TwoHosts linked() {
        final Simulator sim = new Simulator(1, 1024);
        final Network net = new Network(sim);
        final Host a = net.host("client");
        final Host b = net.host("server");
        final NetInterface ia = a.addInterface("eth0", "10.0.0.1/24");
        final NetInterface ib = b.addInterface("eth0", "10.0.0.2/24");
        net.connect(ia, ib, LinkConfig.of(1_000_000_000L, 1_000_000L, 0));
        return new TwoHosts(sim, new TcpStack(a, TcpConfig.linux()), new TcpStack(b, TcpConfig.linux()), ib);
    }
}
