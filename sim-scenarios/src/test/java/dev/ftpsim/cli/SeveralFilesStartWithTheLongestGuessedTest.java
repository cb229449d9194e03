package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpsim run} of several files starts the longest first ({@link RunCost}'s guess): the
 * guess must rank the examples as their runs take (scale-5000-clients ~6 s, conntrack-storm's 2000
 * short sessions and sweep-mode-x-loss's 20 downloads of 10 MB a fraction of that, one client a
 * few milliseconds), or the long file listed late runs alone at the end again.
 */
class SeveralFilesStartWithTheLongestGuessedTest {
    private static long guess(final String example) throws Exception {
        return RunCost.packets(Ftpsim.load(Path.of("../examples", example)));
    }

    @Test
    void theGuessRanksTheExamplesAsTheirRunsTake() throws Exception {
        final long scale = guess("scale-5000-clients.yaml");
        final long sweep = guess("sweep-mode-x-loss.yaml");
        final long storm = guess("conntrack-storm.yaml");
        final long one = guess("passive-client-fw.yaml");
        assertTrue(scale > 10 * sweep && scale > 10 * storm, scale + " against " + sweep + " and " + storm);
        assertTrue(sweep > 100 * one && storm > 100 * one, sweep + " and " + storm + " against " + one);
    }
}
