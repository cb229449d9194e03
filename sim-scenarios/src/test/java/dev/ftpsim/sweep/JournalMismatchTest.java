package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalMismatchTest {
    @TempDir
    Path tmp;

    private final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), 3, 5L);
    private byte[] journalBefore;

    @BeforeEach
    void aFinishedSweep() throws Exception {
        Sweep.run(spec, new FakeSimulation(), options());
        journalBefore = Files.readAllBytes(tmp.resolve("points.jsonl"));
    }

    private SweepOptions options() {
        return new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false);
    }

    private String refused(final SweepSpec other) throws Exception {
        final var sim = new FakeSimulation();
        final var e = assertThrows(SweepMismatchException.class, () -> Sweep.run(other, sim, options()));
        assertEquals(0, sim.invocations.get());
        assertArrayEquals(journalBefore, Files.readAllBytes(tmp.resolve("points.jsonl")));
        return e.getMessage();
    }

    @Test
    void otherReplicationsAreRefused() throws Exception {
        assertEquals("output folder " + tmp + " holds another sweep: its journal has 3 replications per point,"
                + " this sweep 4; use another output folder, or --restart to start over",
                refused(new SweepSpec(spec.points(), 4, 5L)));
    }

    @Test
    void anotherSeedIsRefused() throws Exception {
        assertEquals("output folder " + tmp + " holds another sweep: its journal has seed 5, this sweep 6;"
                + " use another output folder, or --restart to start over",
                refused(new SweepSpec(spec.points(), 3, 6L)));
    }

    @Test
    void aChangedPointIsRefusedNamingIt() throws Exception {
        final var points = new ArrayList<>(spec.points());
        points.set(1, SweepPoint.of("active-0.001", "mode", "active", "loss", "0.002"));
        assertEquals("output folder " + tmp + " holds another sweep: point 2 is 'active-0.001' {mode=active, loss=0.001}"
                + " in its journal, 'active-0.001' {mode=active, loss=0.002} in this sweep;"
                + " use another output folder, or --restart to start over",
                refused(new SweepSpec(points, 3, 5L)));
    }

    @Test
    void anExtraPointIsRefused() throws Exception {
        final var points = new ArrayList<>(spec.points());
        points.add(SweepPoint.of("extra", "mode", "active", "loss", "0.1"));
        assertEquals("output folder " + tmp + " holds another sweep: its journal has 6 points, this sweep 7;"
                + " use another output folder, or --restart to start over",
                refused(new SweepSpec(points, 3, 5L)));
    }

    @Test
    void aSweepFileThatIsNoSweepIsRefused() throws Exception {
        Files.writeString(tmp.resolve("sweep.json"), "hello\n");
        final String msg = refused(spec);
        assertEquals(true, msg.startsWith(tmp.resolve("sweep.json") + " is not a sweep journal"), msg);
    }

    @Test
    void aJournalOfTheOldFormWhoseFirstLineIsNoSweepIsRefused() throws Exception {
        Files.delete(tmp.resolve("sweep.json"));
        Files.writeString(tmp.resolve("points.jsonl"), "hello\n");
        journalBefore = Files.readAllBytes(tmp.resolve("points.jsonl"));
        final String msg = refused(spec);
        assertEquals(true, msg.startsWith(tmp.resolve("points.jsonl") + " is not a sweep journal"), msg);
    }
}
