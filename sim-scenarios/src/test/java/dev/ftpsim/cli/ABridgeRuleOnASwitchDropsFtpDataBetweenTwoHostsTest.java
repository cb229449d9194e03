package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge table on the switch two hosts share drops the FTP data connection between them: the
 * client's data SYN is in the switch's capture, commented with the rule, counted in the run's drops,
 * and never reaches the server's wire; the control connection through the same switch works.
 */
class ABridgeRuleOnASwitchDropsFtpDataBetweenTwoHostsTest {
    private static final String RULE = "iifname \"p0\" oifname \"p1\" ether saddr 02:00:c0:a8:01:0b ip daddr 192.168.1.20"
            + " tcp dport 30000-30100 counter drop";
    private static final String DROP = "dropped by sw filter/forward rule 1: " + RULE;

    @Test
    void theDataSynIsDroppedAtTheSwitchAndSeenSoInItsCapture(@TempDir final Path tmp) throws Exception {
        Files.writeString(tmp.resolve("sw.nft"), """
                table bridge filter {
                    chain forward {
                        type filter hook forward priority filter; policy accept;
                        %s
                    }
                }
                """.formatted(RULE));
        final Path file = tmp.resolve("segment.yaml");
        Files.writeString(file, "name: segment\nstop: 300s\n" + dev.ftpsim.scenario.Fixture.SEGMENT + """
                firewall:
                  sw: { nft: sw.nft }
                record: { pcap: [sw, srv] }
                ftp:
                  server: { host: srv, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                  clients:
                    - { host: pc1, mode: passive, script: [login anonymous, get /pub/f.bin] }
                """);
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--no-progress", "--no-explain", "--pcap", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode sum = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, sum.get("failuresByCode").get("data_connect_timed_out").asInt(), sum.toString());
        // Linux 6.12's SYN schedule: the SYN and its ten retries
        assertEquals(11, sum.get("drops").get("sw").get("filter/forward rule 1: " + RULE).asInt(), sum.toString());
        final Path sw = out.resolve("sw.pcapng");
        final Path srv = out.resolve("srv.pcapng");
        if (Tshark.installed()) {
            final List<String> atSwitch = Tshark.fields(sw, "tcp.flags.syn", "tcp.dstport", "frame.comment");
            final List<String> dropped = atSwitch.stream().filter(l -> l.endsWith(DROP)).toList();
            assertEquals(11, dropped.size(), String.join("\n", atSwitch));
            assertTrue(dropped.stream().allMatch(l -> l.startsWith("1\t30")), dropped.toString());
            assertTrue(atSwitch.stream().anyMatch(l -> l.startsWith("1\t21\t")), "the control SYN passed, uncommented");
            final List<String> atServer = Tshark.fields(srv, "tcp.flags.syn", "tcp.flags.ack", "tcp.dstport");
            assertTrue(atServer.stream().noneMatch(l -> l.startsWith("1\t0\t30")), "no data SYN on the server's wire: "
                    + atServer);
        } else {
            System.err.println("tshark is not installed (sim-lab/install-deps.sh installs it): checking the bytes only");
            assertEquals(11, new String(Files.readAllBytes(sw), StandardCharsets.ISO_8859_1).split(DROP, -1).length - 1);
        }
    }
}
