package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file with many mistakes reports all of them in one go, sorted by position, one per line. */
class AllErrorsAtOnceTest {
    static final String BROKEN = """
            name: broken
            stop: -1s
            hosts:
              client:
                address: 198.51.100.10/24
                gatway: 198.51.100.1
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - ends: [client, fw.lan]
                bandwidth: 100Mbs
              - { ends: [fw.wan, server], loss: 1.5 }
            firewall:
              fw:
                forward:
                  policy: drop
                  rules:
                    - ct state established,related acept
                    - iif lan0 accept
            ftp:
              server: { host: server, passive-ports: 30100-30000 }
              clients:
                - { host: client, sessions: -1, profile: curll }
            """;

    @Test
    void everyErrorOfTheFileIsReportedSortedByLine() {
        final ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(BROKEN, "broken.yaml", Path.of(".")));
        assertEquals(List.of(
                "broken.yaml:2:7: stop",
                "broken.yaml:6:5: hosts.client.gatway",
                "broken.yaml:12:16: links[0].bandwidth",
                "broken.yaml:13:37: links[1].loss",
                "broken.yaml:19:40: firewall.fw.forward.rules[0]",
                "broken.yaml:20:15: firewall.fw.forward.rules[1]",
                "broken.yaml:22:42: ftp.server.passive-ports",
                "broken.yaml:24:33: ftp.clients[0].sessions",
                "broken.yaml:24:46: ftp.clients[0].profile"),
                e.errors().stream().map(x -> x.file() + ":" + x.line() + ":" + x.column() + ": " + x.path()).toList());
    }

    @Test
    void theMessagePrintsOneErrorPerLine() {
        final ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(BROKEN, "broken.yaml", Path.of(".")));
        final String[] lines = e.getMessage().split("\n");
        assertEquals(9, lines.length);
        assertEquals("broken.yaml:2:7: stop: bad duration '-1s': a duration cannot be negative; expected a number"
                + " followed by ns, us, ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)", lines[0]);
        assertEquals("broken.yaml:24:46: ftp.clients[0].profile: unknown client profile 'curll' (did you mean"
                + " 'curl'?); expected one of curl, lftp, filezilla, python-ftplib, commons-net, windows-ftp", lines[8]);
    }

    @Test
    void anErrorWithoutAPositionPrintsTheFileAlone() {
        assertEquals("x.yaml: cannot read", new ScenarioError("x.yaml", -1, -1, "", "cannot read").toString());
    }
}
