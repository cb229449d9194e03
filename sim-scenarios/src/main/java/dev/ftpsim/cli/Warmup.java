package dev.ftpsim.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.SummaryBuilder;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What a small run needs first, done on the second core while the first builds the command line
 * (picocli's classes, its reflection on the options: tens of milliseconds): the scenario file
 * read (the one file among the arguments, if there is exactly one; picocli still decides what the
 * arguments mean, and {@link #load} hands the result over only for the file it names), then the
 * number formatter (the time series' first sample) and the summary's JSON writer (summary.json,
 * after the simulation). Each costs a small run tens of milliseconds on
 * first use, mostly class initialisation in the interpreter. Only reading and stateless code run
 * here, so nothing a run computes can change; a failure other than the file's own errors is left
 * for the run to meet again and report.
 */
final class Warmup {
    private static volatile Path preloaded;
    private static volatile FutureTask<Loaded> scenario;

    /** A scenario and the bytes of the files its load read (what a sweep's journal digests). */
    record Loaded(Scenario scenario, SourceFiles read) {
    }

    private Warmup() {}

    /** Starts the warm-up for {@code run}, {@code validate} or {@code sweep} (the file only) with these arguments. */
    static void start(final String[] args) {
        final boolean run = args[0].equals("run");
        final Path file = onlyFile(args);
        final FutureTask<Loaded> load = file == null ? null : new FutureTask<>(() -> loadNow(file));
        if (load != null) {
            preloaded = file;
            scenario = load;
        }
        final Thread t = new Thread(() -> {
            if (load != null) {
                load.run(); // its outcome, errors included, is for load(file) to hand over
            }
            try {
                if (load == null) {
                    yaml();
                }
                if (args[0].equals("sweep")) {
                    dev.ftpsim.run.ScenarioInputs.prepare(); // the journal's key: ftpsim's code digested
                }
                if (run) {
                    String.format(Locale.ROOT, "%.3f %,d", 0.5, 1000); // as the run's tables and files do
                    Results.summaryJson(new SummaryBuilder().build("", 0, Map.of(), Map.of()));
                }
            } catch (final Exception | LinkageError e) {
                // Only time was at stake: the run meets the same failure and reports it.
            }
        }, "ftpsim-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The scenario in {@code file}: read beside the command line when it was the file guessed,
     * otherwise read now. Throws the file's errors either way.
     */
    static Scenario load(final Path file) throws ScenarioException {
        return loaded(file).scenario();
    }

    /** {@link #load}, with the bytes the load read. */
    static Loaded loaded(final Path file) throws ScenarioException {
        final FutureTask<Loaded> load = scenario;
        if (load != null && file.equals(preloaded)) {
            scenario = null; // once: a second read of the file (a later command) reads it again
            try {
                return load.get();
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof ScenarioException bad) {
                    throw bad;
                }
                // Anything else: read again here, where it is reported as the command reports it.
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return loadNow(file);
    }

    private static Loaded loadNow(final Path file) throws ScenarioException {
        final SourceFiles read = new SourceFiles();
        return new Loaded(ScenarioLoader.load(file, read), read);
    }

    /** The one argument after the command that names a regular file, or null if none or several do. */
    private static Path onlyFile(final String[] args) {
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-") || args[i].contains("=")) {
                continue;
            }
            final Path p;
            try {
                p = Path.of(args[i]);
            } catch (final java.nio.file.InvalidPathException e) {
                continue;
            }
            if (Files.isRegularFile(p)) {
                if (file != null) {
                    return null;
                }
                file = p;
            }
        }
        return file;
    }

    private static void yaml() throws java.io.IOException {
        try (JsonParser p = new YAMLFactory().createParser("a: [1, 'b', {c: 2.5}]\n")) {
            while (p.nextToken() != null) {
                p.getCurrentLocation();
            }
        }
    }
}
