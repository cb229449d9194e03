package dev.ftpsim.cli;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.core.units.Units;
import dev.ftpsim.run.OutputFolder;
import dev.ftpsim.run.Percentiles;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.RunFiles;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.run.Terminal;
import dev.ftpsim.run.TimeseriesPlot;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;

/** {@code ftpsim run FILE}: load, run, print the summary table, write the result files. */
final class ScenarioRun {
    private ScenarioRun() {}

    /** A file's run: its exit code, and the scenario's summary and folder unless the file was bad input. */
    record Outcome(int exit, RunSummary summary, Path dir) {}

    static int run(final CommandLine.Model.CommandSpec spec, final Path file, final Long seedOption, final Path outOption,
            final boolean pcap, final boolean failOnError, final boolean progress) throws IOException {
        final Scenario s = load(spec, file);
        if (s == null) {
            return Main.EXIT_BAD_INPUT; // nothing written
        }
        return run(spec, s, seedOption, outOption != null ? outOption : Path.of("runs", s.name()), pcap, failOnError,
                progress).exit();
    }

    /** Runs a loaded scenario into {@code dir}, printing its table. */
    static Outcome run(final CommandLine.Model.CommandSpec spec, final Scenario s, final Long seedOption, final Path dir,
            final boolean pcap, final boolean failOnError, final boolean progress) throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final long seed = seedOption != null ? seedOption : s.seed();
        final long t0 = System.nanoTime();
        final RunResult o;
        // Checked and locked before the run; written beside it, and put in place whole at the end.
        try (OutputFolder folder = OutputFolder.open(dir);
             RunFiles files = new RunFiles(folder.staging(), ScenarioRunner.expectedSamples(s))) {
            try (ProgressBar bar = progress && Terminal.stderrIsTerminal() ? bar(s) : null) {
                o = Ftpsim.stream(s, seed, files, pcap ? folder.staging() : null,
                        bar == null ? null : t -> bar.stepTo(t / Units.NS_PER_MS));
            }
            files.finish();
            Results.writeSummary(folder.staging().resolve("summary.json"), o.summary());
            TimeseriesPlot.write(folder.staging(), s.name() + " (seed " + seed + ")", files.plot(), files.firewalls(),
                    conntrackMax(s));
            folder.commit();
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        final RunSummary sum = o.summary();
        out.print(table(sum));
        out.print(dev.ftpsim.run.ChannelReport.renderScenario(o.channels(),
                "channels the FTP traffic tried, before filtering (all it needs: ftpsim channels FILE)"));
        out.printf(Locale.ROOT, "Simulated %s in %.2f s of wall time (%,d events). Results in %s%n",
                Units.formatDuration(o.simulatedNanos()), wall, o.events(), dir);
        out.flush();
        return new Outcome(failOnError && sum.failed() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK, sum, dir);
    }

    /** Each stateful firewall's table maximum, drawn on its time series. */
    private static Map<String, Integer> conntrackMax(final Scenario s) {
        final Map<String, Integer> max = new java.util.LinkedHashMap<>();
        s.firewalls().forEach((node, fw) -> {
            if (fw.stateful()) {
                max.put(node, fw.conntrack().max());
            }
        });
        return max;
    }

    /** Simulated time on stderr, in seconds: the progress of a long run. */
    private static ProgressBar bar(final Scenario s) {
        return new ProgressBarBuilder()
                .setTaskName(s.name())
                .setInitialMax(s.stopNanos() / Units.NS_PER_MS)
                .setUnit(" s simulated", 1000)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** The scenario, or null after printing every error of the file to stderr. */
    static Scenario load(final CommandLine.Model.CommandSpec spec, final Path file) {
        try {
            return Ftpsim.load(file);
        } catch (final ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return null;
        }
    }

    static String table(final RunSummary s) {
        final TextTable t = new TextTable("", s.scenario() + " (seed " + s.seed() + ")");
        t.row("sessions", String.valueOf(s.sessions()));
        t.row("succeeded", s.succeeded() + (s.sessions() == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)",
                100.0 * s.succeeded() / s.sessions())));
        for (final Map.Entry<String, Integer> e : s.failuresByReason().entrySet()) {
            t.row("failed: " + e.getKey(), String.valueOf(e.getValue()));
        }
        t.row("throughput Mbps p50/p90/p99", pct(s.throughputMbps()));
        t.row("session time s p50/p90/p99", pct(s.sessionSeconds()));
        t.row("time to first byte s p50/p90/p99", pct(s.firstByteSeconds()));
        s.conntrackPeak().forEach((fw, peak) -> t.row("conntrack peak " + fw, String.valueOf(peak)));
        s.conntrack().forEach((fw, c) -> {
            t.row("conntrack " + fw + " inserted / expired", c.get("inserted") + " / " + c.get("expired"));
            if (c.get("expect_create") > 0) {
                t.row("expectations " + fw + " created / used / expired", c.get("expect_create") + " / "
                        + c.get("expect_used") + " / " + c.get("expect_expired"));
            }
        });
        s.drops().forEach((fw, drops) -> drops.forEach((rule, n) -> t.row("drops " + fw + ": " + rule, String.valueOf(n))));
        return t.render();
    }

    private static String pct(final Percentiles p) {
        if (p.n() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3g / %.3g / %.3g", p.p50(), p.p90(), p.p99());
    }
}
