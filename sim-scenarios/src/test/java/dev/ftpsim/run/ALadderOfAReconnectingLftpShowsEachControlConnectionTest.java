package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The ladder of an lftp session over two control connections: the first one's PASV and its refused
 * data connection, then 15 s after the first connect a second control connection with PORT and the
 * file. Before, the ladder kept the first control connection's port only and left the second out.
 */
class ALadderOfAReconnectingLftpShowsEachControlConnectionTest {
    @Test
    void bothControlConnectionsAndBothDataConnectionsAreDrawn() throws Exception {
        final Scenario s = ScenarioLoader.parse("""
                name: lftp-reconnect
                seed: 1
                stop: 60s
                hosts:
                  client: { address: 198.51.100.10/24, gateway: 198.51.100.1 }
                  server: { address: 203.0.113.10/24, gateway: 203.0.113.1 }
                routers:
                  fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, fw.lan], bandwidth: 100Mbps, delay: 5ms }
                  - { ends: [fw.wan, server], bandwidth: 100Mbps, delay: 5ms }
                firewall:
                  fw:
                    forward:
                      rules:
                        - tcp dport 30000-30100 reject with tcp reset
                ftp:
                  server: { host: server, passive-ports: 30000-30100, pasv-address: 10.0.0.5, files: { /f.bin: 50KB } }
                  clients:
                    - { host: client, profile: lftp, script: [login anonymous, get /f.bin] }
                """, "t.yaml", Path.of("."));
        final String mmd = LadderDrawing.draw(s, 1, 0, 0, "0").mermaid();
        assertTrue(mmd.contains("session 0: ok"), mmd);
        assertTrue(mmd.contains("[control] PASV"), mmd);
        assertTrue(mmd.contains("[data 1] SYN"), mmd);
        assertTrue(mmd.contains("15000.000 ms [control 2] SYN"), mmd);
        assertTrue(mmd.contains("[control 2] PORT 198,51,100,10,"), mmd);
        assertTrue(mmd.contains("[control 2] 226 Transfer complete."), mmd);
        assertTrue(mmd.contains("[data 2] SYN 203.0.113.10:"), mmd);
    }
}
