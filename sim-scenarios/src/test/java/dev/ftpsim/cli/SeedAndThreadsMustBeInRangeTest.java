package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --seed} below 0 and {@code --threads} below 1 are usage errors: exit 2, nothing run or written. */
class SeedAndThreadsMustBeInRangeTest {

    @Test
    void aNegativeSeedIsRefusedByRunSweepLadderAndChannels(@TempDir final Path tmp) {
        for (final String cmd : new String[] {"run", "sweep", "ladder", "channels"}) {
            final Path out = tmp.resolve(cmd);
            final String[] r = cmd.equals("channels") ? Cli.execute(cmd, "--seed", "-1")
                    : Cli.execute(cmd, "../examples/sweep-mode-x-loss.yaml", "--seed", "-1", "--out", out.toString());
            assertEquals("2", r[0], cmd + ": " + r[2]);
            assertTrue(r[2].startsWith("Invalid value for option '--seed': -1 is negative: expected a whole number"
                    + " from 0 to 9223372036854775807\nUsage: ftpsim " + cmd), r[2]);
            assertFalse(Files.exists(out), cmd);
        }
    }

    @Test
    void fewerThanOneThreadIsRefusedByRunAndSweep(@TempDir final Path tmp) {
        for (final String cmd : new String[] {"run", "sweep"}) {
            for (final String n : new String[] {"0", "-3"}) {
                final Path out = tmp.resolve(cmd + n);
                final String[] r = Cli.execute(cmd, "../examples/sweep-mode-x-loss.yaml", "--threads", n, "--out",
                        out.toString());
                assertEquals("2", r[0], cmd + ": " + r[2]);
                assertTrue(r[2].startsWith("Invalid value for option '--threads': " + n + ": expected at least 1"
                        + " simulation at once\nUsage: ftpsim " + cmd), r[2]);
                assertFalse(Files.exists(out), cmd);
            }
        }
    }
}
