package dev.ftpsim.cli;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.sweep.MetricSummary;
import dev.ftpsim.sweep.PointSummary;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepOptions;
import dev.ftpsim.sweep.SweepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim sweep FILE}: every point of the scenario's {@code sweep} block, {@code
 * replications} times with independent seeds, in parallel; a results CSV with means and 95%
 * confidence intervals and a plot per metric. A killed sweep run again resumes.
 */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        description = {"Run the grid of a scenario's sweep block, each point with independent seeds.",
            "Writes results.csv (mean and 95%% confidence interval per metric and point), runs.csv (one row per replication) and plots;"
                + " run it again after an interruption and it resumes where it stopped, unless the scenario"
                + " file, a file it loads or ftpsim changed (then --restart starts over)."},
        footer = {"", "Example:", "  ftpsim sweep examples/sweep-mode-x-loss.yaml --out runs/mode-x-loss"})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file with a sweep block.")
    Path file;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<scenario name>-sweep).")
    Path out;

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's).")
    Long seed;

    @CommandLine.Option(names = "--threads", paramLabel = "N", description = "Simulations at once (default: the number of cores).")
    Integer threads;

    @CommandLine.Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @CommandLine.Option(names = "--restart", description = "Discard the output folder's finished points and start"
            + " over (needed after the scenario file, a file it loads or ftpsim changed).")
    boolean restart;

    @CommandLine.Option(names = "--json", description = "Print one JSON document on stdout (each point's metrics), no progress bar.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.seedAndThreads(spec, seed, threads);
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Warmup.Loaded loaded = ScenarioRun.loaded(err, file);
        if (loaded == null) {
            return Main.EXIT_BAD_INPUT;
        }
        final Scenario s = loaded.scenario();
        if (s.sweep() == null) {
            err.println(file + ": no sweep block; use 'ftpsim run' for a single run");
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        // The journal is keyed by what decides the results, as the loader read it: an edited file is
        // never resumed, and an edit after the load does not relabel these results.
        final dev.ftpsim.run.ScenarioInputs.Digest inputs = ScenarioSweep.inputs(file, s, Main.version(), loaded.read());
        final Path dir = out != null ? out : Path.of("runs", s.name() + "-sweep");
        SweepOptions opts = SweepOptions.in(dir).withProgress(noProgress || json ? SweepOptions.Progress.OFF
                : SweepOptions.Progress.AUTO).withRestart(restart);
        if (threads != null) {
            opts = opts.withThreads(threads);
        }
        final long master = seed != null ? seed : s.seed();
        final ScenarioSweep sweep = ScenarioSweep.of(s, master, inputs);
        // The page under the folder's locks, showing the scenario's text as loaded: the file may have
        // been edited while the sweep ran.
        // A page that cannot be drawn (a bug) is left out, never an earlier run's page beside these results.
        final Drawings page = new Drawings();
        final SweepResult r = Sweep.run(sweep.spec(), sweep.task(), opts, done -> {
            final Path folder = done.resultsCsv().getParent();
            if (page.attempt(PAGE, () -> {
                dev.ftpsim.report.SweepReport.write(folder, s, file, master, loaded.read().get(file));
                return folder;
            }) == null) {
                java.nio.file.Files.deleteIfExists(folder.resolve("report.html"));
            }
        });
        r.warnings(dir).forEach(err::println);
        page.warn(err, dir, "the sweep's");
        if (json) {
            final Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("scenario", s.name());
            doc.put("seed", master);
            doc.put("replications", s.sweep().replications());
            doc.put("points", r.rows());
            doc.put("pointsRun", r.pointsRun());
            doc.put("pointsResumed", r.pointsResumed());
            doc.put("results", r.resultsCsv().toString());
            o.print(dev.ftpsim.run.Results.toJsonForStdout(doc));
            o.flush();
            return Main.EXIT_OK;
        }
        o.print(table(r));
        o.printf(java.util.Locale.ROOT, "%d points x %d replications: %d run now, %d resumed. Results: %s%n", sweep.spec().points().size(),
                s.sweep().replications(), r.pointsRun(), r.pointsResumed(), r.resultsCsv());
        o.flush();
        return Main.EXIT_OK;
    }

    /** How {@link Drawings} names the sweep's page. */
    static final String PAGE = "the sweep's report (report.html)";

    /** The grid on the terminal: each point's varied values, then each metric's mean ± 95% half-width. */
    static String table(final SweepResult r) {
        if (r.rows().isEmpty()) {
            return "";
        }
        final List<String> header = new ArrayList<>(r.rows().get(0).point().params().keySet());
        final java.util.Set<String> names = new java.util.LinkedHashSet<>();
        r.rows().forEach(p -> names.addAll(p.metrics().keySet()));
        final List<String> metrics = new ArrayList<>(names);
        header.addAll(metrics);
        final TextTable t = new TextTable(header.toArray(new String[0]));
        for (final PointSummary p : r.rows()) {
            final List<String> cells = new ArrayList<>();
            p.point().params().values().forEach(v -> cells.add(String.valueOf(v)));
            for (final String m : metrics) {
                final MetricSummary ms = p.metrics().get(m);
                cells.add(ms == null || Double.isNaN(ms.mean()) ? "-"
                        : Double.isNaN(ms.halfWidth()) || ms.halfWidth() == 0 ? fmt(ms.mean())
                        : fmt(ms.mean()) + " ± " + fmt(ms.halfWidth()));
            }
            t.row(cells.toArray(new String[0]));
        }
        return t.render();
    }

    /** Three significant digits: enough to compare points, short enough for a table. */
    private static String fmt(final double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
