package dev.ftpsim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the real simulation: metrics that depend on the parameters and the seed only. */
final class FakeSimulation implements SweepTask {
    final AtomicInteger invocations = new AtomicInteger();

    @Override
    public Map<String, Double> run(final SweepPoint point, final long seed) {
        invocations.incrementAndGet();
        final var rnd = new SplittableRandom(seed);
        final double loss = Double.parseDouble(point.params().getOrDefault("loss", "0"));
        final boolean passive = "passive".equals(point.params().get("mode"));
        final var m = new LinkedHashMap<String, Double>();
        m.put("success_rate", Math.max(0, 1 - 40 * loss - (passive ? 0 : 0.1) - 0.05 * rnd.nextDouble()));
        m.put("throughput_mbps", 100 * (1 - 10 * loss) + rnd.nextGaussian());
        m.put("p50_latency_s", 0.02 + loss + 0.001 * rnd.nextDouble());
        return m;
    }

    /** mode in {active, passive} x loss in {0, 0.001, 0.01}: 6 points, mode varying slowest. */
    static List<SweepPoint> grid() {
        final List<SweepPoint> points = new ArrayList<>();
        for (final String mode : new String[] {"active", "passive"}) {
            for (final String loss : new String[] {"0", "0.001", "0.01"}) {
                points.add(SweepPoint.of(mode + "-" + loss, "mode", mode, "loss", loss));
            }
        }
        return points;
    }

    /** The grid with loss first, so loss is the x axis and mode the series. */
    static List<SweepPoint> lossFirstGrid() {
        final List<SweepPoint> points = new ArrayList<>();
        for (final SweepPoint p : grid()) {
            points.add(SweepPoint.of(p.name(), "loss", p.params().get("loss"), "mode", p.params().get("mode")));
        }
        return points;
    }
}
