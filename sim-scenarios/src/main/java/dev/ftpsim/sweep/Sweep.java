package dev.ftpsim.sweep;

import dev.ftpsim.run.AtomicFiles;
import dev.ftpsim.run.FolderLock;
import dev.ftpsim.run.OutputFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs a sweep: every (point, replication) not yet in the output folder's journal, on a fixed
 * thread pool. Workers only compute; the calling thread collects results, and when a point's last
 * replication arrives it appends the point to the journal (and refreshes {@code results.csv} and
 * {@code runs.csv} at most once a second, and at the end), so all file writes happen on one thread, in finishing order, and nothing needs a lock.
 *
 * <pre>{@code
 * SweepResult r = Sweep.run(new SweepSpec(points, 10, 42L),
 *         (point, seed) -> simulate(point.params(), seed),
 *         SweepOptions.in(Path.of("out/sweep")));
 * }</pre>
 */
public final class Sweep {
    /** Held (an OS file lock) while a sweep runs in the folder. */
    static final String LOCK_FILE = ".sweep.lock";

    private Sweep() {
    }

    /** One replication's outcome, as handed from a worker to the collecting thread. */
    private record Done(int point, int replication, Map<String, Double> metrics) {
    }

    /**
     * Runs {@code spec} with {@code task}, resuming from {@code options.outDir()} if it holds the
     * journal of the same sweep. Returns when all points are finished and no task is running.
     *
     * @throws SweepMismatchException if the folder holds another sweep's journal
     * @throws SweepFailedException   if a task threw; finished points stay journaled
     * @throws InterruptedException   if the calling thread was interrupted; running tasks are
     *                                interrupted, finished points stay journaled
     * @throws IOException            on a file error, or when another sweep is running in the folder
     */
    public static SweepResult run(final SweepSpec spec, final SweepTask task, final SweepOptions options)
            throws IOException, InterruptedException {
        return run(spec, task, options, r -> { });
    }

    /**
     * {@link #run(SweepSpec, SweepTask, SweepOptions)}, then {@code page} writes what the caller
     * adds beside the results (the command's {@code report.html}) while the folder is still locked.
     */
    public static SweepResult run(final SweepSpec spec, final SweepTask task, final SweepOptions options,
            final Page page) throws IOException, InterruptedException {
        return run(spec, (s, todo, done) -> {
            final ExecutorService pool = Executors.newFixedThreadPool(
                    Math.min(options.threads(), todo.size() * s.replications()), workerThreads());
            try {
                collect(s, task, todo, pool, done);
            } finally {
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }, options, page);
    }

    /**
     * What a sweep's caller writes into the folder from a finished sweep's results (its page), under
     * the folder's locks: written after them, another sweep or run into the folder could replace
     * the results between the two, and the page would show the other sweep's.
     */
    @FunctionalInterface
    public interface Page {
        void write(SweepResult r) throws IOException;
    }

    /**
     * Where a sweep's simulations run: the local thread pool of {@link #run(SweepSpec, SweepTask,
     * SweepOptions)}, or another engine (sim-spark runs them on a Spark cluster). The sweep keeps the
     * journal, {@code results.csv} and the plots, so every runner writes the same files.
     */
    @FunctionalInterface
    public interface Runner {
        /**
         * Runs every replication of each point in {@code points} (indexes into {@code spec.points()},
         * each computed with {@link #replication}) and hands each outcome to {@code done}, on the
         * calling thread, in any order. Outcomes handed over before a failure stay journaled.
         */
        void run(SweepSpec spec, List<Integer> points, Outcomes done) throws IOException, InterruptedException;
    }

    /** Receives one replication's metrics; journals and publishes a point when its last one arrives. */
    @FunctionalInterface
    public interface Outcomes {
        void accept(int point, int replication, Map<String, Double> metrics) throws IOException;
    }

    /**
     * Runs {@code spec}'s unfinished points with {@code runner}, resuming from {@code options.outDir()}
     * like {@link #run(SweepSpec, SweepTask, SweepOptions)} ({@code options.threads()} is the runner's
     * business).
     */
    public static SweepResult run(final SweepSpec spec, final Runner runner, final SweepOptions options)
            throws IOException, InterruptedException {
        return run(spec, runner, options, r -> { });
    }

    /** {@link #run(SweepSpec, Runner, SweepOptions)}, then {@code page} writes beside the results under the folder's locks. */
    @SuppressWarnings("try") // the lock is held by being open, never referenced
    public static SweepResult run(final SweepSpec spec, final Runner runner, final SweepOptions options,
            final Page page) throws IOException, InterruptedException {
        final Path out = options.outDir();
        // The lock a run into this folder takes (beside it): a run replacing the folder would
        // delete the journal under a sweep. It also refuses a path through a file, or '/'.
        try (FolderLock folder = OutputFolder.lock(out)) {
            Files.createDirectories(out);
            // Before the sweep's own lock file is made: a folder refused must be left as it was (a
            // run's folder holding .sweep.lock could no longer be replaced by a run). The folder's
            // lock, held, keeps runs and other sweeps out meanwhile.
            checkSweepFolder(out);
            // Two sweeps appending to one journal would each run every point: let only one in.
            try (FolderLock lock = FolderLock.acquire(out.resolve(LOCK_FILE), "output folder " + out
                    + " is in use by another running sweep (it holds " + LOCK_FILE + ")")) {
                final SweepResult r = runLocked(spec, runner, options, out);
                page.write(r);
                return r;
            }
        }
    }

    /**
     * Refuses a folder that holds a file a sweep writes beside its journal but no journal: it is
     * not a sweep's folder, and the sweep (or {@code --restart}) would overwrite or delete that
     * file, perhaps the only copy of someone's results.
     */
    private static void checkSweepFolder(final Path out) throws IOException {
        if (Files.exists(out.resolve(Journal.HEADER_FILE_NAME), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(out.resolve(Journal.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(out)) {
            for (final Path f : files.sorted().toList()) {
                final String n = f.getFileName().toString();
                if (written(n)) {
                    throw new IOException("cannot write " + out + ": it holds " + n + " but no sweep journal ("
                            + Journal.HEADER_FILE_NAME + "), so it is not a sweep's folder and the sweep would"
                            + " overwrite that file; choose another --out, or remove it");
                }
            }
        }
    }

    /** Whether a sweep writes a file of this name beside its journal. */
    static boolean written(final String n) {
        return n.equals(ResultsCsv.FILE_NAME) || n.equals(RunsCsv.FILE_NAME) || n.equals(REPORT)
                || n.startsWith("plot-") && (n.endsWith(".png") || n.endsWith(".svg"));
    }

    /**
     * Deletes the temporary files ({@code .<name>.tmp}, {@link AtomicFiles#replace}) a killed sweep
     * left of the files it writes: hidden, they would stay (a plot of a metric no longer drawn, a
     * journal header not written again on resume). Only a sweep's own kind, under the folder's
     * locks, so no live sweep is writing them (the page too: it is written under them).
     */
    private static void clearLeftovers(final Path out) throws IOException {
        if (!Files.exists(out.resolve(Journal.HEADER_FILE_NAME), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(out.resolve(Journal.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            return; // no sweep wrote here yet (a sweep writes its journal first): such files are someone else's
        }
        try (var files = Files.list(out)) {
            for (final Path f : files.toList()) {
                final String n = f.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    final String target = n.substring(1, n.length() - ".tmp".length());
                    if (written(target) || target.equals(Journal.FILE_NAME)
                            || target.equals(Journal.HEADER_FILE_NAME)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** The sweep's page, written by the command's {@link Page} ({@code SweepReport}). */
    private static final String REPORT = "report.html";

    private static SweepResult runLocked(final SweepSpec spec, final Runner runner, final SweepOptions options,
                                         final Path out) throws IOException, InterruptedException {
        clearLeftovers(out);
        if (options.restart()) {
            discard(out);
        }
        final Journal journal = Journal.open(out, spec);
        journal.checkSeeds(spec);
        final int resumed = journal.finished().size();
        final List<Integer> todo = new ArrayList<>();
        for (int p = 0; p < spec.points().size(); p++) {
            if (!journal.finished().containsKey(p)) {
                todo.add(p);
            }
        }
        final Tables results = new Tables(new ResultsCsv(spec), new RunsCsv(spec));
        journal.finished().values().forEach(results::add);
        writeResults(out, results);

        if (!todo.isEmpty()) {
            try (ProgressBar bar = progressBar(options, spec, resumed)) {
                final Collector c = new Collector(spec, journal, results, out, bar);
                try {
                    runner.run(spec, List.copyOf(todo), (p, r, m) -> c.accept(new Done(p, r, m)));
                } finally {
                    c.flush(); // whatever ended the run, the tables show every journalled point
                }
            }
        }
        journal.sortIfComplete(spec);

        final List<PointSummary> rows = results.summaries().rows();
        final List<String> problems = new ArrayList<>();
        final List<Path> plots = options.plots() ? SweepPlots.write(out, spec, rows, options.threads(), problems)
                : List.of();
        return new SweepResult(rows, todo.size(), resumed, out.resolve(ResultsCsv.FILE_NAME), plots, problems);
    }

    private static void collect(final SweepSpec spec, final SweepTask task, final List<Integer> todo,
                                final ExecutorService pool, final Outcomes c) throws IOException, InterruptedException {
        final int reps = spec.replications();
        final CompletionService<Done> done = new ExecutorCompletionService<>(pool);
        // The first failure stops the sweep: tasks not yet started see it and do not start.
        final AtomicReference<SweepFailedException> failure = new AtomicReference<>();
        // Submitted point by point, so points tend to finish (and reach the journal) in order.
        for (final int p : todo) {
            for (int r = 0; r < reps; r++) {
                final int point = p;
                final int rep = r;
                done.submit(() -> {
                    if (failure.get() != null) {
                        throw new CancellationException("an earlier task failed");
                    }
                    try {
                        return new Done(point, rep, replication(spec, task, point, rep));
                    } catch (final SweepFailedException e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    }
                });
            }
        }
        for (int left = todo.size() * reps; left > 0; left--) {
            final Future<Done> f;
            try {
                f = done.take();
            } catch (final InterruptedException e) {
                drain(done, c);
                throw e;
            }
            try {
                final Done d = f.get();
                c.accept(d.point(), d.replication(), d.metrics());
            } catch (final ExecutionException e) {
                drain(done, c);
                if (failure.get() != null) {
                    throw failure.get();
                }
                throw new IllegalStateException("sweep worker failed outside a task", e.getCause());
            }
        }
    }

    /** Before giving up, saves the points that results already waiting in the queue complete. */
    private static void drain(final CompletionService<Done> done, final Outcomes c) throws IOException {
        for (Future<Done> f; (f = done.poll()) != null; ) {
            try {
                final Done d = f.get();
                c.accept(d.point(), d.replication(), d.metrics());
            } catch (final ExecutionException | InterruptedException | CancellationException e) {
                // poll() only returns finished futures: a failed or cancelled one has no result to keep.
            }
        }
    }

    /** Gathers replications per point; journals and publishes each point when its last one arrives. */
    private static final class Collector {
        private final SweepSpec spec;
        private final Journal journal;
        private final Tables results;
        private final Path out;
        private final ProgressBar bar;
        private final Map<Integer, List<Map<String, Double>>> pending = new HashMap<>();
        private final Map<Integer, Integer> count = new HashMap<>();
        /** When the tables were last written ({@link System#nanoTime}), and whether points came since. */
        private long lastWrite = System.nanoTime();
        private boolean stale;

        Collector(final SweepSpec spec, final Journal journal, final Tables results, final Path out,
                  final ProgressBar bar) {
            this.spec = spec;
            this.journal = journal;
            this.results = results;
            this.out = out;
            this.bar = bar;
        }

        void accept(final Done d) throws IOException {
            final int reps = spec.replications();
            final List<Map<String, Double>> got =
                    pending.computeIfAbsent(d.point(), k -> new ArrayList<>(Collections.nCopies(reps, null)));
            got.set(d.replication(), d.metrics());
            if (bar != null) {
                bar.step();
            }
            if (count.merge(d.point(), 1, Integer::sum) < reps) {
                return;
            }
            final List<Long> seeds = new ArrayList<>(reps);
            for (int r = 0; r < reps; r++) {
                seeds.add(SweepSeeds.seed(spec.masterSeed(), d.point(), r));
            }
            final PointResult finished = new PointResult(d.point(), spec.points().get(d.point()).name(), seeds, got);
            journal.append(finished);
            pending.remove(d.point());
            results.add(finished);
            // Rewriting both tables after every point costs O(points) each time: quadratic for a
            // sweep of thousands. The journal is what a resume reads, so the tables are refreshed
            // at most once a second while points come in, and always at the end (flush).
            final long now = System.nanoTime();
            if (now - lastWrite >= REWRITE_INTERVAL_NANOS) {
                writeResults(out, results);
                lastWrite = now;
                stale = false;
            } else {
                stale = true;
            }
            if (bar != null) {
                bar.setExtraMessage(" " + journal.finished().size() + "/" + spec.points().size() + " points");
            }
        }

        /** Writes the tables if points finished since they were last written. */
        void flush() throws IOException {
            if (stale) {
                writeResults(out, results);
                stale = false;
            }
        }
    }

    /** How often {@code results.csv} and {@code runs.csv} are refreshed while a sweep runs. */
    private static final long REWRITE_INTERVAL_NANOS = 1_000_000_000L;

    /**
     * Runs replication {@code r} of point {@code p} with its seed ({@link SweepSeeds}). A null or
     * non-finite metric becomes NaN, "not reported": JSON has no infinities, and a mean with an
     * infinity in it says nothing either. Every runner computes a replication with this.
     *
     * @throws SweepFailedException if the task threw
     */
    public static Map<String, Double> replication(final SweepSpec spec, final SweepTask task, final int p, final int r) {
        final SweepPoint point = spec.points().get(p);
        final long seed = SweepSeeds.seed(spec.masterSeed(), p, r);
        try {
            final Map<String, Double> m = task.run(point, seed);
            if (m == null) {
                throw new IllegalStateException("the task returned no metrics");
            }
            final var copy = new LinkedHashMap<String, Double>();
            m.forEach((k, v) -> copy.put(k, v == null || !Double.isFinite(v) ? Double.NaN : v));
            return copy;
        } catch (final Exception | Error e) {
            throw new SweepFailedException(point, p, r, seed, e);
        }
    }

    /**
     * Deletes what a sweep wrote into {@code out}: its results, plots and page, then its journal
     * (the lock stays). The journal goes last, so a kill in between leaves a folder that still
     * resumes, or is refused, as the journal says.
     */
    private static void discard(final Path out) throws IOException {
        try (var files = Files.list(out)) {
            for (final Path f : files.toList()) {
                if (written(f.getFileName().toString())) {
                    Files.delete(f);
                }
            }
        }
        Files.deleteIfExists(out.resolve(Journal.FILE_NAME));
        Files.deleteIfExists(out.resolve(Journal.HEADER_FILE_NAME));
    }

    /** The two tables rendered from the journal: per point, and per replication. */
    private record Tables(ResultsCsv summaries, RunsCsv runs) {
        void add(final PointResult r) {
            summaries.add(r);
            runs.add(r);
        }
    }

    /**
     * Both tables or neither: each is written beside its target before either is renamed, so a
     * write that fails (a full disk) leaves the two of the same points; one after the other, runs.csv
     * could hold points that results.csv, failing, did not.
     */
    private static void writeResults(final Path out, final Tables results) throws IOException {
        final Map<Path, byte[]> tables = new LinkedHashMap<>();
        tables.put(out.resolve(RunsCsv.FILE_NAME), results.runs().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tables.put(out.resolve(ResultsCsv.FILE_NAME), results.summaries().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AtomicFiles.replaceTogether(tables);
    }

    /** The bar on stderr, or null when off (no bar thread, no terminal probing in tests). */
    private static ProgressBar progressBar(final SweepOptions options, final SweepSpec spec, final int resumedPoints) {
        if (!options.showProgress()) {
            return null;
        }
        final long total = (long) spec.points().size() * spec.replications();
        final long start = (long) resumedPoints * spec.replications();
        return new ProgressBarBuilder()
                .setTaskName("sweep")
                .setInitialMax(total)
                .startsFrom(start, Duration.ZERO)
                .setUnit(" runs", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** Daemon workers: a task that ignores interruption cannot keep the JVM alive after a failure. */
    private static ThreadFactory workerThreads() {
        return daemonThreads("sweep-");
    }

    /** Daemon threads named {@code prefix} and a number. */
    static ThreadFactory daemonThreads(final String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Waits for running tasks to stop, so no task runs once run() returns; a second interrupt gives up. */
    private static void awaitQuietly(final ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // A long simulation that ignores interruption: keep waiting for it.
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
