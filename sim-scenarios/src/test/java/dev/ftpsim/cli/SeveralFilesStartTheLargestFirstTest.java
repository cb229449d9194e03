package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpsim run a.yaml b.yaml ...} on several threads starts the files likely to take longest
 * first, so that a storm of thousands of sessions given last does not run alone at the end: the
 * ranking it starts them by.
 */
class SeveralFilesStartTheLargestFirstTest {
    private static long size(final String example) throws Exception {
        return MultiRun.size(Ftpsim.load(Path.of("..", "examples", example + ".yaml")));
    }

    @Test
    void moreSessionsRankHigher() throws Exception {
        assertTrue(size("scale-5000-clients") > size("conntrack-storm"));
        assertTrue(size("conntrack-storm") > size("long-transfer-trap"));
        assertTrue(size("conntrack-storm") > size("passive-client-fw"));
    }
}
