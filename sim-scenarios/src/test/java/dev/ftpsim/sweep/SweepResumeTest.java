package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepResumeTest {
    private static final int REPS = 4;

    @TempDir
    Path tmp;

    private final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), REPS, 99L);

    private SweepOptions options(final String dir, final int threads) {
        return new SweepOptions(tmp.resolve(dir), threads, SweepOptions.Progress.OFF, false);
    }

    private byte[] uninterrupted() throws Exception {
        Sweep.run(spec, new FakeSimulation(), options("whole", 2));
        return Files.readAllBytes(tmp.resolve("whole/results.csv"));
    }

    @Test
    void aSweepKilledAfterThreePointsResumesToTheSameFileWithoutRerunningThem() throws Exception {
        final var sim = new FakeSimulation();
        final var calls = new AtomicInteger();
        // Dies at the first replication of the fourth point: points 0..2 are finished.
        final SweepTask dying = (point, seed) -> {
            if (point.name().equals(spec.points().get(3).name())) {
                throw new IllegalStateException("killed");
            }
            calls.incrementAndGet();
            return sim.run(point, seed);
        };
        final var failure = assertThrows(SweepFailedException.class, () -> Sweep.run(spec, dying, options("cut", 1)));
        assertEquals(3, failure.pointIndex());
        assertEquals(0, failure.replication());
        assertEquals(SweepSeeds.seed(99L, 3, 0), failure.seed());
        assertEquals(3 * REPS, calls.get());
        assertEquals(3, Files.readAllLines(tmp.resolve("cut/points.jsonl")).size());
        assertEquals(1 + 3, Files.readAllLines(tmp.resolve("cut/results.csv")).size());

        final var resumed = new FakeSimulation();
        final SweepResult r = Sweep.run(spec, resumed, options("cut", 2));
        assertEquals(3 * REPS, resumed.invocations.get());
        assertEquals(3, r.pointsResumed());
        assertEquals(3, r.pointsRun());
        assertArrayEquals(uninterrupted(), Files.readAllBytes(tmp.resolve("cut/results.csv")));
    }

    @Test
    void anInterruptedSweepStopsAndResumesToTheSameFile() throws Exception {
        final var firstRun = new AtomicInteger();
        final Thread[] runner = new Thread[1];
        final Throwable[] thrown = new Throwable[1];
        runner[0] = new Thread(() -> {
            try {
                Sweep.run(spec, (point, seed) -> {
                    // Like Ctrl-C after two points: interrupt the sweep, then block until cancelled.
                    if (spec.points().indexOf(point) == 2) {
                        runner[0].interrupt();
                        new java.util.concurrent.CountDownLatch(1).await(); // until the sweep cancels us
                    }
                    firstRun.incrementAndGet();
                    return new FakeSimulation().run(point, seed);
                }, options("int", 1));
            } catch (final Throwable t) {
                thrown[0] = t;
            }
        });
        runner[0].start();
        runner[0].join(30_000);
        assertTrue(thrown[0] instanceof InterruptedException, String.valueOf(thrown[0]));
        assertEquals(2 * REPS, firstRun.get());

        final var resumed = new FakeSimulation();
        Sweep.run(spec, resumed, options("int", 2));
        assertEquals(4 * REPS, resumed.invocations.get());
        assertArrayEquals(uninterrupted(), Files.readAllBytes(tmp.resolve("int/results.csv")));
    }

    @Test
    void aTornLastJournalLineIsDroppedAndThatPointRunsAgain() throws Exception {
        Sweep.run(spec, new FakeSimulation(), options("torn", 2));
        final Path journal = tmp.resolve("torn/points.jsonl");
        final List<String> lines = Files.readAllLines(journal);
        // As if killed in the middle of appending the last point.
        final String cut = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
                + lines.get(lines.size() - 1).substring(0, 40);
        Files.writeString(journal, cut, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

        final var resumed = new FakeSimulation();
        Sweep.run(spec, resumed, options("torn", 2));
        assertEquals(REPS, resumed.invocations.get());
        assertEquals(lines, Files.readAllLines(journal));
        assertArrayEquals(uninterrupted(), Files.readAllBytes(tmp.resolve("torn/results.csv")));
    }

    @Test
    void aFinishedSweepRunAgainRunsNothing() throws Exception {
        Sweep.run(spec, new FakeSimulation(), options("done", 2));
        final var again = new FakeSimulation();
        final SweepResult r = Sweep.run(spec, again, options("done", 2));
        assertEquals(0, again.invocations.get());
        assertEquals(spec.points().size(), r.pointsResumed());
        assertEquals(spec.points().size(), r.rows().size());
    }

    @Test
    void aTaskReturningNullFailsNamingThePoint() {
        final var e = assertThrows(SweepFailedException.class,
                () -> Sweep.run(spec, (p, s) -> p.name().equals("passive-0") ? null : Map.of("x", 1.0), options("null", 1)));
        assertTrue(e.getMessage().contains("point 'passive-0' {mode=passive, loss=0}, replication 1"), e.getMessage());
        assertTrue(e.getMessage().contains("returned no metrics"), e.getMessage());
    }
}
