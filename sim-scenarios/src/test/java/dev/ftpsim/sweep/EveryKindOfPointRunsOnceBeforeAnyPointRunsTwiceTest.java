package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep runs the first replication of its points (up to {@link Sweep#WARM_UP_POINTS}, spread
 * over the grid) before the others, so the JIT has seen every kind of point when it compiles the
 * simulation; after that, points run one after another, so they reach the journal one at a time.
 */
class EveryKindOfPointRunsOnceBeforeAnyPointRunsTwiceTest {
    @TempDir
    Path tmp;

    @Test
    void withOneThreadTheFirstReplicationOfEachPointRunsFirstThenPointByPoint() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.grid(), 3, 5L);
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final var fake = new FakeSimulation();
        Sweep.run(spec, (point, seed) -> {
            calls.add(point.name() + "#" + replication(spec, point, seed));
            return fake.run(point, seed);
        }, new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false));
        // grid(): active-0, active-0.001, active-0.01, passive-0, passive-0.001, passive-0.01.
        // Spread (bit-reversed) order: indexes 0, 4, 2, 1, 5, 3.
        assertEquals(List.of("active-0#0", "passive-0.001#0", "active-0.01#0", "active-0.001#0", "passive-0.01#0",
                "passive-0#0",
                "active-0#1", "active-0#2", "active-0.001#1", "active-0.001#2", "active-0.01#1", "active-0.01#2",
                "passive-0#1", "passive-0#2", "passive-0.001#1", "passive-0.001#2", "passive-0.01#1",
                "passive-0.01#2"), calls);
    }

    @Test
    void aBigSweepWarmsUpOnAFewPointsSpreadOverItAndRunsEachReplicationOnce() {
        final List<Integer> todo = IntStream.range(0, 100).boxed().toList();
        final List<int[]> order = Sweep.order(todo, 4);
        assertEquals(400, order.size());
        final Set<String> seen = new HashSet<>();
        order.forEach(pr -> assertTrue(seen.add(pr[0] + "#" + pr[1]), "ran twice: " + pr[0] + "#" + pr[1]));
        final List<Integer> warm = order.subList(0, Sweep.WARM_UP_POINTS).stream().map(pr -> pr[0]).toList();
        order.subList(0, Sweep.WARM_UP_POINTS).forEach(pr -> assertEquals(0, pr[1]));
        // Spread: the warm-up points reach the last eighth of the grid as well as the first.
        assertEquals(List.of(0, 64, 32, 96), warm.subList(0, 4));
        // Then point by point: point 0 is complete after its three other replications.
        assertEquals(List.of(0, 0, 0, 1), order.subList(16, 20).stream().map(pr -> pr[0]).toList());
    }

    /** Which replication of {@code point} ran with {@code seed}. */
    private static int replication(final SweepSpec spec, final SweepPoint point, final long seed) {
        final int p = spec.points().indexOf(point);
        for (int r = 0; r < spec.replications(); r++) {
            if (SweepSeeds.seed(spec.masterSeed(), p, r) == seed) {
                return r;
            }
        }
        throw new AssertionError("no replication of " + point.name() + " has seed " + seed);
    }
}
