package dev.ftpsim.cli;

import dev.ftpsim.plot.Markup;
import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.core.units.Units;
import dev.ftpsim.explain.Explainer;
import dev.ftpsim.explain.Explanation;
import dev.ftpsim.run.Breakdown;
import dev.ftpsim.run.LadderCandidates;
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
import dev.ftpsim.scenario.ScenarioLoader;
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

    /**
     * Runs {@code file}; {@code explain}: explain failures (explain.md, explain.json, a console
     * section); {@code json}: one JSON document on stdout instead of the tables; {@code png}: also
     * write {@code timeseries.png}.
     */
    static int run(final CommandLine.Model.CommandSpec spec, final Path file, final Long seedOption, final Path outOption,
            final boolean pcap, final boolean failOnError, final boolean progress, final boolean explain,
            final boolean json, final boolean png) throws IOException {
        final Warmup.Loaded l = loaded(spec.commandLine().getErr(), file);
        if (ForkedRun.loadedOtherBytes(l == null ? null : l.read())) {
            return ForkedRun.EXIT_CHANGED; // a child of a run of several files: the parent runs what it loaded
        }
        if (l == null) {
            return Main.EXIT_BAD_INPUT; // nothing written
        }
        final Scenario s = l.scenario();
        return run(spec.commandLine().getOut(), spec.commandLine().getErr(), snaplen(spec), file, s, l.read(), seedOption,
                outOption != null ? outOption : Path.of("runs", s.name()), pcap, failOnError, progress, explain,
                json, png).exit();
    }

    /** The {@code --snaplen} given, or null. */
    static Integer snaplen(final CommandLine.Model.CommandSpec spec) {
        return spec.optionsMap().containsKey("--snaplen") ? spec.findOption("--snaplen").getValue() : null;
    }

    /**
     * Runs {@code file}, loaded as {@code loaded} from the bytes {@code read} holds (null: the file
     * as it is when the run explains and reports), into {@code dir}, printing its table to {@code out}
     * and on {@code err} each picture or page that could not be drawn ({@link Drawings}).
     */
    static Outcome run(final PrintWriter out, final PrintWriter err, final Integer snaplen, final Path file, final Scenario loaded,
            final SourceFiles read, final Long seedOption, final Path dir, final boolean pcap, final boolean failOnError, final boolean progress,
            final boolean explain, final boolean json, final boolean png) throws IOException {
        final Scenario s = snaplen == null ? loaded : loaded.withRecord(loaded.record().withSnaplen(snaplen));
        final long seed = seedOption != null ? seedOption : s.seed();
        if (png && s.record().timeseriesNanos() > 0) {
            // Java2D's first use, on another core while this one simulates: the plot then draws at once.
            dev.ftpsim.plot.PngCanvas.prepareAside();
        }
        final long t0 = System.nanoTime();
        final RunResult o;
        Explanation why = null;
        final Drawings drawings = new Drawings();
        // Checked and locked before the run; written beside it, and put in place whole at the end.
        final boolean[] printed = {false};
        try {
            try (OutputFolder folder = OutputFolder.open(dir);
                 RunFiles files = new RunFiles(folder.staging(), ScenarioRunner.expectedSamples(s))) {
                final Explainer.FailedRows failed = new Explainer.FailedRows(files);
                // The report's ladder, recorded now rather than by running the scenario again.
                final LadderCandidates ladders = new LadderCandidates(s);
                try (ProgressBar bar = progress && Terminal.stderrIsTerminal() ? bar(s) : null) {
                    o = Ftpsim.stream(s, seed, failed, pcap ? folder.staging() : null,
                            bar == null ? null : t -> bar.stepTo(t / Units.NS_PER_MS), ladders);
                }
                files.finish();
                // The plot is drawn aside while the verdict is written and printed: the SVG, waited for
                // before the report (which shows it), and when asked for the PNG (Java2D: the most time
                // after the run), waited for before the commit. So is the report's ladder of the first
                // failing session (drawn from the run's recording, or when that does not hold it by
                // running the scenario again).
                // A drawing that fails is left out, and said so (Drawings): the results are committed all the same.
                try (Aside<Path> svg = Aside.start("ftpsim-svg", () -> drawings.attempt(PLOT, () -> plot(folder.staging(),
                        s, seed, files, false)));
                     Aside<Path> bitmap = !png ? null : Aside.start("ftpsim-png", () -> drawings.attempt(BITMAP,
                        () -> plot(folder.staging(), s, seed, files, true)));
                     Aside<String> ladder = Aside.start("ftpsim-ladder", () -> drawings.attempt(LADDER,
                        () -> dev.ftpsim.report.RunReport.ladderSection(folder.staging(), s, seed, o.events(), ladders)))) {
                    Results.writeSummary(folder.staging().resolve("summary.json"), o.summary());
                    if (explain && (o.summary().failed() > 0 || failed.anyRetried())) {
                        why = drawings.attempt(EXPLAIN, () -> explain(file, read, s, seed, o.summary(), failed));
                        if (why != null) {
                            final Explanation w = why;
                            // both files or neither: both are drawn before either is written
                            final String md = drawings.attempt(EXPLAIN, w::markdown);
                            final String js = md == null ? null : drawings.attempt(EXPLAIN, () -> Results.toJson(w));
                            if (js == null) {
                                why = null;
                            } else {
                                Results.atomicWrite(folder.staging().resolve("explain.md"), md);
                                Results.atomicWrite(folder.staging().resolve("explain.json"), js);
                            }
                        }
                    }
                    print(out, s, seed, dir, o, why, (System.nanoTime() - t0) / 1e9, json, failed);
                    printed[0] = true;
                    svg.result();
                    final String ladderSection = ladder.result();
                    drawings.attempt(REPORT, () -> {
                        dev.ftpsim.report.RunReport.write(folder.staging(), s, file, loadedText(file, read), seed,
                                o.summary(),
                                ladderSection != null ? ladderSection : dev.ftpsim.report.HtmlPage.note(
                                        capitalized(drawings.problem(LADDER)) + "; draw it with ftpsim ladder FILE."),
                                capitalized(drawings.problem(EXPLAIN)), capitalized(drawings.problem(PLOT)));
                        return null;
                    });
                    if (bitmap != null) {
                        bitmap.result();
                    }
                }
                folder.commit(s.name());
            }
        } catch (final IOException e) {
            if (!printed[0]) {
                throw e;
            }
            // The verdict is printed before the report is written: it must not pass for saved results.
            throw new IOException(Main.describe(e) + "; the results printed above are not saved: " + dir
                    + " is left as it was", e);
        }
        drawings.warn(err, dir);
        return new Outcome(failOnError && o.summary().failed() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK, o.summary(), dir);
    }

    /** What {@link Drawings} names each drawing of a run. */
    static final String PLOT = "the time-series plot";
    static final String BITMAP = "the time-series bitmap (timeseries.png)";
    static final String LADDER = "the ladder of the first failing session";
    static final String EXPLAIN = "the explain section";
    static final String REPORT = "the report (report.html)";

    private static String capitalized(final String s) {
        return s == null ? null : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The verdict: the summary table, the channels and the explain section, or with {@code json}
     * one JSON document. Printed once the result files are written, before the plots and the
     * report are; the process ends only after those are in place too.
     */
    private static void print(final PrintWriter out, final Scenario s, final long seed, final Path dir,
            final RunResult o, final Explanation why, final double wall, final boolean json,
            final Explainer.FailedRows rows) throws IOException {
        final RunSummary sum = o.summary();
        if (json) {
            final Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("scenario", s.name());
            doc.put("seed", seed);
            doc.put("output", dir.toString());
            doc.put("simulatedSeconds", o.simulatedNanos() / 1e9);
            doc.put("events", o.events());
            doc.put("summary", sum);
            final Map<String, Object> channels = new java.util.LinkedHashMap<>();
            o.channels().forEach((fw, cs) -> channels.put(fw, cs.stream().map(c -> Map.of("channel",
                    dev.ftpsim.ftp.alg.FtpChannels.describe(c), "rule", c.rule())).toList()));
            doc.put("channels", channels);
            doc.put("explain", why);
            out.print(Results.toJsonForStdout(doc));
            out.flush();
            return;
        }
        out.print(table(sum, rows::retriedNote));
        out.print(dev.ftpsim.run.ChannelReport.renderScenario(o.channels(),
                "channels the FTP traffic tried, before filtering (all it needs: ftpsim channels FILE)"));
        if (why != null) {
            out.print(why.markdown());
        }
        out.printf(Locale.ROOT, "Simulated %s in %.2f s of wall time (%,d events). Results in %s%n",
                Units.formatDuration(o.simulatedNanos()), wall, o.events(), Markup.visible(dir.toString()));
        out.flush();
    }

    /**
     * Writes the run's time-series plot into {@code dir}, as SVG or as PNG; returns the file, or
     * null when the series has too few samples to draw.
     */
    private static Path plot(final Path dir, final Scenario s, final long seed, final RunFiles files, final boolean png)
            throws IOException {
        final dev.ftpsim.plot.Figure f = TimeseriesPlot.figure(s.name() + " (seed " + seed + ")", files.plot(),
                files.firewalls(), conntrackMax(s));
        if (f == null) {
            return null;
        }
        return png ? f.writePng(dir, TimeseriesPlot.BASE) : f.writeSvg(dir, TimeseriesPlot.BASE);
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

    /** The scenario's text as its load read it, or null when there are no such bytes (the page reads the file). */
    private static String loadedText(final Path file, final SourceFiles read) {
        try {
            return read == null ? null : ScenarioLoader.text(file, read);
        } catch (final ScenarioException e) {
            throw new IllegalStateException("the scenario loaded once and not again", e);
        }
    }

    /** The failures of a finished run explained: only the candidate fixes are run. */
    private static Explanation explain(final Path file, final SourceFiles read, final Scenario s, final long seed,
            final RunSummary sum, final Explainer.FailedRows failed) throws IOException {
        try {
            return (read == null ? Explainer.of(file) : Explainer.of(file, read)).explain(s, seed, sum, failed);
        } catch (final ScenarioException e) {
            throw new IllegalStateException("the scenario loaded once and not again", e);
        }
    }

    /** Simulated time on stderr, in seconds: the progress of a long run. */
    static ProgressBar bar(final Scenario s) {
        return new ProgressBarBuilder()
                .setTaskName(Markup.visible(s.name())) // the terminal shows a control or bidi character, not obeys it
                .setInitialMax(s.stopNanos() / Units.NS_PER_MS)
                .setUnit(" s simulated", 1000)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** The scenario, or null after printing every error of the file to stderr. */
    static Scenario load(final CommandLine.Model.CommandSpec spec, final Path file) {
        return load(spec.commandLine().getErr(), file);
    }

    /** The same, printing the errors to {@code err}. */
    static Scenario load(final PrintWriter err, final Path file) {
        final Warmup.Loaded l = loaded(err, file);
        return l == null ? null : l.scenario();
    }

    /** {@link #load}, with the bytes of the files the load read; null after printing the errors. */
    static Warmup.Loaded loaded(final PrintWriter err, final Path file) {
        try {
            return Warmup.loaded(file);
        } catch (final ScenarioException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }

    static String table(final RunSummary s) {
        return table(s, population -> null);
    }

    /**
     * The table; {@code retried} gives a population's sessions that succeeded only after retrying,
     * in words, or null: their verdict says so (a success after 15 s and a second connection is not
     * the plain success its count alone would suggest).
     */
    static String table(final RunSummary s, final java.util.function.Function<String, String> retried) {
        final TextTable t = new TextTable("", s.scenario() + " (seed " + s.seed() + ")");
        t.row("sessions", String.valueOf(s.sessions()));
        t.row("succeeded", s.succeeded() + (s.sessions() == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)",
                100.0 * s.succeeded() / s.sessions())));
        for (final Map.Entry<String, Integer> e : s.failuresByReason().entrySet()) {
            t.row("failed: " + e.getKey(), String.valueOf(e.getValue()));
        }
        s.populations().forEach((name, b) -> {
            t.row(population(name, b), verdict(b, retried.apply(name)));
        });
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
        s.interfaceDrops().forEach((where, causes) -> causes.forEach((cause, n) ->
                t.row("lost at " + where + ": " + cause.replace('_', ' '), String.valueOf(n))));
        s.balancers().forEach((lb, log) -> {
            log.servers().forEach((server, sv) -> {
                final java.util.List<dev.ftpsim.run.BalancerLog.Transition> ts = sv.transitions();
                for (int i = 0; i < Math.min(ts.size(), SHOWN_TRANSITIONS); i++) {
                    final dev.ftpsim.run.BalancerLog.Transition x = ts.get(i);
                    t.row("balancer " + lb + ": server " + server, String.format(java.util.Locale.ROOT,
                            "%s at %.3f s (%s%s; %d up after)", x.state(), x.seconds(), x.reason(),
                            x.info() == null ? "" : ": " + x.info(), x.upLeft()));
                }
                if (ts.size() > SHOWN_TRANSITIONS) {
                    t.row("balancer " + lb + ": server " + server, (ts.size() - SHOWN_TRANSITIONS)
                            + " more marks down or up (summary.json's balancers)");
                }
            });
            if (log.queued() > 0) {
                t.row("balancer " + lb + ": queued for maxconn / timed out there", log.queued() + " / "
                        + log.queueTimeouts());
            }
        });
        return t.render();
    }

    /** A server's marks down or up the table shows; the rest are in summary.json. */
    private static final int SHOWN_TRANSITIONS = 4;

    /** "population client (curl, EPSV)": who the row is about. */
    static String population(final String name, final Breakdown b) {
        final String what = b.profile() == null ? b.mode() : b.profile() + ", " + b.mode();
        return "population " + name + " (" + what + ")";
    }

    /** "2 of 5 ok; failed: data connect timed out 3": a population's sessions and why they failed. */
    static String verdict(final Breakdown b) {
        return verdict(b, null);
    }

    /** The same, {@code retried} (null: none) said of the successes: "1 of 1 ok (1 only after retrying: ...)". */
    static String verdict(final Breakdown b, final String retried) {
        final StringBuilder sb = new StringBuilder().append(b.succeeded()).append(" of ").append(b.sessions()).append(" ok");
        if (retried != null) {
            sb.append(" (").append(retried).append(')');
        }
        String sep = "; failed: ";
        for (final Map.Entry<String, Integer> e : b.failuresByReason().entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return sb.toString();
    }

    private static String pct(final Percentiles p) {
        if (p.n() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3g / %.3g / %.3g", p.p50(), p.p90(), p.p99());
    }
}
