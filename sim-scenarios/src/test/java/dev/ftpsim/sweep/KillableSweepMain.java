package dev.ftpsim.sweep;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A sweep in its own JVM for {@link SweepKillTest}: runs the fake simulation until it reaches
 * point {@code args[1]}, where every task blocks, so the test can kill the process at a known state.
 */
public final class KillableSweepMain {
    private KillableSweepMain() {
    }

    public static void main(final String[] args) throws Exception {
        final int stopAt = Integer.parseInt(args[1]);
        final SweepSpec spec = SweepKillTest.spec();
        final var sim = new FakeSimulation();
        final var never = new CountDownLatch(1);
        Sweep.run(spec, (point, seed) -> {
            if (spec.points().indexOf(point) >= stopAt) {
                never.await();
            }
            return sim.run(point, seed);
        }, new SweepOptions(Path.of(args[0]), 2, SweepOptions.Progress.OFF, false));
    }
}
