package dev.ftpsim.cli;

import dev.ftpsim.core.units.Units;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.FailureReason;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.run.MatrixRunner;
import dev.ftpsim.run.SeedMatrix;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim run [FILE...]}: runs a scenario file (several: {@link MultiRun}), or with none the
 * sources' active/passive x firewall matrix.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a scenario file and write summary.json, sessions.csv and timeseries.csv.",
            "Without FILE: the sources' matrix, every firewall setup of the two source documents in active"
                + " and passive mode, one simulated FTP download per cell."},
        footer = {"", "Examples:", "  ftpsim run", "  ftpsim run examples/passive-stateful-server-fw-helper.yaml",
            "  ftpsim run examples/long-transfer-trap.yaml --seed 7 --fail-on-error",
            "  ftpsim run examples/passive-*.yaml --out runs/passive"})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", arity = "0..*", description = {"Scenario file (YAML or JSON).",
        "Several: each runs in turn into <out or runs>/<scenario name>, then a table of every file's verdict."})
    List<java.nio.file.Path> files = List.of();

    @CommandLine.Option(names = "--fail-on-error", description = "Exit 1 when any session failed.")
    boolean failOnError;

    @CommandLine.Option(names = "--pcap", description = {"Write pcap captures of the record.pcap ends (default: every router interface);",
                "for the matrix, one folder per cell (<row file>-<mode>)."})
    boolean pcap;

    @CommandLine.Option(names = "--snaplen", paramLabel = "BYTES",
            description = "With --pcap, bytes kept of each packet (default: the scenario's record.snaplen, 65535: all).")
    Integer snaplen;

    @CommandLine.Option(names = "--png", description = {"Also write timeseries.png, the time-series plot as a bitmap",
                "(timeseries.svg and report.html always show it; drawing a bitmap is most of a small run's time after its verdict)."})
    boolean png;

    @CommandLine.Option(names = "--no-explain", description = {"No explain section: a run with failed sessions otherwise",
                "tries candidate fixes by simulation (explain.md, explain.json; see ftpsim explain)."})
    boolean noExplain;

    @CommandLine.Option(names = "--json", description = "Print one JSON document on stdout instead of tables (no progress bar).")
    boolean json;

    @CommandLine.Option(names = "--no-progress", description = "No progress bar (drawn on a terminal's stderr otherwise).")
    boolean noProgress;

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's, 42 for the matrix).")
    Long seedOption;

    long seed;

    @CommandLine.Option(names = "--threads", paramLabel = "N", description = {"Simulations run at once (default: the number of cores);",
                "with several files, files run at once (their output still in the files' order)."})
    Integer threads;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<scenario name>); with several files, the folder that holds one per scenario.")
    java.nio.file.Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        OptionChecks.seedAndThreads(spec, seedOption, threads);
        OptionChecks.snaplen(spec, snaplen);
        if (files.size() == 1) {
            return ScenarioRun.run(spec, files.get(0), seedOption, this.out, pcap, failOnError, !noProgress && !json,
                    !noExplain, json, png);
        }
        if (files.size() > 1) {
            return MultiRun.run(spec, files, seedOption, this.out, pcap, failOnError, !noProgress, !noExplain, json,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), png);
        }
        seed = seedOption != null ? seedOption : 42;
        final PrintWriter out = spec.commandLine().getOut();
        final java.nio.file.Path dir = this.out != null ? this.out : java.nio.file.Path.of("runs", "sources-matrix");
        final long t0 = System.nanoTime();
        final List<SeedMatrix.Result> results;
        try (dev.ftpsim.run.OutputFolder folder = dev.ftpsim.run.OutputFolder.open(dir)) {
            results = MatrixRunner.run(seed, threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                    pcap ? folder.staging() : null, snaplen);
            write(folder.staging(), results);
            folder.commit();
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        if (json) {
            out.print(dev.ftpsim.run.Results.toJsonForStdout(matrixJson(results, dir)));
            out.flush();
            return Main.EXIT_OK;
        }
        out.println(matrix(results));
        long ok = results.stream().filter(r -> r.record().ok()).count();
        out.printf(java.util.Locale.ROOT, "%d of %d sessions succeeded. Seed %d, %d simulations in %.1f s of wall time.%n", ok, results.size(),
                seed, results.size(), wall);
        out.println("Each cell: login and download of 1 MB through client -- fw -- server (100 Mbps, 5 ms links).");
        out.println("Results: " + dir.resolve("summary.json") + ", " + dir.resolve("sessions.csv")
                + " (how the firewall judged each data connection).");
        out.println();
        out.print(dev.ftpsim.run.ChannelReport.render(dev.ftpsim.run.ChannelReport.sources(seed)));
        out.flush();
        return Main.EXIT_OK;
    }

    private void write(final java.nio.file.Path dir, final List<SeedMatrix.Result> results) throws java.io.IOException {
        final List<dev.ftpsim.run.Results.Row> rows = new java.util.ArrayList<>();
        final java.util.Map<String, dev.ftpsim.core.firewall.Firewall> firewalls = new java.util.LinkedHashMap<>();
        final java.util.Map<String, java.util.Map<String, Long>> lost = new java.util.TreeMap<>();
        for (final SeedMatrix.Result r : results) {
            final String label = r.setup().name() + " / " + r.mode();
            rows.add(new dev.ftpsim.run.Results.Row(label, r.record(), java.util.Map.of("fw", r.dataPath())));
            if (r.firewall() != null) {
                firewalls.put(label, r.firewall());
            }
            r.interfaceDrops().forEach((where, causes) -> lost.put(label + ": " + where, causes));
        }
        dev.ftpsim.run.Results.writeSessions(dir.resolve("sessions.csv"), rows, List.of("fw"));
        dev.ftpsim.run.Results.writeSummary(dir.resolve("summary.json"),
                dev.ftpsim.run.Results.summarize("sources-matrix", seed, rows, firewalls, lost));
    }

    /** The matrix for scripts: one cell per setup and mode. */
    private java.util.Map<String, Object> matrixJson(final List<SeedMatrix.Result> results, final java.nio.file.Path dir) {
        final List<java.util.Map<String, Object>> cells = new java.util.ArrayList<>();
        for (final SeedMatrix.Result r : results) {
            final java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
            c.put("setup", r.setup().name());
            c.put("source", r.setup().source());
            c.put("mode", r.mode());
            c.put("ok", r.record().ok());
            c.put("reason", r.record().reasonText());
            c.put("reasonCode", r.record().reasonCode());
            c.put("lastReply", r.record().outcome().lastReplyCode());
            c.put("dataPath", r.dataPath());
            cells.add(c);
        }
        final java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("scenario", "sources-matrix");
        doc.put("seed", seed);
        doc.put("output", dir.toString());
        doc.put("cells", cells);
        return doc;
    }

    static String matrix(final List<SeedMatrix.Result> results) {
        final TextTable t = new TextTable("firewall setup", "source", "active (PORT)", "passive (PASV)");
        for (int i = 0; i < results.size(); i += 2) {
            final SeedMatrix.Result a = results.get(i);
            final SeedMatrix.Result p = results.get(i + 1);
            if (!a.mode().equals("PORT") || !p.mode().equals("PASV") || a.setup() != p.setup()) {
                throw new IllegalStateException("matrix results out of order");
            }
            t.row(a.setup().name(), a.setup().source(), cell(a.record()), cell(p.record()));
        }
        return t.render();
    }

    private static String cell(final FtpSessionRecord r) {
        if (r.ok()) {
            return "ok    " + Units.formatSize(r.transfer().bytes()) + " in "
                    + seconds(r.timings().end() - r.timings().start());
        }
        final int last = r.outcome().lastReplyCode();
        // The server's 425 is already in the words ("425 data connection failed").
        final boolean worded = r.outcome().reason() == FailureReason.DATA_CONNECT_FAILED && r.outcome().cause() == null
                && last == 425;
        return "FAIL  " + r.reasonText() + (last != 0 && !worded ? " (last reply " + last + ")" : "");
    }

    private static String seconds(final long ns) {
        return String.format(java.util.Locale.ROOT, "%.2f s", ns / 1e9);
    }
}
