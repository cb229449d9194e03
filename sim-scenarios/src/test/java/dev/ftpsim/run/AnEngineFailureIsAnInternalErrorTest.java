package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line took every IllegalArgumentException for bad input: one that sim-core threw
 * while running a scenario that loaded (a scheduled time past the clock's end: {@code stop:
 * 106751d} with a session at {@code 106750d} and a 5000-day reply timeout) exited 2, "bad input",
 * with the engine's "cannot schedule at t=-8791544073689536256ns: it is in the past" naming no
 * file, line or key. The file was valid; the failure is ftpsim's: exit 3, "internal error, please
 * report it", nothing written, in each command that runs a scenario.
 */
class AnEngineFailureIsAnInternalErrorTest {
    private static final String INTERNAL = "ftpsim: internal error, please report it: dev.ftpsim.run.EngineFailure:"
            + " the simulation failed at 0s simulated: an engine limit injected";

    @TempDir
    Path dir;

    @AfterEach
    void noMoreFailures() {
        Simulation.failForTest = null;
    }

    private Path scenario(final String name) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), Fixture.NET + """
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                    - { host: client, server: 203.0.113.10, mode: passive }
                """);
    }

    @Test
    void aRunExitsThreeAndWritesNothing() throws Exception {
        final Path f = scenario("s");
        final Path out = dir.resolve("out");
        Simulation.failForTest = new IllegalArgumentException("an engine limit injected");
        final String[] r = Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("3", r[0], r[2]);
        assertEquals(INTERNAL + "\n", r[2]);
        assertFalse(Files.exists(out), "wrote " + out);
    }

    @Test
    void aRunOfSeveralFilesCallsTheFileAnInternalError() throws Exception {
        final Path a = scenario("a");
        final Path b = scenario("b");
        Simulation.failForTest = new IllegalArgumentException("an engine limit injected");
        final String[] r = Cli.execute("run", a.toString(), b.toString(), "--out", dir.resolve("out").toString(),
                "--no-progress", "--threads", "1");
        assertEquals("3", r[0], r[2]);
        assertTrue(r[2].contains(a + ": internal error, please report it: dev.ftpsim.run.EngineFailure:"), r[2]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith(a.toString()) && l.contains("internal error")), r[1]);
        assertFalse(Files.exists(dir.resolve("out").resolve("a")), "wrote out/a");
    }

    @Test
    void channelsAndTraceExitThree() throws Exception {
        final Path f = scenario("s");
        Simulation.failForTest = new IllegalArgumentException("an engine limit injected");
        for (final String[] r : new String[][] {Cli.execute("channels", f.toString()),
                Cli.execute("trace", f.toString(), "--session", "0")}) {
            assertEquals("3", r[0], r[2]);
            assertEquals(INTERNAL + "\n", r[2]);
        }
    }
}
