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
 * A dual-stack office LAN on a switch: IPv6 sessions to a server behind the router and to a NAS on
 * the same segment succeed like the IPv4 one. A Linux bridge forwards IPv6 frames as any other
 * (neighbour discovery finds the station holding the address); ftpsim's switch knew its stations
 * by IPv4 address only, so an IPv6 frame found no station and every IPv6 session hung silently.
 */
class Ipv6CrossesASwitchTest {
    @Test
    void ipv6SessionsThroughASwitchSucceed(@TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("lan6.yaml"), """
                name: lan6
                seed: 1
                stop: 300s
                hosts:
                  pc1: { address: 192.168.1.11/24, address6: 2001:db8:1::11/64 }
                  nas: { address: 192.168.1.20/24, address6: 2001:db8:1::20/64 }
                  server: { address: 203.0.113.10/24, address6: 2001:db8:2::10/64 }
                switches:
                  sw: {}
                routers:
                  gw: { interfaces: { lan: [192.168.1.1/24, 2001:db8:1::1/64], wan: [203.0.113.1/24, 2001:db8:2::1/64] } }
                links:
                  - { ends: [pc1, sw] }
                  - { ends: [nas, sw] }
                  - { ends: [sw, gw.lan] }
                  - { ends: [gw.wan, server] }
                ftp:
                  servers:
                    - { host: server, files: { /f.bin: 100KB } }
                    - { host: nas, files: { /f.bin: 100KB } }
                  clients:
                    - { host: pc1, server: 2001:db8:2::10, mode: passive, sessions: 1, script: [login anonymous, get /f.bin] }
                    - { host: pc1, server: 2001:db8:2::10, mode: active, sessions: 1, script: [login anonymous, get /f.bin] }
                    - { host: pc1, server: 2001:db8:1::20, mode: passive, sessions: 1, script: [login anonymous, get /f.bin] }
                    - { host: pc1, server: server, mode: passive, sessions: 1, script: [login anonymous, get /f.bin] }
                """);
        final Scenario s = ScenarioLoader.load(file);
        final List<FtpSessionRecord> rs = ScenarioRunner.run(s, s.seed(), dir).rows().stream()
                .map(Results.Row::record).toList();
        assertEquals(4, rs.size());
        assertEquals(List.of(), rs.stream().filter(r -> !r.ok()).map(r -> r.identity() + ": " + r.reasonText())
                .toList());
    }
}
