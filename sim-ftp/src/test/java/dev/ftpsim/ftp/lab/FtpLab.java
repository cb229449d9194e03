package dev.ftpsim.ftp.lab;

import static dev.ftpsim.core.units.Units.NS_PER_MS;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.firewall.Rule;
import dev.ftpsim.core.firewall.Rules;
import dev.ftpsim.core.firewall.Ruleset;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.agent.FtpClientAgent;
import dev.ftpsim.ftp.agent.FtpServerAgent;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.alg.FtpHelper;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small network every source situation needs: client -- fw (interface "lan" on the client's
 * side, "wan" on the server's) -- server, links 100 Mbps / 5 ms, one FTP server and one client
 * session. Addresses are public on both sides, or private behind NAT on either side. A test
 * fixture: the default matrix of {@code ftpsim run} is scenario files (sim-scenarios'
 * {@code dev/ftpsim/matrix/}), built like every other scenario.
 */
public final class FtpLab {
    public final Simulator sim;
    public final Network net;
    public final Host client;
    public final Host server;
    public final Router fw;
    public final TcpStack clientTcp;
    public final TcpStack serverTcp;
    public final int clientIp;
    public final int serverIp;
    /** The address the client dials: the server's, or the firewall's public one under DNAT. */
    public int dialIp;
    /** Copies of the TCP packets on the server's link, both directions. */
    public final List<Packet> serverWire = new ArrayList<>();
    public final List<Packet> clientWire = new ArrayList<>();
    public final FtpHelper helper = FtpHelper.standard();
    public Firewall firewall;

    public FtpLab(final long seed, final String clientCidr, final String lanCidr, final String wanCidr,
            final String serverCidr) {
        this(seed, clientCidr, lanCidr, wanCidr, serverCidr, TcpConfig.linux());
    }

    public FtpLab(final long seed, final String clientCidr, final String lanCidr, final String wanCidr,
            final String serverCidr, final TcpConfig tcp) {
        sim = new Simulator(seed);
        net = new Network(sim);
        client = net.host("client");
        server = net.host("server");
        fw = net.router("fw");
        final LinkConfig l = LinkConfig.of(100_000_000L, 5 * NS_PER_MS, 1000);
        final NetInterface c0 = client.addInterface("eth0", clientCidr);
        final NetInterface lan = fw.addInterface("lan", lanCidr);
        final NetInterface wan = fw.addInterface("wan", wanCidr);
        final NetInterface s0 = server.addInterface("eth0", serverCidr);
        client.defaultGateway(lanCidr.substring(0, lanCidr.indexOf('/')));
        server.defaultGateway(wanCidr.substring(0, wanCidr.indexOf('/')));
        net.connect(c0, lan, l);
        net.connect(wan, s0, l);
        clientTcp = new TcpStack(client, tcp);
        serverTcp = new TcpStack(server, tcp);
        clientIp = c0.address();
        serverIp = s0.address();
        dialIp = serverIp;
        s0.addTap((iface, out, p, t) -> serverWire.add(copy(p)));
        c0.addTap((iface, out, p, t) -> clientWire.add(copy(p)));
    }

    /** Public addresses on both sides: 198.51.100.10 -- fw -- 203.0.113.10. */
    public static FtpLab routed(final long seed) {
        return new FtpLab(seed, "198.51.100.10/24", "198.51.100.1/24", "203.0.113.1/24", "203.0.113.10/24");
    }

    /** The client behind NAT: 10.0.0.10 -- fw (masquerades to 203.0.113.1) -- 203.0.113.10. */
    public static FtpLab clientBehindNat(final long seed) {
        return new FtpLab(seed, "10.0.0.10/24", "10.0.0.1/24", "203.0.113.1/24", "203.0.113.10/24");
    }

    /** The server behind NAT: 198.51.100.10 -- fw (198.51.100.1 public) -- 192.168.1.10. */
    public static FtpLab serverBehindNat(final long seed) {
        final FtpLab lab = new FtpLab(seed, "198.51.100.10/24", "198.51.100.1/24", "192.168.1.1/24",
                "192.168.1.10/24");
        lab.dialIp = Ipv4.parse("198.51.100.1");
        return lab;
    }

    private static Packet copy(final Packet p) {
        final Packet c = new Packet();
        c.copyFrom(p);
        return c;
    }

    public static Chain chain(final String name, final boolean nat, final Hook hook, final int prio, final boolean drop,
            final String... rules) {
        final List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            out.add(Rules.parse(rules[i], name + "[" + i + "]"));
        }
        return new Chain(name, nat, hook, prio, drop, out);
    }

    /** A stateful firewall with these chains; {@code helper} adds a "ftp" helper object. */
    public FtpLab stateful(final boolean withHelper, final ConntrackConfig ct, final Chain... chains) {
        final Map<String, Ruleset.HelperObject> helpers = new HashMap<>();
        if (withHelper) {
            helpers.put("ftp", new Ruleset.HelperObject("ftp", "ftp", 6));
        }
        final List<ConntrackHelper> impls = withHelper ? List.of(helper) : List.of();
        firewall = Firewall.stateful(fw, new Ruleset(List.of(chains), List.of(), helpers), ct, impls);
        return this;
    }

    public FtpLab stateless(final Chain... chains) {
        firewall = Firewall.stateless(fw, new Ruleset(List.of(chains), List.of(), Map.of()));
        return this;
    }

    public FtpLab serve(final ServerOptions options, final long fileSize) {
        new FtpServerAgent(serverTcp, options, new MemoryFileSystem(0).bulk("/pub/file.bin", fileSize), 21);
        return this;
    }

    /** Runs one "login, RETR /pub/file.bin" session and returns its record. */
    public FtpSessionRecord get(final ClientOptions options, final long runNanos) {
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(clientTcp).start(dialIp, 21, options,
                List.of(new ClientOp.Login("anonymous", "guest@"), new ClientOp.Retr("/pub/file.bin")), 0, out::add);
        sim.runUntil(runNanos);
        if (out.size() != 1) {
            throw new AssertionError("the session did not end within the run: " + out);
        }
        return out.get(0);
    }

    /** SYNs (not SYN/ACKs) on the server's wire as "a:p>b:p". */
    public List<String> serverSyns() {
        final List<String> out = new ArrayList<>();
        for (final Packet p : serverWire) {
            if (p.protocol == Packet.PROTO_TCP && p.flags == Packet.SYN) {
                out.add(Ipv4.format(p.src) + ":" + p.sport + ">" + Ipv4.format(p.dst) + ":" + p.dport);
            }
        }
        return out;
    }
}
