package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftpsim trace}: what a packet meets on each firewall, as a user reads it. */
class TraceCommandTest {
    private static final String SERVER_FW = "../examples/passive-stateful-server-fw.yaml";

    private static List<String> lines(final Cli r) {
        return Arrays.asList(r.out().split("\n"));
    }

    @Test
    void aSynToPort21ShowsTheChainTheAcceptingRuleAndItsVerdict() {
        final Cli r = Cli.run("trace", SERVER_FW, "--packet", "tcp 198.51.100.10:40000 > 203.0.113.10:21 syn");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(
                "trace of tcp 198.51.100.10:40000 > 203.0.113.10:21 syn, sent by client",
                "trace id 1 fw ip ftpsim forward packet: iif \"lan\" oif \"wan\" ip saddr 198.51.100.10 ip daddr"
                        + " 203.0.113.10 tcp sport 40000 tcp dport 21 tcp flags == syn ct state new",
                "trace id 1 fw ip ftpsim forward rule iif lan oif wan tcp dport 21 ct state new accept (verdict accept)",
                "delivered to server (198.51.100.10:40000 > 203.0.113.10:21)"), lines(r));
    }

    @Test
    void aSynToAPassivePortMeetsThePolicyDrop() {
        final Cli r = Cli.run("trace", SERVER_FW, "--packet", "tcp 198.51.100.10:40000 > 203.0.113.10:30000 syn");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("trace id 1 fw ip ftpsim forward policy drop\n"), r.out());
        assertTrue(r.out().endsWith("dropped by fw (forward policy drop)\n"), r.out());
        assertFalse(r.out().contains("delivered"), r.out());
    }

    @Test
    void aSynToTheRoutersPublicAddressShowsItsDestinationNat() {
        final Cli r = Cli.run("trace", "../examples/passive-server-dnat-helper.yaml", "--packet",
                "tcp 198.51.100.10:40000 > 198.51.100.1:21");
        assertEquals(0, r.exit(), r.err());
        final List<String> l = lines(r);
        assertTrue(l.contains("trace id 1 fw ip ftpsim nat-prerouting rule iif lan ip daddr 198.51.100.1 tcp dport 21"
                + " dnat to 192.168.1.10 (verdict accept)"), r.out());
        assertTrue(l.contains("trace id 1 fw prerouting dnat 198.51.100.10:40000 > 198.51.100.1:21 ->"
                + " 198.51.100.10:40000 > 192.168.1.10:21"), r.out());
        assertEquals("delivered to server (198.51.100.10:40000 > 192.168.1.10:21)", l.get(l.size() - 1));
    }

    @Test
    void anIpv6SynIsTracedWithIp6AddressesThroughAnInetFirewall() {
        final Cli r = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--packet",
                "tcp [2001:db8:1::10]:40000 > [2001:db8:2::10]:21 syn");
        assertEquals(0, r.exit(), r.err());
        final List<String> l = lines(r);
        assertEquals("trace of tcp [2001:db8:1::10]:40000 > [2001:db8:2::10]:21 syn, sent by client", l.get(0));
        assertTrue(l.contains("trace id 1 fw inet filter forward packet: iif \"lan\" oif \"wan\" ip6 saddr 2001:db8:1::10"
                + " ip6 daddr 2001:db8:2::10 tcp sport 40000 tcp dport 21 tcp flags == syn ct state new ct helper"
                + " \"ftp-standard\""), r.out());
        assertTrue(l.contains("trace id 1 fw inet filter forward rule iifname \"lan\" oifname \"wan\" ct state new"
                + " accept (verdict accept)"), r.out());
        assertEquals("delivered to server ([2001:db8:1::10]:40000 > [2001:db8:2::10]:21)", l.get(l.size() - 1));
    }

    @Test
    void anUnsolicitedIpv6SynFromTheServerSideIsDroppedAndAnEchoRequestIsIcmpv6() {
        final Cli r = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--packet",
                "tcp [2001:db8:2::10]:20 > [2001:db8:1::10]:40000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("dropped by fw"), r.out());
        final Cli ping = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--packet",
                "icmp 2001:db8:1::10 > 2001:db8:2::10");
        assertEquals(0, ping.exit(), ping.err());
        assertTrue(ping.out().startsWith("trace of icmpv6 2001:db8:1::10 > 2001:db8:2::10, sent by client\n"), ping.out());
        assertTrue(ping.out().contains("icmpv6 type 128 icmpv6 code 0"), ping.out());
    }

    @Test
    void anIpv6AddressWithAPortNeedsBracketsAndFamiliesCannotMix() {
        final Cli a = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--packet",
                "tcp 2001:db8:1::10:40000 > [2001:db8:2::10]:21");
        assertEquals(2, a.exit());
        assertTrue(a.err().contains("write an IPv6 address with a port as [ADDRESS]:PORT"), a.err());
        final Cli b = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--packet",
                "tcp 198.51.100.10:40000 > [2001:db8:2::10]:21");
        assertEquals(2, b.exit());
        assertTrue(b.err().contains("one IPv4 and one IPv6 address"), b.err());
    }

    @Test
    void aSessionTraceShowsTheDataConnectionsSynAsRelatedThroughTheHelper() {
        final Cli r = Cli.run("trace", "../examples/passive-server-dnat-helper.yaml", "--session", "0");
        assertEquals(0, r.exit(), r.err());
        final List<String> l = lines(r);
        assertEquals("trace of session 0 of client: ok", l.get(0));
        // the control connection first, then the data connection the ftp helper expected
        assertTrue(l.get(1).contains("trace id 1 fw ip ftpsim nat-prerouting packet:") && l.get(1).contains("tcp dport 21"),
                r.out());
        final String data = l.stream().filter(x -> x.contains("trace id 2 fw ip ftpsim forward packet:")).findFirst()
                .orElseThrow();
        assertTrue(data.contains("tcp flags == syn ct state related (expected by ftp PASV"), data);
        assertTrue(l.stream().anyMatch(x -> x.endsWith("trace id 2 fw ip ftpsim forward rule ct state"
                + " established,related accept (verdict accept)")), r.out());
    }

    @Test
    void aJumpIsShownWithTheChainItEnters(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), String.join("\n",
                "table inet filter {",
                "  chain to_server {",
                "    tcp dport 21 accept",
                "  }",
                "  chain forward {",
                "    type filter hook forward priority filter; policy drop;",
                "    ct state established,related accept",
                "    iifname \"lan\" oifname \"wan\" jump to_server",
                "  }",
                "}", ""));
        final String yaml = Files.readString(Path.of(SERVER_FW));
        final String fw = yaml.substring(yaml.indexOf("firewall:"), yaml.indexOf("ftp:"));
        final Path f = Files.writeString(dir.resolve("s.yaml"), yaml.replace(fw, "firewall:\n  fw:\n    nft: fw.nft\n"));
        final Cli r = Cli.run("trace", f.toString(), "--packet", "tcp 198.51.100.10:40000 > 203.0.113.10:21 syn");
        assertEquals(0, r.exit(), r.out() + r.err());
        final List<String> l = lines(r);
        assertTrue(l.contains("trace id 1 fw inet filter forward rule iifname \"lan\" oifname \"wan\" jump to_server"
                + " (verdict jump to_server)"), r.out());
        assertTrue(l.contains("trace id 1 fw inet filter to_server rule tcp dport 21 accept (verdict accept)"), r.out());
        assertEquals("delivered to server (198.51.100.10:40000 > 203.0.113.10:21)", l.get(l.size() - 1));
    }

    @Test
    void anUnreadablePacketIsRefusedWithExit2AndNoStackTrace() {
        final Cli r = Cli.run("trace", SERVER_FW, "--packet", "tcp 198.51.100.10 > 203.0.113.10:21 syn");
        assertEquals(2, r.exit());
        assertEquals("--packet tcp 198.51.100.10 > 203.0.113.10:21 syn: '198.51.100.10': expected ADDRESS:PORT\n",
                r.err());
        assertEquals("", r.out());
        final Cli flag = Cli.run("trace", SERVER_FW, "--packet", "tcp 1.2.3.4:1 > 5.6.7.8:21 urg");
        assertEquals(2, flag.exit());
        assertTrue(flag.err().contains("unknown tcp flag 'urg'"), flag.err());
        assertFalse(flag.err().contains("Exception"), flag.err());
    }
}
