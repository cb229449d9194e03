package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.FTP;
import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a short file means: the defaults a user relies on without writing them. */
class DefaultsTest {

    @Test
    void aMinimalFileGetsSensibleDefaults() throws ScenarioException {
        final Scenario s = ScenarioLoader.parse(NET + FTP, "dir/minimal.yaml", Path.of("."));
        assertEquals("minimal", s.name(), "named after the file");
        assertEquals(1, s.seed());
        assertEquals(60_000_000_000L, s.stopNanos());
        final LinkSpec l = s.links().get(0);
        assertEquals(1_000_000_000L, l.bandwidthBps());
        assertEquals(1_000_000L, l.delayNanos());
        assertEquals(1000, l.queuePackets());
        assertEquals(0, l.queueBytes());
        assertEquals(1500, l.mtu());
        assertEquals(new LinkSpec.Bernoulli(0), l.loss());
        assertEquals(List.of(), s.record().pcap());
        assertEquals(1_000_000_000L, s.record().timeseriesNanos());
        assertNull(s.sweep());
    }

    @Test
    void aHostWithoutGatewayUsesTheRouterInterfaceOnItsSubnet() throws ScenarioException {
        final Scenario s = load(NET + FTP);
        assertEquals(Ipv4.parse("198.51.100.1"), s.hosts().get("client").gateway());
        assertEquals(Ipv4.parse("203.0.113.1"), s.hosts().get("server").gateway());
    }

    @Test
    void clientsDialTheOnlyServerWithCurlsDefaultsAndFetchItsFirstFile() throws ScenarioException {
        final FtpSpec.Clients c = load(NET + FTP).ftp().clients().get(0);
        assertEquals(Ipv4.parse("203.0.113.10"), c.serverAddress());
        assertEquals(21, c.port());
        assertEquals("curl", c.profile());
        assertEquals(DataMode.PASV, c.options().mode(), "mode passive overrides curl's EPSV");
        assertEquals(1, c.sessions());
        assertEquals(new FtpSpec.At(0), c.arrivals());
        assertEquals(List.of(new FtpSpec.Login("anonymous", "guest@"), new FtpSpec.Get("/pub/f.bin")), c.script());
        assertEquals("vsftpd", load(NET + FTP).ftp().servers().get(0).profile());
    }

    @Test
    void groupMembersTakeConsecutiveAddressesSkippingTheGateway() throws ScenarioException {
        final Scenario s = load(NET.replace("client: { address: 198.51.100.10/24 }",
                "client: { count: 300, subnet: 198.51.100.0/23 }").replace("lan: 198.51.100.1/24", "lan: 198.51.100.1/23"));
        final HostSpec.Group g = (HostSpec.Group) s.hosts().get("client");
        assertEquals(Ipv4.parse("198.51.100.1"), g.gateway());
        assertEquals("198.51.100.2", Ipv4.format(g.address(0)));
        assertEquals("198.51.100.255", Ipv4.format(g.address(253)));
        assertEquals("198.51.101.0", Ipv4.format(g.address(254)), "inside a /23, .255 and .0 are ordinary hosts");
        assertEquals("client[299]", g.memberName(299));
        final java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < g.count(); i++) {
            final int a = g.address(i);
            assertEquals(true, g.subnet().contains(a) && a != g.gateway() && seen.add(a), Ipv4.format(a));
        }
    }

    @Test
    void aGroupMayStartAtAChosenAddressAndSkipsAGatewayInsideItsRange() throws ScenarioException {
        final Scenario s = load(NET.replace("client: { address: 198.51.100.10/24 }",
                "client: { count: 4, subnet: 198.51.100.0/24, first: 198.51.100.250 }")
                .replace("lan: 198.51.100.1/24", "lan: 198.51.100.252/24"));
        final HostSpec.Group g = (HostSpec.Group) s.hosts().get("client");
        assertEquals(List.of("198.51.100.250", "198.51.100.251", "198.51.100.253", "198.51.100.254"),
                java.util.stream.IntStream.range(0, 4).mapToObj(i -> Ipv4.format(g.address(i))).toList());
        assertEquals(List.of("t.yaml:2:20: hosts.client.count: 5 hosts do not fit into 198.51.100.0/24 from"
                + " 198.51.100.250: it has room for 4 (the gateway's address is skipped)"),
                Fixture.errors(NET.replace("client: { address: 198.51.100.10/24 }",
                "client: { count: 5, subnet: 198.51.100.0/24, first: 198.51.100.250 }")
                .replace("lan: 198.51.100.1/24", "lan: 198.51.100.252/24")));
    }

    @Test
    void oneLineRulesBecomeChainsOnTheirHooks() throws ScenarioException {
        final Scenario s = load(NET + """
                firewall:
                  fw:
                    conntrack: { max: 500, timeouts: { established: 10s }, helpers: [ftp], auto-helper-ports: [21] }
                    forward: { policy: drop, rules: [iif lan accept] }
                    nat: { postrouting: [oif wan masquerade] }
                """);
        final FirewallSpec f = s.firewalls().get("fw");
        assertEquals(List.of("forward", "nat-postrouting"), f.ruleset().chains().stream().map(Chain::name).toList());
        final Chain fwd = f.ruleset().at(Hook.FORWARD).get(0);
        assertEquals(true, fwd.policyDrop());
        assertEquals(100, f.ruleset().at(Hook.POSTROUTING).get(0).priority(), "srcnat");
        assertEquals(500, f.conntrack().config().max());
        assertEquals(10_000_000_000L, f.conntrack().config().tcpTimeout(TcpCtState.ESTABLISHED));
        assertEquals(List.of(21), f.conntrack().autoHelperPorts());
        assertEquals("ftp", f.ruleset().helpers().get("ftp").type());
    }

    @Test
    void unitsAndShorthandsAreRead() throws ScenarioException {
        final Scenario s = load(NET.replace("[fw.wan, server] }", "[fw.wan, server], bandwidth: 10Mbps, delay: 0,"
                + " queue: 64KB, loss: 0.5% }") + FTP.replace("mode: passive }",
                "mode: active, arrivals: uniform 0-1.5s, script: [login u p, put /up/x lognormal 1MB 1.5, nlst] }"));
        final LinkSpec l = s.links().get(1);
        assertEquals(10_000_000L, l.bandwidthBps());
        assertEquals(0, l.delayNanos());
        assertEquals(64_000, l.queueBytes());
        assertEquals(0, l.queuePackets());
        assertEquals(new LinkSpec.Bernoulli(0.005), l.loss());
        final FtpSpec.Clients c = s.ftp().clients().get(0);
        assertEquals(DataMode.PORT, c.mode());
        assertEquals(new FtpSpec.Uniform(0, 1_500_000_000L), c.arrivals());
        assertEquals(List.of(new FtpSpec.Login("u", "p"), new FtpSpec.Put("/up/x", new FtpSpec.LogNormal(1_000_000, 1.5)),
                new FtpSpec.ListDir(".", true)), c.script());
    }
}
