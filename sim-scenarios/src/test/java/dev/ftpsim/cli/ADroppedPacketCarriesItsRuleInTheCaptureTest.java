package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --pcap} writes pcapng, and each packet a firewall dropped carries a comment naming
 * the rule, so Wireshark shows the drop: read back by tshark when it is installed, by the bytes
 * otherwise (the pcapng structure itself is checked in sim-core's PcapngWriterTest).
 */
class ADroppedPacketCarriesItsRuleInTheCaptureTest {
    private static final String DROP = "dropped by fw forward policy drop";

    @Test
    void theDataSynsDroppedAtTheFirewallAreCommentedWithItsPolicy(@TempDir final Path tmp) throws Exception {
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", "../examples/passive-stateful-server-fw.yaml", "--no-progress", "--pcap", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        final Path lan = out.resolve("fw-lan.pcapng");
        if (Tshark.installed()) {
            final List<String> lines = Tshark.fields(lan, "tcp.flags.syn", "tcp.dstport", "frame.comment");
            final List<String> commented = lines.stream().filter(l -> l.endsWith(DROP)).toList();
            // The data SYN and its ten retries (Linux 6.12's SYN schedule), each to the passive port.
            assertEquals(11, commented.size(), String.join("\n", lines));
            assertTrue(commented.stream().allMatch(l -> l.startsWith("1\t30")), commented.toString());
            assertTrue(lines.stream().filter(l -> l.split("\t").length < 3).count() > 10, "other packets uncommented");
        } else {
            System.err.println("tshark is not installed (sim-lab/install-deps.sh installs it): checking the bytes only");
            final String text = new String(Files.readAllBytes(lan), StandardCharsets.ISO_8859_1);
            assertEquals(11, text.split(DROP, -1).length - 1);
        }
        assertTrue(Files.readAllBytes(out.resolve("fw-wan.pcapng")).length > 100);
        assertTrue(!new String(Files.readAllBytes(out.resolve("fw-wan.pcapng")), StandardCharsets.ISO_8859_1)
                .contains(DROP), "the drop is at the lan side, where the packets arrived");
    }
}
