package dev.ftpsim.cli;

import dev.ftpsim.run.RunSummary;
import dev.ftpsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code ftpsim run a.yaml b.yaml ...}: each file in turn, in this process, into a folder of its
 * own, then one table of every file's verdict. A file that does not load (its errors printed with
 * file, line and column) or cannot be written is reported and the others still run; the exit code
 * is the worst of the files' (2 bad input over 1 failed sessions, with {@code --fail-on-error},
 * over 0).
 */
final class MultiRun {
    private MultiRun() {}

    /** One file's run; {@code json} its {@code run --json} document when one was asked for. */
    private record Row(Path file, ScenarioRun.Outcome outcome, String problem, Object json) {}

    /**
     * @param outParent the folder that holds each run's folder ({@code <parent>/<scenario name>}),
     *     or null for {@code runs/}
     */
    static int run(final CommandLine.Model.CommandSpec spec, final List<Path> files, final Long seed,
            final Path outParent, final boolean pcap, final boolean failOnError, final boolean progress,
            final boolean explain, final boolean json) {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path parent = outParent != null ? outParent : Path.of("runs");
        final Map<String, Integer> names = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        for (final Path file : files) {
            final Scenario s = ScenarioRun.load(spec, file);
            if (s == null) {
                rows.add(new Row(file, null, "invalid (errors above)", null));
                continue;
            }
            // Two files of one scenario name would replace each other's results: number the later.
            final int seen = names.merge(s.name(), 1, Integer::sum);
            final Path dir = parent.resolve(seen == 1 ? s.name() : s.name() + "-" + seen);
            // With --json each file's document is captured and all are printed as one at the end.
            final java.io.StringWriter doc = new java.io.StringWriter();
            if (json) {
                spec.commandLine().setOut(new PrintWriter(doc));
            }
            try {
                final ScenarioRun.Outcome o = ScenarioRun.run(spec, file, s, seed, dir, pcap, failOnError,
                        progress && !json, explain, json);
                rows.add(new Row(file, o, null, json ? JSON.readTree(doc.toString()) : null));
            } catch (final java.io.IOException | RuntimeException e) {
                err.println(file + ": " + Main.describe(e));
                err.flush();
                rows.add(new Row(file, null, e instanceof RuntimeException && !(e instanceof IllegalArgumentException)
                        ? "internal error" : "not written (error above)", null));
            } finally {
                spec.commandLine().setOut(out);
            }
            if (!json) {
                out.println();
            }
        }
        if (json) {
            final List<Map<String, Object>> docs = new ArrayList<>();
            for (final Row r : rows) {
                final Map<String, Object> d = new java.util.LinkedHashMap<>();
                d.put("file", r.file.toString());
                d.put("exit", exit(r));
                d.put("problem", r.problem);
                d.put("run", r.json);
                docs.add(d);
            }
            try {
                out.print(dev.ftpsim.run.Results.toJson(Map.of("runs", docs)));
            } catch (final java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // a string is written, not a file
            }
        } else {
            out.print(table(rows));
        }
        out.flush();
        int worst = Main.EXIT_OK;
        for (final Row r : rows) {
            worst = Math.max(worst, exit(r));
        }
        return worst;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static int exit(final Row r) {
        return r.outcome != null ? r.outcome.exit()
                : r.problem.equals("internal error") ? Main.EXIT_INTERNAL : Main.EXIT_BAD_INPUT;
    }

    private static String table(final List<Row> rows) {
        final TextTable t = new TextTable("file", "scenario", "sessions", "succeeded", "verdict", "results");
        for (final Row r : rows) {
            if (r.outcome == null) {
                t.row(r.file.toString(), "-", "-", "-", r.problem, "-");
                continue;
            }
            final RunSummary s = r.outcome.summary();
            t.row(r.file.toString(), s.scenario(), String.valueOf(s.sessions()), String.valueOf(s.succeeded()),
                    verdict(s), r.outcome.dir().toString());
        }
        return t.render();
    }

    /** "ok", or the failures by reason, most first. */
    private static String verdict(final RunSummary s) {
        if (s.failed() == 0) {
            return s.sessions() == 0 ? "no sessions" : "ok";
        }
        final List<Map.Entry<String, Integer>> reasons = new ArrayList<>(s.failuresByReason().entrySet());
        reasons.sort((a, b) -> b.getValue() - a.getValue());
        final StringBuilder b = new StringBuilder("failed " + s.failed() + ":");
        for (final Map.Entry<String, Integer> e : reasons) {
            b.append(' ').append(e.getKey()).append(' ').append(e.getValue()).append(';');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
