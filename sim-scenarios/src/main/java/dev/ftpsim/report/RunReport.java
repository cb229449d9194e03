package dev.ftpsim.report;

import dev.ftpsim.run.AtomicFiles;
import dev.ftpsim.run.LadderCandidates;
import dev.ftpsim.run.LadderDrawing;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html} of a run, from the files in its folder: the verdict per population (from
 * {@code sessions.csv}), the explain section ({@value #EXPLAIN_FILE}, if the run wrote one), the
 * ladder of the first failing session (recorded by the run, or the scenario run again with the same
 * seed, recording it),
 * the time-series plot and the scenario's text.
 */
public final class RunReport {
    /** The explain section's text, read from the run's folder when present (the fix advisor writes it). */
    public static final String EXPLAIN_FILE = "explain.md";
    /**
     * Runs of more simulated events than this get no ladder in the report (drawing one runs the
     * scenario again); {@code ftpsim ladder} draws it on demand.
     */
    public static final long LADDER_EVENT_BUDGET = 20_000_000L;

    private RunReport() {}

    /**
     * Writes {@code dir/report.html} atomically.
     *
     * @param dir the run's (staged) folder, holding {@code sessions.csv} and the plots
     * @param file the scenario file, whose name the page shows
     * @param text the scenario's text as the run loaded it, not the file as it is now (null: the
     *     file is read)
     * @param summary the run's summary: where packets were dropped
     * @param ladderSection from {@link #ladderSection}: a run draws it (running the scenario
     *     again) while it explains its failures and prints its verdict
     */
    public static void write(final Path dir, final Scenario s, final Path file, final String text, final long seed,
            final RunSummary summary, final String ladderSection) throws IOException {
        write(dir, s, file, text, seed, summary, ladderSection, null, null);
    }

    /**
     * As above; {@code explainProblem} and {@code plotProblem}, when not null, say why the run has
     * no explain section or no plot (they could not be drawn), in their sections' place.
     */
    public static void write(final Path dir, final Scenario s, final Path file, final String text, final long seed,
            final RunSummary summary, final String ladderSection, final String explainProblem,
            final String plotProblem) throws IOException {
        final CsvTable sessions = CsvTable.read(dir.resolve("sessions.csv"));
        final int total = sessions.rows().size();
        final long failed = sessions.rows().stream().filter(r -> !sessions.cell(r, "outcome").equals("ok")).count();
        final HtmlPage page = new HtmlPage("ftpsim run: " + s.name(), String.format(Locale.ROOT,
                "seed %d · %d of %d sessions succeeded · %s", seed, total - failed, total, file.getFileName()));
        page.section("verdicts", "Verdict per population", verdicts(sessions));
        page.section("drops", "Where packets were dropped", drops(summary));
        if (!summary.balancers().isEmpty()) {
            page.section("balancers", "What HAProxy's health checks and queue did", balancers(summary));
        }
        page.section("explain", "Explain", explainProblem != null ? HtmlPage.note(explainProblem + ".") : explain(dir));
        page.section("ladder", "Ladder of the first failing session", ladderSection);
        final Path plot = dir.resolve("timeseries.svg");
        page.section("plots", "Plots", plotProblem != null ? HtmlPage.note(plotProblem + ".") : Files.exists(plot)
                ? HtmlPage.svg("plot-timeseries", Files.readString(plot, StandardCharsets.UTF_8))
                : HtmlPage.note(s.record().timeseriesNanos() == 0 ? "No time series (record.timeseries is 0)."
                : "No plot: the run ended before its second sample (record.timeseries is one every "
                        + dev.ftpsim.core.units.Units.formatDuration(s.record().timeseriesNanos()) + ")."));
        page.section("scenario", "Scenario " + file.getFileName(), text == null ? scenarioText(file)
                : HtmlPage.pre("scenario-text", text));
        AtomicFiles.replace(dir.resolve("report.html"), page.render());
    }

    /** The ladder section of the run in {@code dir} (its {@code sessions.csv} written): the first failing session's. */
    public static String ladderSection(final Path dir, final Scenario s, final long seed, final long events)
            throws IOException {
        return ladderSection(dir, s, seed, events, null);
    }

    /**
     * As above, drawn from what the run recorded in {@code recorded} when it holds that session
     * (null: nothing), else by running the scenario again; the same section either way.
     */
    public static String ladderSection(final Path dir, final Scenario s, final long seed, final long events,
            final LadderCandidates recorded) throws IOException {
        return ladder(CsvTable.read(dir.resolve("sessions.csv")), s, seed, events, recorded);
    }

    /**
     * The sessions of the run in {@code dir} that succeeded only after retrying (its {@code
     * sessions.csv}); 0 when it has none or cannot be read: what a table of several runs adds to
     * an "ok".
     */
    public static int retriedSessions(final Path dir) {
        try {
            final CsvTable t = CsvTable.read(dir.resolve("sessions.csv"));
            return (int) t.rows().stream().filter(r -> t.cell(r, "outcome").equals("ok")
                    && dev.ftpsim.run.Retries.retried(k -> t.cell(r, k))).count();
        } catch (final IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One row per population (the session label before '#'): counts, modes, failure reasons. */
    private static String verdicts(final CsvTable t) {
        final Map<String, int[]> counts = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> reasons = new LinkedHashMap<>();
        final Map<String, java.util.Set<String>> modes = new LinkedHashMap<>();
        for (final List<String> r : t.rows()) {
            final String label = t.cell(r, "session");
            final String pop = label.contains("#") ? label.substring(0, label.lastIndexOf('#')) : label;
            final int[] c = counts.computeIfAbsent(pop, k -> new int[3]);
            // the mode it started with, and the one it ended in when that differs (curl's EPSV then PASV)
            final String mode = t.cell(r, "mode");
            final String last = t.cell(r, "last_mode");
            modes.computeIfAbsent(pop, k -> new java.util.TreeSet<>()).add(last.isEmpty() || last.equals(mode)
                    ? mode : mode + " then " + last);
            if (t.cell(r, "outcome").equals("ok")) {
                c[0]++;
                if (dev.ftpsim.run.Retries.retried(k -> t.cell(r, k))) {
                    c[2]++;
                }
            } else {
                c[1]++;
                reasons.computeIfAbsent(pop, k -> new TreeMap<>()).merge(t.cell(r, "reason"), 1, Integer::sum);
            }
        }
        final List<List<String>> rows = new ArrayList<>();
        final List<String> classes = new ArrayList<>();
        counts.forEach((pop, c) -> {
            final StringBuilder why = new StringBuilder();
            reasons.getOrDefault(pop, Map.of()).forEach((reason, n) ->
                    why.append(why.length() > 0 ? "; " : "").append(reason).append(" × ").append(n));
            rows.add(List.of(pop, String.valueOf(c[0] + c[1]), String.valueOf(c[0]), String.valueOf(c[1]),
                    (c[1] == 0 ? "ok" : "failing") + (c[2] == 0 ? "" : ", " + c[2] + " ok only after retrying"),
                    String.join(", ", modes.get(pop)), why.toString()));
            classes.add(c[1] == 0 ? "ok" : "failed");
        });
        if (rows.isEmpty()) {
            return HtmlPage.note("No session ran.");
        }
        return HtmlPage.table("verdict-table", List.of("population", "sessions", "succeeded", "failed", "verdict",
                "modes", "failure reasons"), rows, classes);
    }

    /**
     * One row per place a packet died: a firewall's rule or policy, conntrack, an interface's full
     * queue or its link's loss, a missing route; most packets first, then by place.
     */
    static String drops(final RunSummary s) {
        record Row(String where, String what, long packets) {}
        final List<Row> rows = new ArrayList<>();
        s.drops().forEach((fw, byRule) -> byRule.forEach((rule, n) -> rows.add(new Row(fw, rule, n))));
        s.interfaceDrops().forEach((where, byCause) -> byCause.forEach((cause, n) ->
                rows.add(new Row(where, cause.replace('_', ' '), n))));
        if (rows.isEmpty()) {
            return HtmlPage.note("No packet was dropped: no firewall rule, full queue, link loss, missing route"
                    + " or balancer stopped one.");
        }
        rows.sort(java.util.Comparator.comparingLong(Row::packets).reversed().thenComparing(Row::where)
                .thenComparing(Row::what));
        return HtmlPage.table("drop-table", List.of("where", "what", "packets"),
                rows.stream().map(r -> List.of(r.where(), r.what(), String.valueOf(r.packets()))).toList(), null)
                + HtmlPage.note("A firewall's drops name its rule; an interface's are its own: \"queue full\" is its"
                + " output queue overflowing (tc -s qdisc's dropped), \"loss\" its link losing the packet; a balancer's"
                + " \"no backend\" a new connection with no healthy backend, \"no flow\" a packet of a connection"
                + " its table does not hold.");
    }

    /** Each server a health check marked down or up, as HAProxy logs it; each balancer's checks and queue. */
    static String balancers(final RunSummary s) {
        final List<List<String>> rows = new ArrayList<>();
        final StringBuilder counts = new StringBuilder();
        s.balancers().forEach((lb, log) -> {
            log.servers().forEach((server, sv) -> {
                sv.transitions().forEach(t -> rows.add(List.of(String.format(java.util.Locale.ROOT, "%.3f", t.seconds()),
                        lb, server, t.words(lb, server))));
                if (sv.checks() > 0) {
                    counts.append(lb).append('/').append(server).append(": ").append(sv.checks()).append(" checks, ")
                            .append(sv.checksRefused()).append(" refused. ");
                }
            });
            if (log.servers().values().stream().allMatch(sv -> sv.checks() == 0)) {
                counts.append(lb).append(" checked no server in the run. ");
            }
            if (log.queued() > 0) {
                counts.append(lb).append(": ").append(log.queued()).append(" connections waited in the queue for a"
                        + " server under its maxconn, ").append(log.queueTimeouts()).append(" closed there by timeout"
                        + " queue. ");
            }
        });
        final String table = rows.isEmpty() ? HtmlPage.note("No check marked a server down or up.")
                : HtmlPage.table("balancer-table", List.of("time s", "balancer", "server", "HAProxy's log"), rows, null);
        return table + HtmlPage.note(counts.toString().trim());
    }

    /** The fix advisor's text if the run left it in its folder; otherwise where it comes from. */
    static String explain(final Path dir) throws IOException {
        final Path f = dir.resolve(EXPLAIN_FILE);
        if (Files.exists(f)) {
            // the text as a Markdown reader sees it: the escapes that keep the scenario's text literal dropped
            return HtmlPage.pre("explain-text",
                    dev.ftpsim.explain.MarkdownText.plain(Files.readString(f, StandardCharsets.UTF_8)));
        }
        return HtmlPage.note("No explain section in this run's folder (" + EXPLAIN_FILE + "); `ftpsim explain FILE`"
                + " names the failure chain and the fixes that work.");
    }

    private static String ladder(final CsvTable t, final Scenario s, final long seed, final long events,
            final LadderCandidates recorded) throws IOException {
        final List<String> first = t.rows().stream().filter(r -> !t.cell(r, "outcome").equals("ok")).findFirst()
                .orElse(null);
        if (first == null) {
            // a success after a retry is drawn on demand: its ladder shows what the first try met
            final String retried = t.rows().stream().filter(r -> dev.ftpsim.run.Retries.retried(k -> t.cell(r, k)))
                    .map(r -> t.cell(r, "session")).findFirst().orElse(null);
            return HtmlPage.note(retried == null ? "Every session succeeded." : "Every session succeeded, " + retried
                    + " only after retrying; draw it with ftpsim ladder FILE --session " + retried + ".");
        }
        final String label = t.cell(first, "session");
        final String name = label.substring(0, Math.max(0, label.lastIndexOf('#')));
        int population = -1;
        for (int i = 0; i < s.ftp().clients().size() && population < 0; i++) {
            population = s.ftp().clients().get(i).name().equals(name) ? i : -1;
        }
        final String command = "ftpsim ladder FILE --session " + label;
        if (population < 0) {
            return HtmlPage.note("The failing session " + label + " names no population; draw it with " + command + ".");
        }
        if (events > LADDER_EVENT_BUDGET) {
            return HtmlPage.note(String.format(Locale.ROOT, "Not drawn here: the run has %,d simulated events (more"
                    + " than %,d) and drawing runs it again; draw it with %s.", events, LADDER_EVENT_BUDGET, command));
        }
        final int session = Integer.parseInt(t.cell(first, "index"));
        final LadderDrawing kept = recorded == null ? null : recorded.drawing(population, session, label);
        final LadderDrawing d = kept != null ? kept : LadderDrawing.draw(s, seed, population, session, label);
        return HtmlPage.note(String.format(Locale.ROOT, "%s: %d arrows, %d dropped (also: %s).", d.title(), d.arrows(),
                d.dropped(), command)) + HtmlPage.svg("ladder-svg", d.svg());
    }

    static String scenarioText(final Path file) throws IOException {
        return HtmlPage.pre("scenario-text", Files.readString(file, StandardCharsets.UTF_8));
    }
}
