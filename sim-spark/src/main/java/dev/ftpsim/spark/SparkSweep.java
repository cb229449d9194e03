package dev.ftpsim.spark;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.cli.Main;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepOptions;
import dev.ftpsim.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spark-submit --class dev.ftpsim.spark.SparkSweep sim-spark.jar FILE --out DIR}: {@code
 * ftpsim sweep} with the simulations run as Spark tasks. The driver reads the scenario and the files
 * it loads and keeps the output folder; its journal, {@code results.csv} and plots are those of a
 * local sweep of the same file, byte for byte, and a run again resumes from the journal.
 */
@Command(name = "SparkSweep", mixinStandardHelpOptions = true,
        description = "Run the grid of a scenario's sweep block on Spark; the files of 'ftpsim sweep'.")
public final class SparkSweep implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file with a sweep block (read on the driver).")
    Path file;

    @CommandLine.Option(names = "--out", paramLabel = "DIR",
            description = "Output folder on the driver (default: runs/<scenario name>-sweep).")
    Path out;

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's).")
    Long seed;

    @CommandLine.Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @CommandLine.Option(names = "--restart", description = "Discard the output folder's finished points and start over.")
    boolean restart;

    /** What one Spark sweep did: the sweep's result and the simulations the executors ran. */
    record Outcome(SweepResult result, long simulations) {
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new SparkSweep()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final Scenario s;
        final SourceFiles read = new SourceFiles();
        try {
            s = ScenarioLoader.load(file, read);
        } catch (final ScenarioException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (s.sweep() == null) {
            System.err.println(file + ": no sweep block; use 'ftpsim run' for a single run");
            return Main.EXIT_BAD_INPUT;
        }
        final Path dir = out != null ? out : Path.of("runs", s.name() + "-sweep");
        final SweepOptions opts = SweepOptions.in(dir).withProgress(noProgress ? SweepOptions.Progress.OFF
                : SweepOptions.Progress.AUTO).withRestart(restart);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("ftpsim sweep " + s.name()))) {
            final Outcome o = run(sc, file, s, read, seed, opts);
            o.result().warnings(dir).forEach(System.err::println); // a plot left out: the results are whole
            final PrintStream p = System.out;
            p.printf(java.util.Locale.ROOT, "%d points x %d replications: %d run now (%d simulations on Spark), %d resumed. Results: %s%n",
                    o.result().rows().size(), s.sweep().replications(), o.result().pointsRun(), o.simulations(),
                    o.result().pointsResumed(), o.result().resultsCsv());
        }
        return Main.EXIT_OK;
    }

    /**
     * Runs the sweep of {@code s}, loaded from {@code file}, on {@code sc} into {@code opts.outDir()}
     * ({@code opts.threads()} plays no part: Spark decides). {@code seed} null means the scenario's.
     */
    static Outcome run(final JavaSparkContext sc, final Path file, final Scenario s, final Long seed,
                       final SweepOptions opts) throws IOException, InterruptedException {
        return run(sc, file, s, null, seed, opts);
    }

    /**
     * The same, for {@code s} loaded with {@code read} recording the bytes the loader parsed: the
     * journal's digest and the files shipped to the executors are those bytes, not the files read
     * again (null: read again).
     */
    static Outcome run(final JavaSparkContext sc, final Path file, final Scenario s, final SourceFiles read,
                       final Long seed, final SweepOptions opts) throws IOException, InterruptedException {
        final ScenarioSweep sweep = ScenarioSweep.of(s, seed != null ? seed : s.seed(),
                ScenarioSweep.inputs(file, s, Main.version(), read));
        final SparkRunner runner = new SparkRunner(sc, ScenarioBundle.read(file, s, read));
        final SweepResult r = Sweep.run(sweep.spec(), runner, opts);
        return new Outcome(r, runner.simulations());
    }
}
