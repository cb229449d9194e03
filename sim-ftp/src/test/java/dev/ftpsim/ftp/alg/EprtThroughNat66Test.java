package dev.ftpsim.ftp.alg;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An EPRT through IPv6 masquerade, as Linux 6.18 rewrote it between namespaces (client fd00:1::2,
 * router fd00:2::1 with {@code ip6 nat} masquerade and the ftp helper, server fd00:2::2): the
 * server read {@code EPRT |2|fd00:0002:0000:0000:0000:0000:0000:0001|1025|}, the address in
 * full as nf_nat_ftp_fmt_cmd prints it with {@code %pI6}, not in the short form.
 */
class EprtThroughNat66Test {
    private static final String RULES = """
            table inet filter {
              ct helper ftp-standard { type "ftp" protocol tcp; }
              chain pre { type filter hook prerouting priority 0; tcp dport 21 ct helper set "ftp-standard" }
            }
            table ip6 nat {
              chain post { type nat hook postrouting priority 100; oifname "wan" masquerade }
            }
            """;

    @Test
    void theServerReadsTheRouterAddressWrittenInFull() {
        final Simulator sim = new Simulator(4);
        final Network net = new Network(sim);
        final Host client = net.host("client");
        final Host server = net.host("server");
        final Router fw = net.router("fw");
        final NetInterface c0 = client.addInterface("eth0", "fd00:1::2/64");
        fw.addInterface("lan", "fd00:1::1/64");
        fw.addInterface("wan", "fd00:2::1/64");
        final NetInterface s0 = server.addInterface("eth0", "fd00:2::2/64");
        client.defaultGateway("fd00:1::1");
        server.defaultGateway("fd00:2::1");
        final LinkConfig l = LinkConfig.of(100_000_000L, 1_000_000L, 100);
        net.connect(c0, fw.iface("lan"), l);
        net.connect(fw.iface("wan"), s0, l);
        final String[] lines = RULES.split("\n", -1);
        Firewall.stateful(fw, Compiler.compile(NftParser.parse("fw.nft", RULES), Firewall.interfaceNames(fw),
                r -> lines[r.pos().line() - 1].strip()), ConntrackConfig.linux(), List.of(FtpHelper.standard()));
        final TcpStack clientTcp = new TcpStack(client, TcpConfig.linux());
        final TcpStack serverTcp = new TcpStack(server, TcpConfig.linux());
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        serverTcp.listen(21, x -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection y) {
                y.send("220 hi\r\n".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void received(final TcpConnection y, final byte[] data) {
                read.writeBytes(data);
            }
        });
        final TcpConnection c = clientTcp.connect(net.ipv6().parse("fd00:2::2"), 21, new TcpHandler() { });
        sim.runUntil(NS_PER_S);
        c.send("USER a\r\n".getBytes(StandardCharsets.US_ASCII));
        sim.runUntil(2 * NS_PER_S);
        c.send("EPRT |2|fd00:1::2|1025|\r\n".getBytes(StandardCharsets.US_ASCII));
        sim.runUntil(3 * NS_PER_S);
        assertEquals("USER a\r\nEPRT |2|fd00:0002:0000:0000:0000:0000:0000:0001|1025|\r\n",
                read.toString(StandardCharsets.US_ASCII));
    }
}
