package dev.ftpsim.cli;

import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.scenario.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;

/**
 * {@code ftpsim run a.yaml b.yaml ...}: each file into a folder of its own, in this process, then
 * one table of every file's verdict. Files run {@code threads} at a time, each printing into a
 * buffer that is copied out in the files' order, so the output reads as if they ran in turn; they
 * start longest first, by {@link RunCost}'s guess, so that the longest does not finish last. A file
 * that does not load (its errors printed with file, line and column) or cannot be written is
 * reported and the others still run; the exit code is the worst of the files' (2 bad input over 1
 * failed sessions, with {@code --fail-on-error}, over 0).
 */
final class MultiRun {
    private MultiRun() {}

    /** One file's run; {@code json} its {@code run --json} document when one was asked for. */
    private record Row(Path file, ScenarioRun.Outcome outcome, String problem, Object json) {}

    /** A file's scenario and the bytes its load read (null when it did not load), and the errors loading it printed. */
    private record Loaded(Scenario scenario, SourceFiles read, String errors) {
        static Loaded of(final Path file) {
            final StringWriter errors = new StringWriter();
            final Warmup.Loaded l = ScenarioRun.loaded(new PrintWriter(errors), file);
            return new Loaded(l == null ? null : l.scenario(), l == null ? null : l.read(), errors.toString());
        }
    }

    /** What one file printed, and its row. */
    private record Done(String out, String err, Row row) {}

    /**
     * @param outParent the folder that holds each run's folder ({@code <parent>/<scenario name>}),
     *     or null for {@code runs/}
     * @param threads files run at once; with one, each prints as it goes (and may draw a progress bar)
     * @param png also write each run's {@code timeseries.png}
     */
    static int run(final CommandLine.Model.CommandSpec spec, final List<Path> files, final Long seed,
            final Path outParent, final boolean pcap, final boolean failOnError, final boolean progress,
            final boolean explain, final boolean json, final int threads, final boolean png) {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Integer snaplen = ScenarioRun.snaplen(spec);
        final Path parent = outParent != null ? outParent : Path.of("runs");
        final Map<String, Integer> names = new HashMap<>();
        final List<Row> rows = new ArrayList<>();
        final boolean inTurn = threads <= 1 || files.size() == 1;
        final ExecutorService pool = inTurn ? null : Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
            final Thread t = new Thread(r, "ftpsim-run");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<Future<Done>> pending = new ArrayList<>();
            if (inTurn) {
                for (final Path file : files) {
                    final Warmup.Loaded l = ScenarioRun.loaded(err, file);
                    final Scenario s = l == null ? null : l.scenario();
                    // Two files of one scenario name would replace each other's results: number the later.
                    final Path dir = s == null ? null : dir(parent, s.name(), names);
                    rows.add(runOne(out, err, "", file, s, l == null ? null : l.read(), dir, snaplen, seed, pcap, failOnError, progress && !json,
                            explain, json, png).row());
                }
            } else {
                // Loaded at once (each file's errors kept for its turn to print), then run longest first.
                final List<Future<Loaded>> loads = new ArrayList<>();
                for (final Path file : files) {
                    loads.add(pool.submit(() -> Loaded.of(file)));
                }
                final List<Loaded> loaded = new ArrayList<>();
                final List<Path> dirs = new ArrayList<>();
                final List<Long> costs = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    final Loaded l = loads.get(i).get();
                    loaded.add(l);
                    dirs.add(l.scenario() == null ? null : dir(parent, l.scenario().name(), names));
                    costs.add(l.scenario() == null ? 0 : RunCost.packets(l.scenario()));
                }
                // A long file runs in a JVM of its own, with C2 (see ForkedRun).
                final int forked = ForkedRun.choose(costs, threads);
                final List<Callable<Done>> jobs = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    final Path file = files.get(i);
                    final Loaded l = loaded.get(i);
                    final Path dir = dirs.get(i);
                    final boolean own = i == forked && l.scenario() != null;
                    jobs.add(() -> own ? forkOne(l.errors(), file, l.scenario(), l.read(), dir, snaplen, seed, pcap,
                            failOnError, explain, json, png) : runOne(null, null, l.errors(), file, l.scenario(), l.read(), dir, snaplen, seed,
                            pcap, failOnError, false, explain, json, png));
                }
                // The longest guessed first: a long file listed last would otherwise run alone at the
                // end while the other threads idle. What each prints is still copied out in the files' order.
                final List<Integer> order = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++) {
                    order.add(i);
                }
                order.sort((a, b) -> Long.compare(costs.get(b), costs.get(a))); // stable: ties in the files' order
                pending.addAll(java.util.Collections.nCopies(jobs.size(), null));
                for (final int i : order) {
                    pending.set(i, pool.submit(jobs.get(i)));
                }
            }
            for (final Future<Done> f : pending) {
                final Done d = f.get();
                err.print(d.err());
                err.flush();
                out.print(d.out());
                out.flush();
                rows.add(d.row());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final Exception e) {
            // runOne catches what a file's run throws; anything else is ours.
            throw new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
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
                out.print(dev.ftpsim.run.Results.toJsonForStdout(Map.of("runs", docs)));
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

    private static Path dir(final Path parent, final String name, final Map<String, Integer> names) {
        final int seen = names.merge(name, 1, Integer::sum);
        return parent.resolve(seen == 1 ? name : name + "-" + seen);
    }

    /**
     * Runs one loaded file ({@code s}, null when it did not load); prints to {@code directOut} and
     * {@code directErr}, or when they are null into the returned buffers, after {@code loadErrors}.
     */
    private static Done runOne(final PrintWriter directOut, final PrintWriter directErr, final String loadErrors,
            final Path file, final Scenario s, final SourceFiles read, final Path dir, final Integer snaplen,
            final Long seed, final boolean pcap, final boolean failOnError, final boolean progress, final boolean explain,
            final boolean json, final boolean png) throws java.io.IOException {
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        errText.append(loadErrors);
        final PrintWriter err = directErr != null ? directErr : new PrintWriter(errText);
        final PrintWriter printed = directOut != null ? directOut : new PrintWriter(outText);
        final Row row;
        if (s == null) {
            row = new Row(file, null, "invalid (errors above)", null);
        } else {
            // With --json each file's document is captured and all are printed as one at the end.
            final StringWriter doc = new StringWriter();
            final PrintWriter out = json ? new PrintWriter(doc) : printed;
            Row r;
            try {
                final ScenarioRun.Outcome o = ScenarioRun.run(out, err, snaplen, file, s, read, seed, dir, pcap, failOnError,
                        progress, explain, json, png);
                out.flush();
                r = new Row(file, o, null, json ? JSON.readTree(doc.toString()) : null);
            } catch (final java.io.IOException | RuntimeException e) {
                err.println(file + ": " + Main.describe(e));
                r = new Row(file, null, e instanceof RuntimeException && !(e instanceof IllegalArgumentException)
                        ? "internal error" : "not written (error above)", null);
            }
            row = r;
        }
        err.flush();
        if (!json) {
            printed.println();
        }
        printed.flush();
        return new Done(outText.toString(), errText.toString(), row);
    }

    /**
     * Runs one loaded file as {@link ForkedRun} does, into the returned buffers as {@link #runOne}
     * would print them; runs it here instead when no child JVM can be started, from the bytes its
     * load read ({@code read}), as every file run here.
     */
    private static Done forkOne(final String loadErrors, final Path file, final Scenario s, final SourceFiles read,
            final Path dir,
            final Integer snaplen, final Long seed, final boolean pcap, final boolean failOnError,
            final boolean explain, final boolean json, final boolean png) throws java.io.IOException,
            InterruptedException {
        final List<String> options = new ArrayList<>(List.of("--out", dir.toString(), "--no-progress"));
        if (seed != null) {
            options.addAll(List.of("--seed", seed.toString()));
        }
        if (snaplen != null) {
            options.addAll(List.of("--snaplen", snaplen.toString()));
        }
        if (pcap) {
            options.add("--pcap");
        }
        if (failOnError) {
            options.add("--fail-on-error");
        }
        if (!explain) {
            options.add("--no-explain");
        }
        if (json) {
            options.add("--json");
        }
        if (png) {
            options.add("--png");
        }
        final ForkedRun.Result r;
        try {
            r = ForkedRun.run(options, file, ForkedRun.digest(read));
        } catch (final java.io.IOException e) {
            return runOne(null, null, loadErrors, file, s, read, dir, snaplen, seed, pcap, failOnError, false, explain,
                    json, png);
        }
        if (r.exit() == ForkedRun.EXIT_CHANGED) {
            // Edited since this process loaded it: run what was loaded, as the other files do.
            return runOne(null, null, loadErrors, file, s, read, dir, snaplen, seed, pcap, failOnError, false, explain,
                    json, png);
        }
        final Row row;
        if (r.exit() == Main.EXIT_OK || r.exit() == Main.EXIT_FAILED) {
            final RunSummary summary = JSON.readValue(dir.resolve("summary.json").toFile(), RunSummary.class);
            row = new Row(file, new ScenarioRun.Outcome(r.exit(), summary, dir), null,
                    json ? JSON.readTree(r.out()) : null);
        } else {
            row = new Row(file, null, r.exit() == Main.EXIT_BAD_INPUT ? "not written (error above)"
                    : "internal error", null);
        }
        return new Done(json ? "" : r.out() + System.lineSeparator(), loadErrors + r.err(), row);
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
                    verdict(s, dev.ftpsim.report.RunReport.retriedSessions(r.outcome.dir())), r.outcome.dir().toString());
        }
        return t.render();
    }

    /** "ok", or the failures by reason, most first; then the successes that came only after retrying. */
    private static String verdict(final RunSummary s, final int retried) {
        final String more = retried == 0 ? "" : "; " + retried + " ok only after retrying";
        if (s.failed() == 0) {
            return s.sessions() == 0 ? "no sessions" : "ok" + more;
        }
        final List<Map.Entry<String, Integer>> reasons = new ArrayList<>(s.failuresByReason().entrySet());
        reasons.sort((a, b) -> b.getValue() - a.getValue());
        final StringBuilder b = new StringBuilder("failed " + s.failed() + ":");
        for (final Map.Entry<String, Integer> e : reasons) {
            b.append(' ').append(e.getKey()).append(' ').append(e.getValue()).append(';');
        }
        b.setLength(b.length() - 1);
        return b + more;
    }
}
