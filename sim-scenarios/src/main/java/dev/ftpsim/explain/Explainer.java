package dev.ftpsim.explain;

import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.run.Breakdown;
import dev.ftpsim.run.EngineFailure;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.Retries;
import dev.ftpsim.run.RunSink;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioEdit;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains a scenario's failures: runs it, and for each population with a failed session words
 * the failure chain and tries each candidate fix of a {@link FixCatalog} on a copy of the file,
 * with the same seed. Runs keep one failed row per population, not every row.
 */
public final class Explainer {
    private final String text;
    private final String fileName;
    private final Path dir;
    private final List<FixSource> sources;
    /** The bytes the scenario's load read, or null: every parse then reads the files. */
    private final SourceFiles read;

    /**
     * @param text the scenario file's text
     * @param fileName its name (errors, YAML or JSON)
     * @param dir the folder its relative paths start from
     */
    public Explainer(final String text, final String fileName, final Path dir, final List<FixSource> sources) {
        this(text, fileName, dir, sources, null);
    }

    private Explainer(final String text, final String fileName, final Path dir, final List<FixSource> sources,
            final SourceFiles read) {
        this.text = text;
        this.fileName = fileName;
        this.dir = dir;
        this.sources = List.copyOf(sources);
        this.read = read;
    }

    /** An explainer of {@code file} with the standard fixes. */
    public static Explainer of(final Path file) throws ScenarioException {
        final SourceFiles read = new SourceFiles();
        ScenarioLoader.load(file, read); // every error of the file, as 'run' reports them
        return of(file, read);
    }

    /**
     * An explainer of {@code file} as a load read it into {@code read}: the scenario's text and the
     * rulesets it loads are those bytes, so a run's candidate fixes are tried on the scenario it
     * ran, whatever was edited meanwhile.
     */
    public static Explainer of(final Path file, final SourceFiles read) throws ScenarioException {
        final String text = ScenarioLoader.text(file, read);
        final Path d = file.toAbsolutePath().getParent();
        return new Explainer(text, file.toString(), d == null ? Path.of(".") : d, FixCatalog.standard(), read);
    }

    /** The files one parse reads: the load's bytes when there was one (a copy per parse: trials run at once). */
    private SourceFiles inputs() {
        return read == null ? new SourceFiles() : read.copy();
    }

    /** The scenario as the file writes it. */
    public Scenario scenario() throws ScenarioException {
        return ScenarioLoader.parse(text, fileName, dir, List.of(), inputs());
    }

    /** Runs the scenario with {@code seed} and explains what failed. */
    public Explanation explain(final long seed) throws IOException, ScenarioException {
        final Scenario s = scenario();
        final FailedRows first = new FailedRows(RunSink.DISCARD);
        final RunSummary sum = ScenarioRunner.run(s, seed, null, null, first).summary();
        return explain(s, seed, sum, first);
    }

    /**
     * Explains a run already made of scenario {@code s} with {@code seed}: its summary, and the
     * failed rows {@code failed} kept of it. Only the fixes are run.
     */
    public Explanation explain(final Scenario s, final long seed, final RunSummary sum, final FailedRows failed)
            throws IOException {
        final Map<String, Results.Row> firstFailed = failed.rows;
        final List<PopulationVerdict> out = new ArrayList<>();
        for (int i = 0; i < s.ftp().clients().size(); i++) {
            final FtpSpec.Clients c = s.ftp().clients().get(i);
            final Breakdown b = sum.populations().get(c.name());
            final Results.Row row = firstFailed.get(c.name());
            if (b == null || b.failed() == 0 || row == null) {
                continue;
            }
            final Diagnosis d = new Diagnosis(s, text, fileName, i, row, sum, dir, read);
            final String keptOut = KeptOut.statement(d);
            final List<String> chain = new ArrayList<>(FailureChain.words(d));
            if (Retries.retried(row.record())) {
                // FileZilla's three tries, lftp's reconnects: the failure came at the end of them
                chain.add(Math.min(1, chain.size()), (row.record().outcome().finished()
                        ? "it tried again before failing: " : "it had tried again when the run stopped: ")
                        + Retries.how(row.record()));
            }
            // What the client sends: over IPv6, EPSV and EPRT for PASV and PORT (as the run's mode column).
            final String mode = (c.serverAddress6() == null ? c.options().mode() : c.options().mode().overIpv6()).name();
            out.add(new PopulationVerdict(c.name(), c.host(), c.profile(), mode, b.sessions(),
                    b.failed(), b.failuresByReason(), row.label(), chain, keptOut,
                    keptOut != null ? List.of() : trials(d, seed, sum)));
        }
        final List<Retried> retried = new ArrayList<>();
        for (int i = 0; i < s.ftp().clients().size(); i++) {
            final FtpSpec.Clients c = s.ftp().clients().get(i);
            final Results.Row row = failed.retried.get(c.name());
            final Breakdown b = sum.populations().get(c.name());
            if (row != null && b != null) {
                retried.add(new Retried(c.name(), String.format(java.util.Locale.ROOT, "%s (%s, on %s): %d of %d"
                        + " succeeded only after retrying; session %s: %s (its ladder: ftpsim ladder FILE --session %s)",
                        c.name(), c.profile(), c.host(), failed.retriedCount.get(c.name()), b.sessions(), row.label(),
                        Retries.how(row.record()), row.label()), firstTry(s, i, row, seed, sum)));
            }
        }
        return new Explanation(s.name(), seed, sum.sessions(), sum.failed(), out, retried);
    }

    /**
     * For a population that succeeded only after retrying in another data setup than it started
     * with: that setup from the start (lftp's {@code set ftp:passive-mode on}, curl's
     * {@code --disable-epsv}), tried with the same seed; it works when every session of the
     * population succeeds without retrying and no other population loses one.
     */
    private List<FixTrial> firstTry(final Scenario s, final int population, final Results.Row row, final long seed,
            final RunSummary before) throws IOException {
        final String last = row.record().identity().lastMode();
        if (last.isEmpty() || last.equals(row.record().identity().mode())) {
            return List.of();
        }
        final List<Fix> fixes = new ArrayList<>();
        fixes.add(new Fix("start the client in the mode it ended in (" + last + ")",
                "its first try then needs no fallback or reconnect", List.of(ScenarioEdit.set("ftp.clients["
                        + population + "].mode", last.toLowerCase(java.util.Locale.ROOT)))));
        // the helper, which makes the first mode work where a NAT or firewall refused it
        fixes.addAll(FixCatalog.helperWhereDropped(new Diagnosis(s, text, fileName, population, row, before, dir, read)));
        final List<FixTrial> out = new ArrayList<>();
        for (final Fix f : fixes) {
            out.add(firstTry(s.ftp().clients().get(population).name(), f, seed, before));
        }
        final List<FixTrial> works = new ArrayList<>(out.stream().filter(FixTrial::works).toList());
        works.addAll(out.stream().filter(t -> !t.works()).toList());
        return works;
    }

    /** Runs the scenario with {@code f}: it works when every session of {@code name} succeeds at its first try. */
    private FixTrial firstTry(final String name, final Fix f, final long seed, final RunSummary before)
            throws IOException {
        final int sessions = before.populations().get(name).sessions();
        final RunSummary after;
        final FailedRows rows = new FailedRows(RunSink.DISCARD);
        try {
            after = ScenarioRunner.run(ScenarioLoader.parse(text, fileName, dir, f.edits(), inputs()), seed, null, null,
                    rows).summary();
        } catch (final ScenarioException | IllegalArgumentException e) {
            return new FixTrial(f.name(), f.why(), f.edits(), List.of(), 0, sessions, 0, false,
                    e.getMessage().lines().findFirst().orElse(""));
        } catch (final EngineFailure e) {
            return new FixTrial(f.name(), f.why(), f.edits(), List.of(), 0, sessions, 0, false, internal(e));
        }
        final Breakdown mine = after.populations().get(name);
        final int lost = lost(before, after, name);
        final int ok = mine == null ? 0 : mine.succeeded() - rows.retriedCount.getOrDefault(name, 0);
        final int n = mine == null ? 0 : mine.sessions();
        return new FixTrial(f.name(), f.why(), f.edits(), List.of(), ok, n, lost, n > 0 && ok == n && lost == 0, null);
    }

    /**
     * Every distinct candidate, tried; those that work first. Each trial is an independent
     * simulation, so they run at once on the machine's cores; the order of the list is the
     * catalog's, whatever order they finish in.
     */
    private List<FixTrial> trials(final Diagnosis d, final long seed, final RunSummary before) throws IOException {
        final Set<List<?>> seen = new LinkedHashSet<>();
        final List<Fix> fixes = new ArrayList<>();
        for (final FixSource src : sources) {
            for (final Fix f : src.propose(d)) {
                if (seen.add(List.of(f.edits(), f.rulesets()))) {
                    fixes.add(f);
                }
            }
        }
        final List<FixTrial> done = new ArrayList<>();
        final int threads = Math.max(1, Math.min(fixes.size(), Runtime.getRuntime().availableProcessors()));
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            final List<java.util.concurrent.Future<FixTrial>> futures = new ArrayList<>();
            for (final Fix f : fixes) {
                futures.add(pool.submit(() -> trial(d, f, seed, before)));
            }
            for (final java.util.concurrent.Future<FixTrial> fu : futures) {
                done.add(fu.get());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while trying fixes");
        } catch (final java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        final List<FixTrial> works = new ArrayList<>(done.stream().filter(FixTrial::works).toList());
        works.addAll(done.stream().filter(t -> !t.works()).toList());
        return works;
    }

    /** Runs the scenario with {@code f}'s edits and the same seed. */
    FixTrial trial(final Diagnosis d, final Fix f, final long seed, final RunSummary before) throws IOException {
        final String name = d.clients().name();
        final int sessions = before.populations().get(name).sessions();
        final Path copies = f.rulesets().isEmpty() ? null : java.nio.file.Files.createTempDirectory("ftpsim-fix");
        final RunSummary after;
        try {
            final Scenario fixed;
            try {
                fixed = ScenarioLoader.parse(text, fileName, dir, withCopies(f.edits(), f.rulesets(), copies), inputs());
            } catch (final ScenarioException | IllegalArgumentException e) {
                return new FixTrial(f.name(), f.why(), f.edits(), f.rulesets(), 0, sessions, 0, false,
                        e.getMessage().lines().findFirst().orElse(""));
            }
            try {
                after = ScenarioRunner.summary(fixed, seed, RunSink.DISCARD);
            } catch (final EngineFailure e) {
                return new FixTrial(f.name(), f.why(), f.edits(), f.rulesets(), 0, sessions, 0, false, internal(e));
            }
        } finally {
            if (copies != null) {
                for (final RulesetEdit r : f.rulesets()) {
                    java.nio.file.Files.deleteIfExists(copies.resolve(r.firewall() + "-"
                            + Path.of(r.file()).getFileName()));
                }
                java.nio.file.Files.deleteIfExists(copies);
            }
        }
        final Breakdown mine = after.populations().get(name);
        final int lost = lost(before, after, name);
        final int ok = mine == null ? 0 : mine.succeeded();
        final int n = mine == null ? 0 : mine.sessions();
        return new FixTrial(f.name(), f.why(), f.edits(), f.rulesets(), ok, n, lost, n > 0 && ok == n && lost == 0,
                null);
    }

    /**
     * {@code edits} and, for each ruleset rewrite, its text written into {@code folder} and the
     * change that reads it there: what a trial (or a user) loads to apply a fix.
     */
    public static List<ScenarioEdit> withCopies(final List<ScenarioEdit> edits, final List<RulesetEdit> rulesets,
            final Path folder) throws IOException {
        final List<ScenarioEdit> all = new ArrayList<>(edits);
        for (final RulesetEdit r : rulesets) {
            all.add(r.writeTo(folder));
        }
        return all;
    }

    /**
     * A sink that keeps each population's first failed row (rows are labelled {@code
     * <population>#<k>}) and hands everything on to another sink: what a run keeps for its
     * explanation, one row per population at most.
     */
    public static final class FailedRows implements RunSink {
        private final RunSink next;
        final Map<String, Results.Row> rows = new LinkedHashMap<>();
        /** Each population's first session that succeeded only after retrying ({@link Retries}), and their count. */
        final Map<String, Results.Row> retried = new LinkedHashMap<>();
        final Map<String, Integer> retriedCount = new LinkedHashMap<>();

        public FailedRows(final RunSink next) {
            this.next = next;
        }

        /** Whether a session succeeded only after retrying: worth explaining though none failed. */
        public boolean anyRetried() {
            return !retried.isEmpty();
        }

        /**
         * "1 only after retrying: client#0 PORT then PASV, on 2 control connections, 15.3 s" of
         * {@code population}, or null when none of its sessions retried: the terminal's verdict.
         */
        public String retriedNote(final String population) {
            final Results.Row r = retried.get(population);
            return r == null ? null : retriedCount.get(population) + " only after retrying: " + r.label() + " "
                    + Retries.how(r.record());
        }

        @Override
        public void begin(final List<String> firewalls, final List<String> columns) throws IOException {
            next.begin(firewalls, columns);
        }

        @Override
        public void sample(final long timeNanos, final long[] values) throws IOException {
            next.sample(timeNanos, values);
        }

        @Override
        public void session(final Results.Row row) throws IOException {
            if (!row.record().ok() && row.label().lastIndexOf('#') > 0) {
                rows.putIfAbsent(row.label().substring(0, row.label().lastIndexOf('#')), row);
            } else if (row.record().ok() && Retries.retried(row.record()) && row.label().lastIndexOf('#') > 0) {
                final String population = row.label().substring(0, row.label().lastIndexOf('#'));
                retried.putIfAbsent(population, row);
                retriedCount.merge(population, 1, Integer::sum);
            }
            next.session(row);
        }

        @Override
        public void forgotten(final List<String> cells) throws IOException {
            next.forgotten(cells);
        }
    }

    /** Sessions of the other populations that succeeded before a fix and no longer do with it. */
    private static int lost(final RunSummary before, final RunSummary after, final String name) {
        int lost = 0;
        for (final Map.Entry<String, Breakdown> e : before.populations().entrySet()) {
            final Breakdown now = after.populations().get(e.getKey());
            if (!e.getKey().equals(name)) {
                lost += Math.max(0, e.getValue().succeeded() - (now == null ? 0 : now.succeeded()));
            }
        }
        return lost;
    }

    /**
     * A trial the engine failed on is ftpsim's bug, not the fix's: that one trial says so and the
     * others still answer (before, the failure ended the whole explanation).
     */
    private static String internal(final EngineFailure e) {
        return "internal error, please report it: " + e.getMessage().lines().findFirst().orElse("");
    }
}
