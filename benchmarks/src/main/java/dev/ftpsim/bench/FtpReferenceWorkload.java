package dev.ftpsim.bench;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.run.OutputFolder;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.RunFiles;
import dev.ftpsim.run.RunSink;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioEdit;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The FTP reference workload, kept fixed so that runs can be compared over time: the scenario
 * file {@code ftp-reference.yaml} beside this class (N clients in one host group, passive FTP
 * through a stateful firewall with the FTP helper and masquerade, each session logs in, downloads
 * 100 KB and quits, Poisson arrivals at N/100 per second) with only N changed, run through the
 * same engine as {@code ftpsim run} and streamed into the same result files.
 *
 * <p>A plain {@code main}, not JMH: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.ftpsim.bench.FtpReferenceWorkload N [OUT]} prints wall time, sessions and events per wall
 * second, peak heap and the outcome counts, and leaves {@code summary.json}, {@code sessions.csv},
 * {@code timeseries.csv} and {@code forgotten.csv} in OUT ({@code runs/ftp-reference-N} by default).
 */
public final class FtpReferenceWorkload {
    /** The file's name, and the size of the file each session downloads (100KB: decimal). */
    static final String FILE = "ftp-reference.yaml";
    static final long BYTES_PER_SESSION = 100_000L;

    /**
     * What one run gave.
     *
     * @param bytes bytes the sessions downloaded, summed from their rows as they were written
     * @param peakHeapBytes the heap pools' peak use during the run (garbage included)
     * @param peakLiveBytes the most heap found in use after a collection, sampled at each progress step
     */
    public record Result(int n, RunSummary summary, long bytes, long events, long simulatedNanos, double wallSeconds,
            long peakHeapBytes, long peakLiveBytes) {
        double sessionsPerSecond() {
            return summary.sessions() / wallSeconds;
        }

        double eventsPerSecond() {
            return events / wallSeconds;
        }
    }

    private FtpReferenceWorkload() {}

    /** The scenario file's text, as it is kept in the jar. */
    static String text() {
        try (InputStream in = FtpReferenceWorkload.class.getResourceAsStream(FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workload for {@code n} sessions: the file with its client count, sessions and arrival rate set. */
    public static Scenario scenario(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1, not " + n);
        }
        final String rate = java.math.BigDecimal.valueOf(n).movePointLeft(2).stripTrailingZeros().toPlainString();
        try {
            return ScenarioLoader.parse(text(), FILE, Path.of("."), List.of(
                    ScenarioEdit.set("hosts.clients.count", String.valueOf(n)),
                    ScenarioEdit.set("ftp.clients[0].sessions", String.valueOf(n)),
                    ScenarioEdit.set("ftp.clients[0].arrivals", "poisson " + rate + "/s")));
        } catch (final ScenarioException e) {
            throw new IllegalStateException("the reference workload does not load for N = " + n + ": " + e.getMessage(), e);
        }
    }

    /** Runs the workload for {@code n} sessions with its own seed, streaming the result files into {@code out}. */
    public static Result run(final int n, final Path out) throws IOException {
        final Scenario s = scenario(n);
        final HeapWatch heap = new HeapWatch();
        final long t0 = System.nanoTime();
        final RunResult r;
        final long[] bytes = new long[1];
        try (OutputFolder folder = OutputFolder.open(out);
             RunFiles files = new RunFiles(folder.staging(), ScenarioRunner.expectedSamples(s))) {
            final RunSink counting = new CountingSink(files, bytes);
            r = Ftpsim.stream(s, s.seed(), counting, null, t -> heap.sample());
            files.finish();
            Results.writeSummary(folder.staging().resolve("summary.json"), r.summary());
            folder.commit();
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        heap.sample();
        return new Result(n, r.summary(), bytes[0], r.events(), r.simulatedNanos(), wall, HeapWatch.peakUsed(),
                heap.peakLive());
    }

    /** Passes everything on to the files, summing the bytes of each session row on the way. */
    private record CountingSink(RunSink files, long[] bytes) implements RunSink {
        @Override
        public void begin(final List<String> firewalls, final List<String> columns) throws IOException {
            files.begin(firewalls, columns);
        }

        @Override
        public void sample(final long timeNanos, final long[] values) throws IOException {
            files.sample(timeNanos, values);
        }

        @Override
        public void session(final Results.Row row) throws IOException {
            bytes[0] += row.record().transfer().bytes();
            files.session(row);
        }

        @Override
        public void forgotten(final List<String> cells) throws IOException {
            files.forgotten(cells);
        }
    }

    /** {@code N [OUT]}: runs the workload once and prints its figures. */
    public static void main(final String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: FtpReferenceWorkload N [OUT]");
            System.exit(2);
        }
        final int n = Integer.parseInt(args[0].replace("_", "").replace(",", ""));
        final Path out = Path.of(args.length > 1 ? args[1] : "runs/ftp-reference-" + n);
        HeapWatch.reset();
        final Result r = run(n, out);
        final RunSummary s = r.summary();
        System.out.printf(Locale.ROOT, "FTP reference workload, N = %,d (max heap %,d MB)%n", n,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "sessions %,d: %,d ok, %,d failed %s%n", s.sessions(), s.succeeded(), s.failed(),
                s.failuresByReason());
        System.out.printf(Locale.ROOT, "bytes downloaded %,d (N x 100 KB = %,d)%n", r.bytes(), n * BYTES_PER_SESSION);
        System.out.printf(Locale.ROOT, "simulated %.3f s, %,d events%n", r.simulatedNanos() / 1e9, r.events());
        System.out.printf(Locale.ROOT, "wall %.1f s, %,.0f sessions/s, %,.0f events/s%n", r.wallSeconds(),
                r.sessionsPerSecond(), r.eventsPerSecond());
        System.out.printf(Locale.ROOT, "peak heap used %,d MB, peak live heap (after a collection) %,d MB%n",
                r.peakHeapBytes() >> 20, r.peakLiveBytes() >> 20);
        System.out.printf(Locale.ROOT, "conntrack %s, peak %s; drops %s%n", s.conntrack(), s.conntrackPeak(), s.drops());
        System.out.println("results in " + out);
    }
}
