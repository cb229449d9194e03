package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal damaged by hand or by another program: a line of another sweep, bytes that are not
 * text, a folder where the file should be. Each is refused naming the file and line, running
 * nothing, or (a torn last line) safely run again; never resumed with numbers that are not this
 * sweep's.
 */
class ADamagedJournalIsNeverResumedSilentlyTest {
    @TempDir
    Path tmp;

    private final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), 3, 5L);
    private Path whole;
    private Path out;

    @BeforeEach
    void aFinishedSweep() throws Exception {
        whole = tmp.resolve("whole");
        Sweep.run(spec, new FakeSimulation(), options(whole));
        out = tmp.resolve("out");
    }

    private static SweepOptions options(final Path dir) {
        return new SweepOptions(dir, 1, SweepOptions.Progress.OFF, false);
    }

    /** {@code out}: the finished sweep's header and first two points, then {@code tail}. */
    private void journal(final byte[] tail) throws IOException {
        Files.createDirectories(out);
        Files.copy(whole.resolve("sweep.json"), out.resolve("sweep.json"));
        final List<String> lines = Files.readAllLines(whole.resolve("points.jsonl"));
        final byte[] head = (lines.get(0) + "\n" + lines.get(1) + "\n").getBytes(StandardCharsets.UTF_8);
        final byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        Files.write(out.resolve("points.jsonl"), all);
    }

    private String refused() throws Exception {
        final byte[] before = Files.readAllBytes(out.resolve("points.jsonl"));
        final var sim = new FakeSimulation();
        final var e = assertThrows(IOException.class, () -> Sweep.run(spec, sim, options(out)));
        assertEquals(0, sim.invocations.get());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("points.jsonl")));
        return e.getMessage();
    }

    @Test
    void aLineOfASweepWithAnotherSeedIsRefused() throws Exception {
        final Path other = tmp.resolve("other");
        Sweep.run(new SweepSpec(FakeSimulation.grid(), 3, 6L), new FakeSimulation(), options(other));
        journal((Files.readAllLines(other.resolve("points.jsonl")).get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        final String msg = refused();
        assertEquals(out.resolve("points.jsonl") + " line 3 is damaged (point 2 'active-0.01' has seed "
                + SweepSeeds.seed(6L, 2, 0) + " for replication 1, this sweep " + SweepSeeds.seed(5L, 2, 0)
                + ": the line is another sweep's); delete the folder, or run with --restart, to start over", msg);
    }

    @Test
    void aLineOfBytesThatAreNotTextIsRefusedNamingTheLine() throws Exception {
        journal(new byte[] {0, (byte) 0xff, (byte) 0xfe, 'x', '\n'});
        assertEquals(out.resolve("points.jsonl") + " line 3 is damaged (bytes that are not UTF-8 text); delete the"
                + " folder, or run with --restart, to start over", refused());
    }

    @Test
    void aFolderInPlaceOfTheJournalIsRefusedNamingIt() throws Exception {
        Files.createDirectories(out.resolve("points.jsonl"));
        Files.copy(whole.resolve("sweep.json"), out.resolve("sweep.json"));
        final var sim = new FakeSimulation();
        final var e = assertThrows(IOException.class, () -> Sweep.run(spec, sim, options(out)));
        assertEquals(0, sim.invocations.get());
        assertEquals(out.resolve("points.jsonl") + " is not a file, so this folder holds no journal ftpsim can read;"
                + " use another output folder, or remove it", e.getMessage());
    }

    @Test
    void aTornLastLineOfAnyBytesIsRunAgainToTheUninterruptedSweepsFiles() throws Exception {
        // A kill in mid-append leaves any prefix of the line, cut inside a character too.
        journal(new byte[] {'{', '"', 'p', (byte) 0xc3});
        final var sim = new FakeSimulation();
        final SweepResult r = Sweep.run(spec, sim, options(out));
        assertEquals(2, r.pointsResumed());
        assertEquals((spec.points().size() - 2) * spec.replications(), sim.invocations.get());
        for (final String f : List.of("points.jsonl", "results.csv", "runs.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }
}
