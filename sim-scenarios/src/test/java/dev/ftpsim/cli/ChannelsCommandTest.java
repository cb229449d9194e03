package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChannelsCommandTest {
    @Test
    void channelsPrintsBothOfTheFirstSourcesListsWithRules() {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("channels"));
        final List<String> words = Arrays.stream(out.toString().split("\n")).filter(l -> l.startsWith("  - "))
                .map(l -> l.substring(4, 54).strip()).toList();
        assertEquals(List.of(
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's port 20 to ports > 1023",
                "FTP server's port 20 from ports > 1023",
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's ports > 1023 from anywhere",
                "FTP server's ports > 1023 to remote ports > 1023"), words);
    }

    @Test
    void forAScenarioFileEachFirewallGetsTheChannelsItsTrafficNeeds() {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        // The firewall of this example drops passive data; with it open, the fourth channel shows.
        assertEquals(0, cl.execute("channels", "../examples/passive-stateful-server-fw.yaml"));
        final List<String> lines = Arrays.asList(out.toString().split("\n"));
        assertEquals("Firewall fw: channels its FTP traffic needs (derived with every firewall open; a packet filter"
                + " must open them)", lines.get(0));
        assertEquals(List.of(
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's ports > 1023 from anywhere",
                "FTP server's ports > 1023 to remote ports > 1023"),
                lines.stream().filter(l -> l.startsWith("  - ")).map(l -> l.substring(4, 54).strip()).toList());
        assertEquals("  - FTP server's ports > 1023 from anywhere            iif lan ip daddr 203.0.113.10 tcp dport"
                + " 1024-65535 accept", lines.get(3));
    }

    @Test
    void aHostGroupsClientsShareOneListWrittenWithTheGroupsInterfaceName(@TempDir final Path tmp) throws Exception {
        final Path file = tmp.resolve("group.yaml");
        Files.writeString(file, """
                name: group
                hosts:
                  clients: { count: 20, subnet: 10.1.0.0/16 }
                  server: { address: 203.0.113.10/24 }
                routers:
                  fw: { interfaces: { lan: 10.1.0.1/16, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [clients, fw.lan] }
                  - { ends: [fw.wan, server] }
                firewall:
                  fw:
                    forward:
                      - ct state established,related accept
                ftp:
                  server: { host: server, files: { /pub/f.bin: 10KB } }
                  clients:
                    - { host: clients, mode: passive, sessions: 20 }
                """);
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("channels", file.toString()), err::toString);
        final List<String> rules = Arrays.stream(out.toString().split("\n")).filter(l -> l.startsWith("  - "))
                .map(l -> l.substring(54).strip()).toList();
        // 20 members, each on its own link to "lan#i": still the four channels, on "lan".
        assertEquals(List.of(
                "iif lan ip daddr 203.0.113.10 tcp dport 21 accept",
                "oif lan ip saddr 203.0.113.10 tcp sport 21 tcp dport 1024-65535 accept",
                "iif lan ip daddr 203.0.113.10 tcp dport 1024-65535 accept",
                "oif lan ip saddr 203.0.113.10 tcp sport 1024-65535 tcp dport 1024-65535 accept"), rules);
    }
}
