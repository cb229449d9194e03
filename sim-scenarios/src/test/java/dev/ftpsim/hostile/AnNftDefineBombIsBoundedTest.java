package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty lines of nft defines, each naming the one before twice, would expand to 2^40 words (the
 * loader ran out of memory with a stack trace, exit 1): the words variables expand to are
 * bounded, and the file is bad input at the define where the bound is passed, exit 2, nothing
 * written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnNftDefineBombIsBoundedTest {
    @Test
    void aDefineThatDoublesAtEachLevelIsRefusedWhereItPassesTheBound(@TempDir final Path dir) throws Exception {
        final StringBuilder nft = new StringBuilder("define d0 = { 21, 22 }\n");
        for (int i = 1; i < 40; i++) {
            nft.append("define d").append(i).append(" = { $d").append(i - 1).append(", $d").append(i - 1).append(" }\n");
        }
        nft.append("table inet filter {\n  chain forward {\n    type filter hook forward priority filter;\n")
                .append("    tcp dport $d39 accept\n  }\n}\n");
        Files.writeString(dir.resolve("fw.nft"), nft);
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final Path out = dir.resolve("out");
        for (final String[] r : new String[][] {Cli.execute("validate", scenario.toString()),
                Cli.execute("run", scenario.toString(), "--out", out.toString(), "--no-progress")}) {
            assertEquals("2", r[0], r[2]);
            // the words expanded for d1 to d15 stay under the bound; d16, which names d15 twice, passes it
            assertTrue(r[2].startsWith(scenario + ":11:10: firewall.fw.nft: fw.nft:17:22: $d15: the file's variables"
                    + " expand to more than 1000000 words (a define naming another twice doubles at each level)\n"),
                    r[2].lines().findFirst().orElse(""));
            assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
        }
        assertFalse(Files.exists(out), "run wrote " + out);
    }
}
