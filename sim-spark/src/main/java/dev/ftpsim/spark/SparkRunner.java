package dev.ftpsim.spark;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepSpec;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import scala.Function1;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep's simulations on Spark: one task per (point, replication), each computed on an
 * executor by {@link Sweep#replication} exactly as the local pool computes it; each outcome comes
 * back to the driver as its task ends, where {@link Sweep} journals it and writes the results and plots.
 */
final class SparkRunner implements Sweep.Runner {
    /** A replication to run: what one Spark task receives besides the bundle. */
    record Job(int point, int replication) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A replication's metrics, on their way back to the driver. */
    record Outcome(int point, int replication, LinkedHashMap<String, Double> metrics) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Per executor JVM: the parsed sweep of each bundle, so tasks of one sweep parse it once. */
    private static final Map<String, ScenarioSweep> PARSED = new ConcurrentHashMap<>();

    private final JavaSparkContext sc;
    private final ScenarioBundle bundle;
    private final LongAccumulator simulations;

    SparkRunner(final JavaSparkContext sc, final ScenarioBundle bundle) {
        this.sc = sc;
        this.bundle = bundle;
        this.simulations = sc.sc().longAccumulator("ftpsim simulations");
    }

    /** Simulations the executors ran for this runner (a task retried by Spark counts again). */
    long simulations() {
        return simulations.value();
    }

    @Override
    public void run(final SweepSpec spec, final List<Integer> points, final Sweep.Outcomes done)
            throws IOException, InterruptedException {
        final List<Job> jobs = new ArrayList<>();
        for (final int p : points) {
            for (int r = 0; r < spec.replications(); r++) {
                jobs.add(new Job(p, r));
            }
        }
        // Captured by the task closure instead of the runner, which holds the driver-only context.
        final ScenarioBundle b = bundle;
        final long master = spec.masterSeed();
        final String inputs = spec.inputs();
        final LongAccumulator count = simulations;
        // One partition per replication: Spark schedules each simulation as its own task.
        final JavaRDD<Outcome> outcomes = sc.parallelize(jobs, jobs.size()).map(j -> {
            final ScenarioSweep sweep = parsed(b, master, inputs);
            final Map<String, Double> m = Sweep.replication(sweep.spec(), sweep.task(), j.point(), j.replication());
            count.add(1);
            return new Outcome(j.point(), j.replication(), new LinkedHashMap<>(m));
        });
        // Each task's outcome is handed to the driver as the task ends (Spark calls the handler on its
        // scheduler thread), so finished points reach the journal while the job runs, and stay there
        // when it fails or is stopped.
        final BlockingQueue<Outcome> arrived = new LinkedBlockingQueue<>();
        final List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            partitions.add(i);
        }
        final SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(outcomes.rdd(),
                (Function1<Iterator<Outcome>, Outcome> & Serializable) Iterator::next,
                CollectionConverters.asScala(partitions).toSeq(),
                (i, o) -> {
                    arrived.add(o);
                    return BoxedUnit.UNIT;
                },
                () -> BoxedUnit.UNIT);
        int left = jobs.size();
        try {
            while (left > 0) {
                final Outcome o = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (o != null) {
                    done.accept(o.point(), o.replication(), o.metrics());
                    left--;
                } else if (job.isCompleted() && arrived.isEmpty()) {
                    break;
                }
            }
        } catch (final InterruptedException e) {
            job.cancel();
            for (Outcome o; (o = arrived.poll()) != null; ) {
                done.accept(o.point(), o.replication(), o.metrics());
            }
            throw e;
        }
        if (left > 0) {
            final Throwable cause = job.value().get().failed().get();
            throw new IllegalStateException("the Spark job stopped with " + left + " simulations left: "
                    + cause.getMessage(), cause);
        }
    }

    private static ScenarioSweep parsed(final ScenarioBundle b, final long master, final String inputs) {
        return PARSED.computeIfAbsent(inputs + " " + master, k -> {
            try {
                return ScenarioSweep.of(b.load(), master, inputs);
            } catch (final ScenarioException e) {
                throw new IllegalStateException("the driver parsed this scenario, this worker cannot: "
                        + e.getMessage(), e);
            }
        });
    }
}
