package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile scenario or ruleset file is bad input, through the command line as a user runs
 * it: {@code validate} and {@code run} exit 2 within seconds, every line of stderr starts with
 * {@code file:line:column:} (the first at the position the case expects), no stack trace, no
 * echo of a long token, and {@code run} creates no output folder.
 */
class HostileFilesAreBadInputTest {
    /** Longest stderr accepted: the errors of one hostile file, never a quoted megabyte. */
    private static final int MAX_ERR = 4000;

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyHostileFileIsAnsweredWithExit2AndAPosition() throws Exception {
        final List<HostileCorpus.Case> cases = new ArrayList<>(HostileCorpus.committed());
        final int committed = cases.size();
        cases.addAll(HostileCorpus.generated(Files.createDirectories(tmp.resolve("generated")), 100_000));
        assertTrue(committed >= 100 && cases.size() >= 150, committed + " committed, " + cases.size() + " in all");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(c))));
    }

    private static void check(final HostileCorpus.Case c) {
        final String[] v = Cli.execute("validate", c.file().toString());
        assertBadInput(c, v);
        final Path out = tmp.resolve("out").resolve(c.name().replace('/', '_'));
        final String[] r = Cli.execute("run", c.file().toString(), "--out", out.toString(), "--no-progress");
        assertBadInput(c, r);
        assertFalse(Files.exists(out), "run created " + out);
    }

    private static void assertBadInput(final HostileCorpus.Case c, final String[] result) {
        final String err = result[2];
        assertEquals("2", result[0], c + ": " + err);
        assertEquals("", result[1], c + " printed to stdout");
        assertTrue(err.length() < MAX_ERR, c + ": " + err.length() + " characters on stderr");
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("internal error")
                || err.contains("[Source"), err);
        final String prefix = c.file().toString() + ":";
        final List<String> lines = err.lines().toList();
        assertFalse(lines.isEmpty(), c + ": nothing on stderr");
        for (final String line : lines) {
            assertTrue(line.startsWith(prefix) && line.substring(prefix.length()).matches("\\d+:\\d+: .+"),
                    c + ": not file:line:column: " + line);
        }
        if (c.position() != null) {
            assertTrue(lines.get(0).startsWith(prefix + c.position() + ": "), c + " expected at " + c.position()
                    + ": " + lines.get(0));
        }
    }
}
