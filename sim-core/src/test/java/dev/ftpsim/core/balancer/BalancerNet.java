package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_MS;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients 198.51.10x.10 -- lb (virtual address 203.0.113.100 on its front interface) -- backends
 * 10.1.0.1x. Every interface's packets are captured as tcpdump-like lines with the time.
 */
final class BalancerNet {
    static final int VIP = Ipv4.parse("203.0.113.100");
    final Simulator sim = new Simulator(1);
    final Network net = new Network(sim);
    final Router lb = net.router("lb");
    final List<Host> clients = new ArrayList<>();
    final List<TcpStack> clientTcp = new ArrayList<>();
    final List<Host> backends = new ArrayList<>();
    final List<TcpStack> backendTcp = new ArrayList<>();
    /** Per node name, what its interface received: "t_ms line". */
    final java.util.Map<String, List<String>> received = new java.util.HashMap<>();
    Balancer balancer;
    /** Whether the taps record lines (off to measure allocation). */
    boolean capture = true;

    BalancerNet(final int nClients, final int nBackends) {
        final LinkConfig link = LinkConfig.of(100_000_000L, NS_PER_MS, 1000);
        for (int i = 0; i < nClients; i++) {
            final Host c = net.host("client" + i);
            final NetInterface ci = c.addInterface("eth0", "198.51." + (100 + i) + ".10/24");
            final NetInterface li = lb.addInterface("front" + i, "198.51." + (100 + i) + ".1/24");
            c.defaultGateway("198.51." + (100 + i) + ".1");
            net.connect(ci, li, link);
            clients.add(c);
            clientTcp.add(new TcpStack(c, TcpConfig.linux()));
            tap(ci);
        }
        for (int i = 0; i < nBackends; i++) {
            final Host b = net.host("backend" + i);
            final NetInterface bi = b.addInterface("eth0", "10.1." + i + ".10/24");
            final NetInterface li = lb.addInterface("back" + i, "10.1." + i + ".1/24");
            b.defaultGateway("10.1." + i + ".1");
            net.connect(li, bi, link);
            backends.add(b);
            backendTcp.add(new TcpStack(b, TcpConfig.linux()));
            tap(bi);
        }
    }

    private void tap(final NetInterface i) {
        final List<String> lines = received.computeIfAbsent(i.node().name(), k -> new ArrayList<>());
        i.addTap((iface, outgoing, p, t) -> {
            if (!outgoing && capture) {
                lines.add(t / NS_PER_MS + " " + p);
            }
        });
    }

    Balancer install(final BalancerConfig c) {
        balancer = Balancer.install("lb", lb, c, 42);
        return balancer;
    }

    List<Integer> backendAddresses() {
        return backends.stream().map(h -> h.address()).toList();
    }

    /** Lines a node received whose TCP flags are exactly {@code flags} (as {@link Packet#flagString}). */
    List<String> receivedWith(final String node, final String flags) {
        return received.get(node).stream().filter(l -> l.contains("[" + flags + "]")).toList();
    }

    /** Every backend listens on {@code port}, accepting and echoing nothing. */
    void listen(final int port) {
        for (final TcpStack t : backendTcp) {
            t.listen(port, c -> new TcpHandler() { });
        }
    }

    /** Records what a connection went through. */
    static final class Ear implements TcpHandler {
        TcpConnection conn;
        boolean connected;
        FailReason failure;
        long failedAt = -1;
        /** When the peer's FIN arrived; -1 if none did. */
        long peerClosedAt = -1;
        final Simulator sim;

        Ear(final Simulator sim) {
            this.sim = sim;
        }

        @Override
        public void connected(final TcpConnection c) {
            conn = c;
            connected = true;
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            failure = reason;
            failedAt = sim.now();
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            peerClosedAt = sim.now();
        }
    }
}
