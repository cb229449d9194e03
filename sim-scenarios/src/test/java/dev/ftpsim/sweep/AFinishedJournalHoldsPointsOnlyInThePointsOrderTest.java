package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code points.jsonl} holds points only (the sweep is in {@code sweep.json}), and once every point
 * is in it is the same bytes whichever point finished first: a runner that hands the points back
 * last to first (as a cluster may) leaves the journal of a one-thread sweep.
 */
class AFinishedJournalHoldsPointsOnlyInThePointsOrderTest {
    @TempDir
    Path tmp;

    private final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), 2, 11L);

    @Test
    void pointsFinishedLastToFirstAreWrittenInTheirOrder() throws Exception {
        final Path inOrder = tmp.resolve("in-order");
        Sweep.run(spec, new FakeSimulation(), new SweepOptions(inOrder, 1, SweepOptions.Progress.OFF, false));
        final Path backwards = tmp.resolve("backwards");
        final var task = new FakeSimulation();
        final List<String> seenMidway = new ArrayList<>();
        final Sweep.Runner reversed = (s, points, done) -> {
            for (int i = points.size() - 1; i >= 0; i--) {
                for (int r = 0; r < s.replications(); r++) {
                    done.accept(points.get(i), r, Sweep.replication(s, task, points.get(i), r));
                }
                if (i == 1) {
                    seenMidway.addAll(Files.readAllLines(backwards.resolve("points.jsonl")));
                }
            }
        };
        Sweep.run(spec, reversed, new SweepOptions(backwards, 1, SweepOptions.Progress.OFF, false));

        // Mid-way the journal is in finishing order: the last point first.
        assertTrue(seenMidway.get(0).startsWith("{\"point\":" + (spec.points().size() - 1) + ","), seenMidway.get(0));
        assertArrayEquals(Files.readAllBytes(inOrder.resolve("points.jsonl")),
                Files.readAllBytes(backwards.resolve("points.jsonl")));
        assertArrayEquals(Files.readAllBytes(inOrder.resolve("sweep.json")),
                Files.readAllBytes(backwards.resolve("sweep.json")));
        final List<String> lines = Files.readAllLines(backwards.resolve("points.jsonl"));
        assertEquals(spec.points().size(), lines.size());
        for (int p = 0; p < lines.size(); p++) {
            assertTrue(lines.get(p).startsWith("{\"point\":" + p + ","), lines.get(p));
            assertFalse(lines.get(p).contains("\"format\""), lines.get(p));
        }
        assertTrue(Files.readString(backwards.resolve("sweep.json")).startsWith("{\"format\":\"ftpsim-sweep-journal/4\""));
    }
}
