package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1400-byte link between two routers, both ends on 1500-byte links: each side's TCP announces an
 * MSS of 1460 (1440 over IPv6), the router before the narrow link answers the full-size segments
 * with ICMP fragmentation needed or ICMPv6 packet too big naming 1400, and the server's TCP sends
 * smaller segments. Linux 6.18 (veth, the router's LAN side at mtu 1400, vsftpd 3.0.3, curl 7.88.1):
 * both 1 MiB downloads completed in 0.02 s, and 'ip route get' on the server showed "mtu 1400"
 * for the client over IPv4 and IPv6. ftpsim dropped those segments without a word, and the
 * transfers hung until the stop time.
 */
class APathMtuSmallerThanBothEndsIsDiscoveredTest {
    @Test
    void downloadsAcrossANarrowMiddleLinkComplete(@TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("narrow.yaml"), """
                name: narrow
                seed: 1
                stop: 200s
                hosts:
                  client: { address: 198.51.100.10/24, address6: 2001:db8:1::10/64 }
                  server: { address: 203.0.113.10/24, address6: 2001:db8:2::10/64 }
                routers:
                  r1:
                    interfaces:
                      lan: [198.51.100.1/24, 2001:db8:1::1/64]
                      mid: [192.0.2.1/30, 2001:db8:9::1/64]
                    routes: [203.0.113.0/24 via 192.0.2.2, 2001:db8:2::/64 via 2001:db8:9::2]
                  r2:
                    interfaces:
                      mid: [192.0.2.2/30, 2001:db8:9::2/64]
                      wan: [203.0.113.1/24, 2001:db8:2::1/64]
                    routes: [198.51.100.0/24 via 192.0.2.1, 2001:db8:1::/64 via 2001:db8:9::1]
                links:
                  - { ends: [client, r1.lan] }
                  - { ends: [r1.mid, r2.mid], mtu: 1400 }
                  - { ends: [r2.wan, server] }
                ftp:
                  server: { host: server, files: { /pub/file.bin: 1MB } }
                  clients:
                    - { host: client, server: server, script: [login anonymous, get /pub/file.bin] }
                    - { host: client, server: 2001:db8:2::10, script: [login anonymous, get /pub/file.bin] }
                """);
        final Scenario s = ScenarioLoader.load(file);
        final List<FtpSessionRecord> rs = ScenarioRunner.run(s, s.seed(), dir).rows().stream()
                .map(Results.Row::record).toList();
        assertEquals(2, rs.size());
        assertEquals(List.of(), rs.stream().filter(r -> !r.ok()).map(r -> r.identity() + ": " + r.reasonText())
                .toList());
        assertEquals(List.of(1_000_000L, 1_000_000L), rs.stream().map(r -> r.transfer().bytes()).toList());
    }
}
