package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IPv6 examples: the helper's firewall passes EPSV and EPRT |2| sessions and its capture holds
 * IPv6 packets with EPRT |2| (decoded by tshark, checksums checked, where tshark is installed);
 * a server that refuses EPSV leaves curl working over IPv4 and failing over IPv6.
 */
class Ipv6ExamplesShowTheirVerdictOnTheWireTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static List<FtpSessionRecord> run(final String name, final Path pcaps) throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve(name + ".yaml"));
        return ScenarioRunner.run(s, s.seed(), pcaps).rows().stream().map(Results.Row::record).toList();
    }

    @Test
    void throughTheInetFirewallWithTheHelperPassiveAndActiveIpv6SessionsSucceedWithEprtFamilyTwoOnTheWire(
            @TempDir final Path dir) throws Exception {
        final List<FtpSessionRecord> rs = run("ipv6-client-inet-fw-helper", dir);
        assertEquals(6, rs.size());
        rs.forEach(r -> assertTrue(r.ok(), r.identity() + ": " + r.reasonText()));
        assertEquals(List.of("EPSV", "EPSV", "EPSV", "EPRT", "EPRT", "EPRT"),
                rs.stream().map(r -> r.identity().mode()).sorted(java.util.Comparator.reverseOrder()).toList());
        final Path pcap = dir.resolve("fw-wan.pcapng");
        final String bytes = new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("EPRT |2|2001:db8:1::10|"), "EPRT |2| with the client's address in the capture");
        assertFalse(bytes.contains("PORT "), "no PORT over IPv6");

        final List<String> eprt = tshark(pcap, "ftp.request.command == \"EPRT\"", "ipv6.src", "ftp.request.arg");
        assertEquals(3, eprt.size(), eprt.toString());
        eprt.forEach(l -> assertTrue(l.matches("2001:db8:1::10\t\\|2\\|2001:db8:1::10\\|\\d+\\|"), l));
        assertEquals(List.of(), tshark(pcap, "tcp.checksum.status == \"Bad\" || ip", "frame.number"),
                "every TCP checksum good, no IPv4 packet");
    }

    @Test
    void aServerThatRefusesEpsvLeavesCurlWorkingOverIpv4AndFailingOverIpv6() throws Exception {
        final List<FtpSessionRecord> rs = run("ipv6-server-refuses-epsv", null);
        assertEquals(2, rs.size());
        final FtpSessionRecord v4 = rs.stream().filter(FtpSessionRecord::ok).findFirst().orElseThrow();
        final FtpSessionRecord v6 = rs.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertEquals(1_000_000, v4.transfer().bytes());
        assertEquals("data setup refused", v6.reasonText());
        assertEquals(502, v6.outcome().lastReplyCode()); // the EPSV's reply: no PASV followed
    }

    private static List<String> tshark(final Path pcap, final String filter, final String... fields)
            throws IOException, InterruptedException {
        return TsharkFilter.fields(pcap, List.of(), filter, fields);
    }
}
