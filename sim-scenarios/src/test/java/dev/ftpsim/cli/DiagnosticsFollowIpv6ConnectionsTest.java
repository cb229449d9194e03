package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel and data-path diagnostics follow IPv6 sessions as they follow IPv4 ones: the
 * channels name the server's IPv6 address in an {@code ip6} rule, the data-path column and
 * explain's chain say how the firewall judged the IPv6 data connection, and the ladder and trace
 * write IPv6 addresses in their RFC 5952 form, in brackets before a port.
 */
class DiagnosticsFollowIpv6ConnectionsTest {
    @TempDir
    Path tmp;

    @Test
    void channelsOfAnIpv6SessionAreIp6Rules() {
        final Cli r = Cli.run("channels", "../examples/ipv6-client-inet-fw-helper.yaml");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("no FTP packets crossed it"), r.out());
        assertTrue(r.out().contains("iif lan ip6 daddr 2001:db8:2::10 tcp dport 21 accept"), r.out());
        assertTrue(r.out().contains("oif lan ip6 saddr 2001:db8:2::10 tcp sport 20 tcp dport 1024-65535 accept"), r.out());
    }

    @Test
    void aRunNamesHowTheFirewallJudgedEachIpv6DataConnection() throws Exception {
        final Path out = tmp.resolve("helper");
        final Cli r = Cli.run("run", "../examples/ipv6-client-inet-fw-helper.yaml", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("iif lan ip6 daddr 2001:db8:2::10 tcp dport 1024-65535 accept"), r.out());
        final List<String> lines = Files.readAllLines(out.resolve("sessions.csv"));
        assertTrue(lines.get(0).endsWith(",data_path_fw"), lines.get(0));
        final String epsv = lines.stream().filter(l -> l.startsWith("client-1#0,")).findFirst().orElseThrow();
        final String eprt = lines.stream().filter(l -> l.startsWith("client-2#0,")).findFirst().orElseThrow();
        assertTrue(epsv.endsWith(",\"RELATED (ftp EPSV 2001:db8:1::10 -> [2001:db8:2::10]:30068), accepted by"
                + " filter/forward rule 1: ct state established, related accept\""), epsv);
        assertTrue(eprt.endsWith(",\"RELATED (ftp EPRT 2001:db8:2::10 -> [2001:db8:1::10]:52850), accepted by"
                + " filter/forward rule 1: ct state established, related accept\""), eprt);
    }

    @Test
    void aDroppedIpv6DataConnectionIsNamedInTheRunAndInExplain() throws Exception {
        final Path out = tmp.resolve("nohelper");
        final Cli r = Cli.run("run", "../examples/ipv6-client-inet-fw.yaml", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final List<String> lines = Files.readAllLines(out.resolve("sessions.csv"));
        assertTrue(lines.get(1).endsWith(",\"NEW, dropped by filter/forward policy drop\""), lines.get(1));
        final Cli e = Cli.run("explain", "../examples/ipv6-client-inet-fw.yaml");
        assertTrue(e.out().contains("## Population client (curl, EPRT, on client): 2 of 2 failed"), e.out());
        assertTrue(e.out().contains("- fw: the data connection's first packet (SYN) was NEW, dropped by filter/forward"
                + " policy drop"), e.out());
    }

    @Test
    void theLadderAndTraceWriteIpv6Addresses() throws Exception {
        final Path out = tmp.resolve("ladder");
        final Cli r = Cli.run("ladder", "../examples/ipv6-client-inet-fw-helper.yaml", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(out.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n0 as client (client 2001:db8:1::10)"), mmd);
        assertTrue(mmd.contains("participant n2 as server (server 2001:db8:2::10)"), mmd);
        assertTrue(mmd.contains("[control] SYN [2001:db8:1::10]:52848 #gt; [2001:db8:2::10]:21"), mmd);
        final Cli t = Cli.run("trace", "../examples/ipv6-client-inet-fw-helper.yaml", "--session", "0");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("fw inet filter forward packet: iif \"lan\" oif \"wan\" ip6 saddr 2001:db8:1::10"
                + " ip6 daddr 2001:db8:2::10 tcp sport 52848 tcp dport 21 tcp flags == syn"), t.out());
    }
}
