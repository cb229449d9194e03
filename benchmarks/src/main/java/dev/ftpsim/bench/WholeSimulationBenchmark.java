package dev.ftpsim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference workload ({@link ReferenceWorkloadBenchmark}) under JMH: one whole simulation per
 * measured invocation, timed cold-to-finish after warm-up runs. The returned event count keeps the
 * work alive and is the same every time (a deterministic run); a different count would be a bug.
 * Its peer is the same workload in ns-3 (benchmarks/peers/ns3), which JMH cannot host: compare
 * with {@code --fixed-window} as described in benchmarks/README.md.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class WholeSimulationBenchmark {
    @Param({"100", "1000"})
    int clients;

    @Param({"false", "true"})
    boolean fixedWindow;

    @Benchmark
    public long referenceWorkload() {
        return ReferenceWorkloadBenchmark.run(clients, 1, fixedWindow).events();
    }
}
