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
 * Under DNAT and two NATs in a row, the channels and data-path reports follow each connection
 * through every translation: a firewall that carried the FTP traffic reports it under the
 * addresses it saw, and one that accepted the data connection says how it judged it.
 */
class DiagnosticsFollowConnectionsThroughNatTest {
    @TempDir
    Path tmp;

    @Test
    void channelsOfAServerBehindDnatAreDerivedThroughTheTranslation() {
        final Cli r = Cli.run("channels", "../examples/passive-server-dnat-helper.yaml");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("no FTP packets crossed it"), r.out());
        assertTrue(r.out().contains("iif lan ip daddr 192.168.1.10 tcp dport 21 accept"), r.out());
    }

    @Test
    void bothFirewallsOfADoubleNatReportTheChannelsTheyCarried() {
        final Cli r = Cli.run("channels", "../examples/double-nat-helpers.yaml");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("no FTP packets crossed it"), r.out());
        // fw-client sees the server as the address the client dials, fw-server as itself.
        assertTrue(r.out().contains("iif lan ip daddr 198.51.100.1 tcp dport 21 accept"), r.out());
        assertTrue(r.out().contains("iif wan ip daddr 192.168.1.10 tcp dport 21 accept"), r.out());
        assertTrue(r.out().contains("oif lan ip saddr 198.51.100.1 tcp sport 20 tcp dport 1024-65535 accept"), r.out());
    }

    @Test
    void aRunThroughTwoNatsReportsEachFirewallsChannelsAndDataPath() throws Exception {
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", "../examples/double-nat-helpers.yaml", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("no FTP packets crossed it"), r.out());
        assertTrue(r.out().contains("Firewall fw-client: channels the FTP traffic tried"), r.out());
        final List<String> lines = Files.readAllLines(out.resolve("sessions.csv"));
        assertTrue(lines.get(0).endsWith("data_path_fw-client,data_path_fw-server"), lines.get(0));
        final String passive = lines.stream().filter(l -> l.startsWith("passive#0,")).findFirst().orElseThrow();
        final String active = lines.stream().filter(l -> l.startsWith("active#0,")).findFirst().orElseThrow();
        assertFalse(passive.contains("not seen") || active.contains("not seen"), lines.toString());
        // fw-server saw the passive data connection from the masquerade's address, and the
        // active one going to it: both found by the client's own address and port.
        assertTrue(passive.endsWith(",\"RELATED (ftp PASV 198.51.100.2 -> 198.51.100.1:30068), accepted by forward rule 1:"
                + " ct state established,related accept\""), passive);
        assertTrue(active.contains("\"RELATED (ftp PORT 192.168.1.10 -> 198.51.100.2:52850), accepted by forward rule"
                + " 1: ct state established,related accept\""), active);
    }
}
