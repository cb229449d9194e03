package dev.ftpsim.bench;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepSpec;
import dev.ftpsim.sweep.SweepTask;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The CPU time of each replication of a sweep, as its worker thread spent it ({@link ThreadMXBean}):
 * runs every task of a scenario's sweep block on {@code THREADS} workers, in the order {@code ftpsim
 * sweep} submits them, without journal, tables or plots, and prints the CPU per point and of the
 * first third of the tasks (the JIT's warm-up) against the rest (the steady state). Comparing one
 * worker, two workers, and two one-worker processes at once tells whether a second worker slows the
 * first by sharing the JVM or by sharing the machine (benchmarks/README.md, "Sweeps").
 *
 * <pre>{@code
 * java -XX:-TieredCompilation -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *     dev.ftpsim.bench.SweepReplicationCpu examples/sweep-mode-x-loss.yaml 2
 * }</pre>
 */
public final class SweepReplicationCpu {
    private SweepReplicationCpu() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SweepReplicationCpu SCENARIO THREADS");
            System.exit(2);
        }
        final Scenario s = Ftpsim.load(Path.of(args[0]));
        final int threads = Integer.parseInt(args[1]);
        final ScenarioSweep sweep = ScenarioSweep.of(s, s.seed(), "");
        final SweepSpec spec = sweep.spec();
        final SweepTask task = sweep.task();
        final int reps = spec.replications();
        final long[] cpu = new long[spec.points().size() * reps];
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final List<Future<?>> tasks = new ArrayList<>();
        final long start = System.nanoTime();
        for (int p = 0; p < spec.points().size(); p++) {
            for (int r = 0; r < reps; r++) {
                final int point = p;
                final int rep = r;
                tasks.add(pool.submit(() -> {
                    final long before = mx.getCurrentThreadCpuTime();
                    Sweep.replication(spec, task, point, rep);
                    cpu[point * reps + rep] = mx.getCurrentThreadCpuTime() - before;
                    return null;
                }));
            }
        }
        try {
            for (final Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow(); // a failed replication ends the measurement
        }
        final double wall = (System.nanoTime() - start) / 1e9;
        double all = 0;
        double warm = 0;
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < cpu.length; i++) {
            all += cpu[i] / 1e9;
            warm += i < cpu.length / 3 ? cpu[i] / 1e9 : 0;
        }
        for (int p = 0; p < spec.points().size(); p++) {
            double sum = 0;
            for (int r = 0; r < reps; r++) {
                sum += cpu[p * reps + r] / 1e9;
            }
            points.append(String.format(Locale.ROOT, " %.2f", sum));
        }
        System.out.printf(Locale.ROOT, "%d threads, %d replications: %.2f s wall, %.2f s of the workers' CPU"
                        + " (first third of the tasks %.2f s, the rest %.2f s); per point:%s%n",
                threads, cpu.length, wall, all, warm, all - warm, points);
    }
}
