package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGKILL of a sweep's JVM, then a resume in this one. */
class SweepKillTest {
    private static final int STOP_AT = 3;

    @TempDir
    Path tmp;

    static SweepSpec spec() {
        return new SweepSpec(FakeSimulation.grid(), 3, 2026L);
    }

    @Test
    void aSweepKilledWithSigkillResumesToTheSameFileRunningOnlyTheMissingPoints() throws Exception {
        final Path out = tmp.resolve("killed");
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KillableSweepMain.class.getName(), out.toString(), Integer.toString(STOP_AT))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            // The child blocks at point 3; wait (generously, the machine may be busy) for points 0..2.
            final Path journal = out.resolve("points.jsonl");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines(journal) < STOP_AT && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), () -> "child exited early: " + read(tmp.resolve("child.log")));
            assertEquals(STOP_AT, lines(journal));
        } finally {
            child.destroyForcibly().waitFor();
        }

        final var resumed = new FakeSimulation();
        final SweepResult r = Sweep.run(spec(), resumed, new SweepOptions(out, 2, SweepOptions.Progress.OFF, false));
        assertEquals(STOP_AT, r.pointsResumed());
        assertEquals((spec().points().size() - STOP_AT) * spec().replications(), resumed.invocations.get());

        final Path whole = tmp.resolve("whole");
        Sweep.run(spec(), new FakeSimulation(), new SweepOptions(whole, 1, SweepOptions.Progress.OFF, false));
        assertArrayEquals(Files.readAllBytes(whole.resolve("results.csv")), Files.readAllBytes(out.resolve("results.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("runs.csv")), Files.readAllBytes(out.resolve("runs.csv")));
        // Threads may finish points out of order; the finished journal is rewritten in the points' order.
        assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.json")), Files.readAllBytes(out.resolve("sweep.json")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("points.jsonl")), Files.readAllBytes(out.resolve("points.jsonl")));
    }

    private static long lines(final Path f) throws Exception {
        if (!Files.exists(f)) {
            return 0;
        }
        final String s = Files.readString(f);
        return s.chars().filter(c -> c == '\n').count();
    }

    private static String read(final Path f) {
        try {
            return Files.readString(f);
        } catch (final Exception e) {
            return e.toString();
        }
    }
}
