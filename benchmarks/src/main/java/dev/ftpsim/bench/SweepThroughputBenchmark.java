package dev.ftpsim.bench;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepOptions;
import dev.ftpsim.sweep.SweepResult;
import dev.ftpsim.sweep.SweepSpec;
import dev.ftpsim.sweep.SweepTask;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A sweep's steady-state throughput, in replications per second, with 1 and with 2 threads (issue
 * 16: 2 threads at least 1.8 times 1). Each invocation is a whole {@link Sweep#run} of every point
 * of {@code examples/sweep-mode-x-loss.yaml}, {@value #REPLICATIONS} replications in all, into a
 * fresh folder: the real thread pool, hand-off of results to the calling thread, fsync'd journal
 * appends and {@code results.csv}/{@code runs.csv} writes; no plots, no progress bar, no report
 * (what {@code ftpsim sweep} does once after the last replication). Warm-up iterations run until
 * C2 has finished compiling, so the JVM's start, class loading and JIT, which a sweep of thousands
 * of points pays once, are left out; what each invocation still pays once is the pool's start and
 * its tail (the last replication running while the other worker has none left), the folder's lock
 * and the journal's header: the per-sweep serial parts of {@link Sweep#run}. The same seeds every
 * invocation, so both thread counts run exactly the same simulations. The forks get the launcher's
 * JVM flags for a sweep ({@code ./ftpsim}, {@code long_run_flags} and {@code parallel_run_flags}).
 *
 * <p>Its {@code main} runs the benchmark and prints the ratio of the two scores (JMH's options on
 * the command line pass through):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.SweepThroughputBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepThroughputBenchmark.REPLICATIONS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 3, time = 8)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:-TieredCompilation", "-XX:+UseTransparentHugePages"})
@State(Scope.Benchmark)
public class SweepThroughputBenchmark {
    /** Replications per invocation: the example's 9 points, 6 each (about 4 s of one core). */
    static final int REPLICATIONS = 54;

    /** Worker threads of the sweep's pool (its {@code --threads}). */
    @Param({"1", "2"})
    int threads;

    /** The scenario with a sweep block, relative to where the benchmark runs (the repository's root). */
    @Param("examples/sweep-mode-x-loss.yaml")
    String scenario;

    private SweepSpec spec;
    private SweepTask task;
    private Path out;

    @Setup(Level.Trial)
    public void load() throws Exception {
        final Path file = Path.of(scenario);
        final Scenario s = Ftpsim.load(file);
        // The journal's key, as ftpsim sweep computes it once per sweep before the first task.
        final ScenarioSweep sweep = ScenarioSweep.of(s, s.seed(),
                ScenarioSweep.inputs(file, s, "SweepThroughputBenchmark"));
        final int points = sweep.spec().points().size();
        if (REPLICATIONS % points != 0) {
            throw new IllegalArgumentException(scenario + " has " + points + " sweep points; the benchmark runs "
                    + REPLICATIONS + " replications per invocation, so it needs a number of points that divides it");
        }
        spec = new SweepSpec(sweep.spec().points(), REPLICATIONS / points, s.seed(), sweep.spec().inputs());
        task = sweep.task();
    }

    @Setup(Level.Invocation)
    public void freshFolder() throws IOException {
        out = Files.createTempDirectory("ftpsim-sweep-bench");
    }

    @TearDown(Level.Invocation)
    public void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The JVM's CPU seconds (workers, JIT compilers, collector, the collecting thread) and the
     * replications of each iteration: their quotient, the CPU a replication costs, compares the
     * thread counts where the wall cannot, on a machine whose other load takes the second core.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public double cpuSeconds;
        public long replications;
    }

    @Benchmark
    public SweepResult sweep(final Cpu cpu) throws IOException, InterruptedException {
        final var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final long before = os.getProcessCpuTime();
        final SweepResult r = Sweep.run(spec, task,
                new SweepOptions(out, threads, SweepOptions.Progress.OFF, false));
        cpu.cpuSeconds += (os.getProcessCpuTime() - before) / 1e9;
        cpu.replications += REPLICATIONS;
        if (r.pointsRun() != spec.points().size()) {
            throw new IllegalStateException("ran " + r.pointsRun() + " of " + spec.points().size() + " points");
        }
        return r;
    }

    /** Runs the benchmark (JMH's command-line options apply) and prints threads=2 over threads=1. */
    public static void main(final String[] args) throws Exception {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(SweepThroughputBenchmark.class.getName() + ".sweep")
                .build()).run();
        final TreeMap<Integer, RunResult> byThreads = new TreeMap<>();
        results.forEach(r -> byThreads.put(Integer.parseInt(r.getParams().getParam("threads")), r));
        final RunResult one = byThreads.get(1);
        final RunResult two = byThreads.get(2);
        if (one == null || two == null) {
            System.out.println("no ratio: both threads=1 and threads=2 must run");
            return;
        }
        final double s1 = one.getPrimaryResult().getScore();
        final double s2 = two.getPrimaryResult().getScore();
        // The ratio's error from the scores' (99.9% intervals), relative errors added in quadrature.
        final double e1 = one.getPrimaryResult().getScoreError() / s1;
        final double e2 = two.getPrimaryResult().getScoreError() / s2;
        System.out.printf(Locale.ROOT, "%nsweep throughput: threads=1 %.3f, threads=2 %.3f replications/s;"
                + " threads=2 / threads=1 = %.3f ± %.3f (target 1.8)%n", s1, s2, s2 / s1, s2 / s1 * Math.hypot(e1, e2));
        System.out.printf(Locale.ROOT, "CPU per replication (the whole JVM): threads=1 %.4f s, threads=2 %.4f s%n",
                cpuPerReplication(one), cpuPerReplication(two));
    }

    private static double cpuPerReplication(final RunResult r) {
        return r.getSecondaryResults().get("cpuSeconds").getScore()
                / r.getSecondaryResults().get("replications").getScore();
    }
}
