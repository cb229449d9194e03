package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lftp in active mode behind a client firewall that drops new inbound connections: the server's
 * data connection never arrives, vsftpd answers 425, and lftp tries again every 2 s (net:max-retries
 * 1000), so the session is not finished at the stop. The explanation says what it keeps trying
 * after and tries the fixes for that failure, as it does for a curl session that fails at once:
 * before, it said "none of the advisor's fixes applies".
 */
class ExplainAnswersWhatAnLftpStillRetryingAtTheStopRetriesAfterTest {
    @Test
    void theBlockedActiveDataConnectionIsNamedAndTheHelperAndPassiveModeWork(@TempDir final Path dir)
            throws Exception {
        final String text = Files.readString(Path.of("..", "examples", "active-client-fw.yaml"))
                .replace("    - host: client\n", "    - host: client\n      profile: lftp\n");
        assertTrue(text.contains("profile: lftp"));
        final Path file = dir.resolve("lftp-active-client-fw.yaml");
        Files.writeString(file, text);
        final Explainer e = Explainer.of(file);
        final String md = e.explain(e.scenario().seed()).markdown();
        assertTrue(md.contains("- failed: not finished by the stop time"), md);
        assertTrue(md.contains("it was still trying again at the stop after: 425 data connection failed"), md);
        assertTrue(md.contains("- WORKS: assign the FTP helper at fw (1 of 1 ok)"), md);
        assertTrue(md.contains("- WORKS: switch the client to passive mode (PASV) (1 of 1 ok)"), md);
    }

    /** Reconnecting to a port a rule rejects on purpose: kept out by design, as a curl session that fails at once. */
    @Test
    void aPopulationReconnectingToAPortARuleRejectsIsKeptOutByDesign(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("lftp-refused.yaml");
        Files.writeString(file, """
                name: lftp-refused
                seed: 1
                stop: 120s
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
                        - tcp dport 21 reject with tcp reset
                ftp:
                  server: { host: server, files: { /pub/file.bin: 500KB } }
                  clients:
                    - { host: client, profile: lftp, script: [login anonymous, get /pub/file.bin] }
                """);
        final Explainer e = Explainer.of(file);
        final String md = e.explain(e.scenario().seed()).markdown();
        assertTrue(md.contains("it was still trying again at the stop after: control connect refused"), md);
        assertTrue(md.contains("keeps this population out by design"), md);
        // its connects at 0, 15, 37.5 and 71 s counted; it never got as far as a data setup, so no mode is named
        assertTrue(md.contains("- it had tried again when the run stopped: no data setup sent, on 4 control"
                + " connections\n"), md);
    }
}
