package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * N clients (10.1.i.2, interface lan{i} on the firewall) -- fw -- server (203.0.113.10 on wan).
 * Links: 100 Mbps, 1 ms each way.
 */
final class FwNet {
    static final int SERVER = Ipv4.parse("203.0.113.10");
    final Simulator sim;
    final Network net;
    final Router fw;
    final Host server;
    final TcpStack serverTcp;
    final List<Host> clients = new ArrayList<>();
    final List<TcpStack> clientTcp = new ArrayList<>();

    FwNet(final long seed, final int nClients) {
        this(seed, nClients, TcpConfig.linux());
    }

    FwNet(final long seed, final int nClients, final TcpConfig tcp) {
        sim = new Simulator(seed);
        net = new Network(sim);
        fw = net.router("fw");
        server = net.host("server");
        final LinkConfig link = LinkConfig.of(100_000_000L, NS_PER_MS, 1000);
        final NetInterface wan = fw.addInterface("wan", "203.0.113.1/24");
        final NetInterface s0 = server.addInterface("eth0", "203.0.113.10/24");
        server.defaultGateway("203.0.113.1");
        net.connect(wan, s0, link);
        serverTcp = new TcpStack(server, tcp);
        for (int i = 0; i < nClients; i++) {
            final Host c = net.host("client" + i);
            final NetInterface ci = c.addInterface("eth0", "10.1." + i + ".2/24");
            final NetInterface fi = fw.addInterface("lan" + i, "10.1." + i + ".1/24");
            c.defaultGateway("10.1." + i + ".1");
            net.connect(ci, fi, link);
            clients.add(c);
            clientTcp.add(new TcpStack(c, tcp));
        }
    }

    Firewall stateful(final String... forwardRules) {
        return Firewall.stateful(fw, OneLiners.forward(true, forwardRules), ConntrackConfig.linux(), List.of());
    }

    Firewall stateful(final Ruleset rs, final ConntrackConfig ct, final ConntrackHelper... helpers) {
        return Firewall.stateful(fw, rs, ct, List.of(helpers));
    }

    /** A stateful firewall running an nftables ruleset text (or iptables-save text when {@code iptables}). */
    Firewall nft(final String text, final boolean iptables) {
        final dev.ftpsim.core.rules.Ruleset ir = iptables
                ? dev.ftpsim.core.rules.IptablesReader.parse("fw.rules", text, dev.ftpsim.core.rules.Family.IP)
                : dev.ftpsim.core.rules.NftParser.parse("fw.nft", text);
        final String[] lines = text.split("\n", -1);
        return Firewall.stateful(fw, dev.ftpsim.core.rules.vm.Compiler.compile(ir, Firewall.interfaceNames(fw),
                r -> lines[r.pos().line() - 1].strip()), ConntrackConfig.linux(), List.of());
    }

    /** iptables-save text of a filter table, every policy ACCEPT, with these FORWARD rules ({@code -A FORWARD ...}). */
    static String filterTable(final String... forward) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + String.join("\n", forward) + "\nCOMMIT\n";
    }

    /** A stateful firewall running an nftables ruleset text. */
    Firewall nft(final String text) {
        return nft(text, false);
    }

    /**
     * Connects the given clients to the server's {@code port} in turn, 10 ms apart (a client may come
     * several times), and runs to 500 ms: what each attempt heard, in order.
     */
    List<Ear> connectInTurn(final int port, final int... clientIndexes) {
        final List<Ear> ears = new ArrayList<>();
        for (int k = 0; k < clientIndexes.length; k++) {
            final Ear ear = new Ear(sim);
            ears.add(ear);
            clientTcp.get(clientIndexes[k]).connect(SERVER, port, ear);
            sim.runUntil(sim.now() + 10 * NS_PER_MS);
        }
        sim.runUntil(500 * NS_PER_MS);
        return ears;
    }

    /**
     * Adds IPv6 to the firewall (wan 2001:db8:f::1/64, lan0 2001:db8:1::1/64), the server
     * (2001:db8:f::10) and the first client (2001:db8:1::2), each host routed through the firewall.
     */
    void dualStack() {
        fw.addAddress6("wan", "2001:db8:f::1/64");
        fw.addAddress6("lan0", "2001:db8:1::1/64");
        server.addAddress6("eth0", "2001:db8:f::10/64");
        clients.get(0).addAddress6("eth0", "2001:db8:1::2/64");
        server.defaultGateway("2001:db8:f::1");
        clients.get(0).defaultGateway("2001:db8:1::1");
    }

    int clientIp(final int i) {
        return Ipv4.parse("10.1." + i + ".2");
    }

    /** Records what a connection heard. */
    static final class Ear implements TcpHandler {
        final Simulator sim;
        long connectedAt = -1;
        long failedAt = -1;
        FailReason failure;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long bulk;
        boolean peerClosed;

        Ear(final Simulator sim) {
            this.sim = sim;
        }

        @Override
        public void connected(final TcpConnection c) {
            connectedAt = sim.now();
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
            peerClosed = true;
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            failedAt = sim.now();
            failure = reason;
        }
    }
}
