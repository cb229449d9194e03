package dev.ftpsim.ftp.alg;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nf_conntrack_ftp over IPv6 (the module registers its helper for AF_INET6 too), with packets on the
 * wire of an inet firewall that lets in only port 21 and RELATED connections: {@code EPRT |2|} and
 * {@code 229} open the announced data connection; {@code PORT} and {@code EPRT |1|} on an IPv6
 * control connection open nothing (try_rfc959 writes only the first 32 bits of the address, try_eprt
 * says "invalid protocol number").
 */
class HelperExpectationsOverIpv6Test {
    private static final String RULES = """
            table inet filter {
              ct helper ftp-standard { type "ftp" protocol tcp; }
              chain pre { type filter hook prerouting priority 0; tcp dport 21 ct helper set "ftp-standard" }
              chain fwd {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                tcp dport 21 ct state new accept
              }
            }
            """;

    private final Simulator sim = new Simulator(4);
    private final Network net = new Network(sim);
    private final Host client = net.host("client");
    private final Host server = net.host("server");
    private final Router fw = net.router("fw");
    private final TcpStack clientTcp;
    private final TcpStack serverTcp;
    private final FtpHelper helper = FtpHelper.standard();
    private final List<String> relatedAtServer = new ArrayList<>();
    private final List<String> relatedAtClient = new ArrayList<>();
    private TcpConnection serverControl;

    HelperExpectationsOverIpv6Test() {
        final NetInterface c0 = client.addInterface("eth0", "2001:db8:1::2/64");
        final NetInterface lan = fw.addInterface("lan", "2001:db8:1::1/64");
        final NetInterface wan = fw.addInterface("wan", "2001:db8:2::1/64");
        final NetInterface s0 = server.addInterface("eth0", "2001:db8:2::2/64");
        client.defaultGateway("2001:db8:1::1");
        server.defaultGateway("2001:db8:2::1");
        final LinkConfig l = LinkConfig.of(100_000_000L, 1_000_000L, 100);
        net.connect(c0, lan, l);
        net.connect(wan, s0, l);
        final String[] lines = RULES.split("\n", -1);
        Firewall.stateful(fw, Compiler.compile(NftParser.parse("fw.nft", RULES), Firewall.interfaceNames(fw),
                r -> lines[r.pos().line() - 1].strip()), ConntrackConfig.linux(), List.of(helper));
        // Which data connections the firewall saw as RELATED, by the interface they arrived on.
        wan.addTap((i, out, p, t) -> note(p, out, relatedAtServer));
        lan.addTap((i, out, p, t) -> note(p, out, relatedAtClient));
        clientTcp = new TcpStack(client, TcpConfig.linux());
        serverTcp = new TcpStack(server, TcpConfig.linux());
        serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                serverControl = x;
            }
        });
    }

    private static void note(final Packet p, final boolean out, final List<String> to) {
        if (out && p.protocol == Packet.PROTO_TCP && p.has(Packet.SYN) && !p.has(Packet.ACK)
                && (p.ctInfo & CtState.RELATED) != 0) {
            to.add(p.sport + ">" + p.dport);
        }
    }

    private TcpConnection control() {
        final TcpConnection c = clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, new TcpHandler() { });
        sim.runUntil(sim.now() + NS_PER_S);
        assertTrue(serverControl != null, "the control connection is up");
        // A first line each way: nf_conntrack_ftp parses nothing in a direction before that.
        serverControl.send(line("220 hi"));
        c.send(line("USER a"));
        sim.runUntil(sim.now() + NS_PER_S);
        return c;
    }

    /** Listens on {@code port}; the array's one element counts the connections accepted. */
    private static int[] accepting(final TcpStack tcp, final int port) {
        final int[] accepted = new int[1];
        tcp.listen(port, x -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection y) {
                accepted[0]++;
            }
        });
        return accepted;
    }

    private static byte[] line(final String s) {
        return (s + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anEprtWithAnIpv6AddressMakesTheServersDataConnectionRelated() {
        final TcpConnection c = control();
        final int[] accepted = accepting(clientTcp, 40000);
        c.send(line("EPRT |2|2001:db8:1::2|40000|"));
        sim.runUntil(sim.now() + NS_PER_S);
        serverTcp.connect(c.localIp(), 40000, 20, new TcpHandler() { });
        sim.runUntil(sim.now() + 2 * NS_PER_S);
        assertEquals(1, accepted[0], "the active data connection crossed the firewall");
        assertEquals(List.of("20>40000"), relatedAtClient);
        assertEquals(1, helper.expectationsCreated());
    }

    @Test
    void a229ReplyMakesTheClientsPassiveDataConnectionRelated() {
        final TcpConnection c = control();
        final int[] accepted = accepting(serverTcp, 30000);
        serverControl.send(line("229 Entering Extended Passive Mode (|||30000|)"));
        sim.runUntil(sim.now() + NS_PER_S);
        clientTcp.connect(c.remoteIp(), 30000, new TcpHandler() { });
        sim.runUntil(sim.now() + 2 * NS_PER_S);
        assertEquals(1, accepted[0]);
        assertEquals(1, relatedAtServer.size(), relatedAtServer.toString());
    }

    @Test
    void portAndAnIpv4EprtOnAnIpv6ControlConnectionOpenNothing() {
        final TcpConnection c = control();
        final int[] accepted = accepting(clientTcp, 40000);
        c.send(line("PORT 192,0,2,1,156,64"));
        c.send(line("EPRT |1|192.0.2.1|40000|"));
        sim.runUntil(sim.now() + NS_PER_S);
        serverTcp.connect(c.localIp(), 40000, 20, new TcpHandler() { });
        sim.runUntil(sim.now() + 5 * NS_PER_S);
        assertEquals(0, accepted[0], "the data SYN is NEW and dropped");
        assertEquals(0, helper.expectationsCreated());
        assertEquals(1, helper.announcements(), "PORT parsed, then refused as another address; EPRT |1| not parsed");
        assertEquals(1, helper.refusedForeign());
    }
}
