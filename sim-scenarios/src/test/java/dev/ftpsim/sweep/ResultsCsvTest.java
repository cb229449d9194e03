package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {
    private static final long SEED = 7L;

    @TempDir
    Path tmp;

    /** Replication r of point p reports success_rate = r + 1 (p1) or 10 (r + 1) (p2), latency only for p1. */
    private static SweepTask byReplication(final SweepSpec spec) {
        final Map<Long, int[]> who = new HashMap<>();
        for (int p = 0; p < spec.points().size(); p++) {
            for (int r = 0; r < spec.replications(); r++) {
                who.put(SweepSeeds.seed(SEED, p, r), new int[] {p, r});
            }
        }
        return (point, seed) -> {
            final int[] pr = who.get(seed);
            final var m = new LinkedHashMap<String, Double>();
            m.put("success_rate", (pr[1] + 1) * (pr[0] == 0 ? 1.0 : 10.0));
            m.put("p50_latency_s", pr[0] == 0 ? 0.25 : Double.NaN);
            return m;
        };
    }

    @Test
    void oneRowPerPointWithParametersThenMeanIntervalAndCountPerMetric() throws Exception {
        final var spec = new SweepSpec(List.of(
                SweepPoint.of("p1", "mode", "passive", "loss", "0.001"),
                SweepPoint.of("p2", "mode", "a,b", "loss", "0.01")), 3, SEED);
        Sweep.run(spec, byReplication(spec), new SweepOptions(tmp, 2, SweepOptions.Progress.OFF, false));

        final List<String> lines = Files.readAllLines(tmp.resolve("results.csv"));
        assertEquals(3, lines.size());
        assertEquals("point,mode,loss,success_rate_mean,success_rate_ci95_low,success_rate_ci95_high,success_rate_n,"
                + "p50_latency_s_mean,p50_latency_s_ci95_low,p50_latency_s_ci95_high,p50_latency_s_n", lines.get(0));

        // 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.3026527, half width 4.3026527 / sqrt(3) = 2.4841377.
        assertTrue(lines.get(1).startsWith("p1,passive,0.001,"), lines.get(1));
        final String[] p1 = lines.get(1).split(",");
        assertEquals(2.0, Double.parseDouble(p1[3]));
        assertEquals(2 - 2.4841377, Double.parseDouble(p1[4]), 1e-6);
        assertEquals(2 + 2.4841377, Double.parseDouble(p1[5]), 1e-6);
        assertEquals("3", p1[6]);
        // Constant latency: a zero-width interval.
        assertEquals(List.of("0.25", "0.25", "0.25", "3"), List.of(p1).subList(7, 11));

        // A comma in a value is quoted; a metric never reported has empty cells and n = 0.
        assertTrue(lines.get(2).startsWith("p2,\"a,b\",0.01,"), lines.get(2));
        final String[] p2 = lines.get(2).substring("p2,\"a,b\",0.01,".length()).split(",");
        assertEquals(20.0, Double.parseDouble(p2[0]));
        assertEquals(20 - 24.841377, Double.parseDouble(p2[1]), 1e-5);
        assertEquals("3", p2[3]);
        assertEquals(List.of("", "", "", "0"), List.of(lines.get(2).split(",", -1)).subList(8, 12));
    }

    @Test
    void rowsFollowThePointsOrderNotTheFinishingOrder() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.grid(), 2, SEED);
        final var sim = new FakeSimulation();
        // Point 0 waits until every other point is done, so it finishes last.
        final java.util.concurrent.CountDownLatch others =
                new java.util.concurrent.CountDownLatch((spec.points().size() - 1) * 2);
        Sweep.run(spec, (point, seed) -> {
            if (spec.points().indexOf(point) == 0) {
                assertTrue(others.await(60, java.util.concurrent.TimeUnit.SECONDS), "the other points ran");
                return sim.run(point, seed);
            }
            final var r = sim.run(point, seed);
            others.countDown();
            return r;
        }, new SweepOptions(tmp, 3, SweepOptions.Progress.OFF, false));
        final List<String> lines = Files.readAllLines(tmp.resolve("results.csv"));
        for (int p = 0; p < spec.points().size(); p++) {
            assertTrue(lines.get(p + 1).startsWith(spec.points().get(p).name() + ","), lines.get(p + 1));
        }
    }
}
