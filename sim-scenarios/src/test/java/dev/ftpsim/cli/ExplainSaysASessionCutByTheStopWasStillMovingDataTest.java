package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download through a lossy link and a router's short queue onto a slower link, run with a stop
 * too short for it: the sessions fail "not finished by the stop time". The explain section used to
 * say that none of its fixes applies and nothing else. It now says how far the session got and
 * at what rate, where packets were lost on the way, and tries a longer stop, which works.
 */
class ExplainSaysASessionCutByTheStopWasStillMovingDataTest {
    @TempDir
    Path tmp;

    private Path scenario(final String stop, final String loss) throws Exception {
        final Path f = tmp.resolve("slow.yaml");
        Files.writeString(f, """
                name: slow
                seed: 3
                stop: %s
                hosts:
                  client: { address: 10.0.1.10/24 }
                  server: { address: 10.0.2.10/24 }
                routers:
                  r: { interfaces: { lan: 10.0.1.1/24, wan: 10.0.2.1/24 } }
                links:
                  - { ends: [client, r.lan], bandwidth: 10Mbps, delay: 5ms, queue: 8 packets }
                  - { ends: [r.wan, server], bandwidth: 1Gbps, delay: 1ms, loss: %s }
                ftp:
                  server: { host: server, files: { /pub/file.bin: 2MB } }
                  clients:
                    - { host: client, server: 10.0.2.10, mode: passive, sessions: 2, arrivals: every 1s,
                        script: [login anonymous, get /pub/file.bin] }
                """.formatted(stop, loss));
        return f;
    }

    @Test
    void aLongerStopIsTriedAndWorks() throws Exception {
        final Cli r = Cli.run("run", scenario("4s", "0.05").toString(), "--no-progress", "--out",
                tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- failed: not finished by the stop time"), r.out());
        assertTrue(r.out().matches("(?s).*- it had moved [0-9,]+ of the script's 2,000,000 bytes at the stop, at"
                + " [0-9.]+ Mbit/s: its script would end about [0-9]+ s into the run\n.*"), r.out());
        assertTrue(r.out().contains("- r.lan's output queue was full: "), r.out());
        assertTrue(r.out().matches("(?s).*- r\\.wan's link lost [0-9]+ packets it sent in the run.*"), r.out());
        assertTrue(r.out().contains("- WORKS: run longer: stop at 14 s (2 of 2 ok)"), r.out());
        assertTrue(r.out().contains("`stop: 14s`"), r.out());
    }

    @Test
    void aTransferFarTooSlowGetsTheEstimateButNoTrial() throws Exception {
        final Cli r = Cli.run("run", scenario("120s", "0.35").toString(), "--no-progress", "--out",
                tmp.resolve("lossy").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("its script would end about"), r.out());
        assertTrue(r.out().contains("link lost"), r.out());
        assertTrue(!r.out().contains("run longer"), "more than ten times the stop is not tried: " + r.out());
    }
}
