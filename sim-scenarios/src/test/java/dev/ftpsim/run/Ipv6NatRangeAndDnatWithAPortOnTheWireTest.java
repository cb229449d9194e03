package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/ipv6-nat66-snat-range-dnat-port.yaml on the wire: the client's connections leave with
 * an address of the SNAT range (one per client and server, as find_best_ips_proto hashes), its
 * EPRT |2| is rewritten to that address by the helper, and the server behind DNAT with a port sees
 * port 21 and the translated client, every TCP checksum good (tshark, where installed).
 */
class Ipv6NatRangeAndDnatWithAPortOnTheWireTest {
    @Test
    void snatRangeAndDnatWithAPortCarryEpsvAndRewrittenEprtSessions(@TempDir final Path dir) throws Exception {
        final Scenario s = ScenarioLoader.load(Path.of("..", "examples", "ipv6-nat66-snat-range-dnat-port.yaml"));
        final List<FtpSessionRecord> rs = ScenarioRunner.run(s, s.seed(), dir).rows().stream()
                .map(Results.Row::record).toList();
        assertEquals(6, rs.size());
        rs.forEach(r -> assertTrue(r.ok(), r.identity() + ": " + r.reasonText()));

        final Path wan = dir.resolve("fw-client-wan.pcapng");
        // Every packet out of the client's NAT66 comes from one address of the range, towards port 2121's address.
        final List<String> sources = tshark(wan, "ipv6.dst == 2001:db8:ff::2", "ipv6.src");
        assertTrue(sources.size() > 100, sources.size() + " packets");
        final String chosen = sources.get(0);
        assertTrue(chosen.matches("2001:db8:ff::10[0-4]"), chosen);
        sources.forEach(a -> assertEquals(chosen, a));
        // The helper rewrote the client's EPRT |2| to that address, written in full as nf_nat_ftp's
        // %pI6 writes it (Linux 6.18: "|2|fd00:0002:0000:0000:0000:0000:0000:0001|"); the port
        // stays the client's.
        final List<String> eprt = tshark(wan, "ftp.request.command == \"EPRT\"", "tcp.dstport", "ftp.request.arg");
        assertEquals(3, eprt.size(), eprt.toString());
        final String full = full(chosen);
        eprt.forEach(l -> assertTrue(l.matches("2121\t\\|2\\|" + full + "\\|\\d+\\|"), l));
        // Passive: the EPSV data connections go to the published address, which DNAT sends to the server.
        assertEquals(3, tshark(wan, "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport >= 30000"
                + " && tcp.dstport <= 30100 && ipv6.dst == 2001:db8:ff::2", "frame.number").size());

        final Path server = dir.resolve("server.pcapng");
        // Behind the DNAT the server sees its own address and port 21, from the SNAT address.
        final List<String> control = tshark(server, "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 21",
                "ipv6.src", "ipv6.dst");
        assertEquals(6, control.size(), control.toString());
        control.forEach(l -> assertEquals(chosen + "\tfd00:2::10", l));
        assertEquals(List.of(), tshark(wan, "tcp.checksum.status == \"Bad\"", "frame.number"));
        assertEquals(List.of(), tshark(server, "tcp.checksum.status == \"Bad\"", "frame.number"));
    }

    /** An IPv6 address as eight groups of four hex digits. */
    private static String full(final String address) throws IOException {
        final byte[] b = java.net.InetAddress.getByName(address).getAddress();
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            s.append(i == 0 ? "" : ":").append(String.format(java.util.Locale.ROOT, "%02x%02x", b[i], b[i + 1]));
        }
        return s.toString();
    }

    private static List<String> tshark(final Path pcap, final String filter, final String... fields)
            throws IOException, InterruptedException {
        return TsharkFilter.fields(pcap, List.of("-d", "tcp.port==2121,ftp"), filter, fields);
    }
}
