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

    private record Row(Path file, ScenarioRun.Outcome outcome, String problem) {}

    /**
     * @param outParent the folder that holds each run's folder ({@code <parent>/<scenario name>}),
     *     or null for {@code runs/}
     */
    static int run(final CommandLine.Model.CommandSpec spec, final List<Path> files, final Long seed,
            final Path outParent, final boolean pcap, final boolean failOnError, final boolean progress,
            final boolean explain) {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path parent = outParent != null ? outParent : Path.of("runs");
        final Map<String, Integer> names = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        for (final Path file : files) {
            final Scenario s = ScenarioRun.load(spec, file);
            if (s == null) {
                rows.add(new Row(file, null, "invalid (errors above)"));
                continue;
            }
            // Two files of one scenario name would replace each other's results: number the later.
            final int seen = names.merge(s.name(), 1, Integer::sum);
            final Path dir = parent.resolve(seen == 1 ? s.name() : s.name() + "-" + seen);
            try {
                rows.add(new Row(file, ScenarioRun.run(spec, file, s, seed, dir, pcap, failOnError, progress, explain,
                        false), null));
            } catch (final java.io.IOException | RuntimeException e) {
                err.println(file + ": " + Main.describe(e));
                err.flush();
                rows.add(new Row(file, null, e instanceof RuntimeException && !(e instanceof IllegalArgumentException)
                        ? "internal error" : "not written (error above)"));
            }
            out.println();
        }
        out.print(table(rows));
        out.flush();
        int worst = Main.EXIT_OK;
        for (final Row r : rows) {
            final int exit = r.outcome != null ? r.outcome.exit()
                    : r.problem.equals("internal error") ? Main.EXIT_INTERNAL : Main.EXIT_BAD_INPUT;
            worst = Math.max(worst, exit);
        }
        return worst;
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
