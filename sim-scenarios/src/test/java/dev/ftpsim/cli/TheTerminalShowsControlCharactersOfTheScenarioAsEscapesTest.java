package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule's comment may hold any character but a quote (as nft's), and a scenario's name any but
 * C0 controls and slashes: the run's table on the terminal shows an ESC, a C1 control or a bidi
 * override as an escape, so the text cannot colour, clear or reorder the terminal.
 */
class TheTerminalShowsControlCharactersOfTheScenarioAsEscapesTest {
    @TempDir
    Path tmp;

    @Test
    void anEscInARuleCommentAndABidiOverrideInTheNameAreShownAsEscapes() throws Exception {
        final Path file = tmp.resolve("s.yaml");
        Files.writeString(file, Files.readString(Path.of("../examples/active-client-fw.yaml"))
                .replace("name: active-client-fw", "name: \"a\\u0085b\\u202Ec\"")
                .replace("- iif wan drop", "- \"iif wan drop comment \\\"x\\e[2Jy\\\"\""));
        final Cli r = Cli.run("run", file.toString(), "--no-progress", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("drops fw: forward rule 3: iif wan drop comment \"x\\u001B[2Jy\"  10\n"), r.out());
        assertTrue(r.out().contains("  a\\u0085b\\u202Ec (seed 1)\n"), r.out());
        assertFalse(r.out().chars().anyMatch(c -> c == 0x1B || c == 0x85 || c == 0x202E), r.out());
    }

    @Test
    void traceAndLadderShowAnEscInARuleCommentAsAnEscape() throws Exception {
        final Path file = tmp.resolve("s.yaml");
        Files.writeString(file, Files.readString(Path.of("../examples/active-client-fw.yaml"))
                .replace("name: active-client-fw", "name: \"a\\u202Eb\"")
                .replace("- iif wan drop", "- \"iif wan drop comment \\\"x\\e[2Jy\\\"\""));
        final Cli trace = Cli.run("trace", file.toString(), "--session", "0");
        assertEquals(0, trace.exit(), trace.err());
        assertTrue(trace.out().contains(" forward rule iif wan drop comment \"x\\u001B[2Jy\" (verdict drop)\n"),
                trace.out());
        final Cli ladder = Cli.run("ladder", file.toString(), "--out", tmp.resolve("ladder").toString());
        assertEquals(0, ladder.exit(), ladder.err());
        assertTrue(ladder.out().startsWith("a\\u202Eb, session 0: "), ladder.out());
        for (final String out : new String[] {trace.out(), ladder.out()}) {
            assertFalse(out.chars().anyMatch(c -> c == 0x1B || c == 0x202E), out);
        }
    }
}
