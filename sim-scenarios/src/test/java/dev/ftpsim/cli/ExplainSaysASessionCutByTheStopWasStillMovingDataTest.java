package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aLongerStopIsTriedAndWorks() throws Exception {
        final Cli r = Cli.run("run", Bottleneck.write(tmp, "4s", "8 packets", "0.05").toString(),
                "--no-progress", "--out", tmp.resolve("out").toString());
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
        final Cli r = Cli.run("run", Bottleneck.write(tmp, "120s", "8 packets", "0.35").toString(),
                "--no-progress", "--out", tmp.resolve("lossy").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("its script would end about"), r.out());
        assertTrue(r.out().contains("link lost"), r.out());
        assertTrue(!r.out().contains("run longer"), "more than ten times the stop is not tried: " + r.out());
    }
}
