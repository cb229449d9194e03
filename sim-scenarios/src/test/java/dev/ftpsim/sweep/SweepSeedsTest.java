package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSeedsTest {
    @TempDir
    Path tmp;

    @Test
    void stepIsSplitMix64() {
        // First output of SplitMix64 seeded with 0 (reference implementation, Vigna's splitmix64.c).
        assertEquals(0xE220A8397B1DCDAFL, SweepSeeds.step(0));
    }

    @Test
    void derivationIsTheDocumentedComposition() {
        final long m = 42;
        assertEquals(SweepSeeds.step(SweepSeeds.step(SweepSeeds.step(m) ^ 3) ^ 7), SweepSeeds.seed(m, 3, 7));
    }

    @Test
    void seedsOfAGridAreDistinctAcrossPointsReplicationsAndMasterSeeds() {
        final Set<Long> seen = new HashSet<>();
        for (long master = 0; master < 4; master++) {
            for (int p = 0; p < 200; p++) {
                for (int r = 0; r < 50; r++) {
                    seen.add(SweepSeeds.seed(master, p, r));
                }
            }
        }
        assertEquals(4 * 200 * 50, seen.size());
    }

    @Test
    void everyTaskGetsTheSameSeedWhateverTheThreadCount() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.grid(), 5, 1234L);
        final Map<String, TreeMap<Long, Integer>> one = seedsUsed(spec, 1);
        assertEquals(one, seedsUsed(spec, 2));
        assertEquals(one, seedsUsed(spec, 4));
        // And they are the documented ones.
        for (int p = 0; p < spec.points().size(); p++) {
            final var expected = new TreeMap<Long, Integer>();
            for (int r = 0; r < 5; r++) {
                expected.merge(SweepSeeds.seed(1234L, p, r), 1, Integer::sum);
            }
            assertEquals(expected, one.get(spec.points().get(p).name()));
        }
    }

    private Map<String, TreeMap<Long, Integer>> seedsUsed(final SweepSpec spec, final int threads) throws Exception {
        final Map<String, TreeMap<Long, Integer>> used = new ConcurrentHashMap<>();
        Sweep.run(spec, (point, seed) -> {
            synchronized (used) {
                used.computeIfAbsent(point.name(), k -> new TreeMap<>()).merge(seed, 1, Integer::sum);
            }
            return Map.of("x", 1.0);
        }, new SweepOptions(tmp.resolve("t" + threads), threads, SweepOptions.Progress.OFF, false));
        return used;
    }
}
