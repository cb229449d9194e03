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
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The FTP reference workload, kept fixed so that runs can be compared over time: a scenario file
 * ({@link #text}: N clients, passive FTP through a stateful firewall with the FTP helper and
 * masquerade, each session logs in, downloads 100 KB and quits, Poisson arrivals at N/100 per
 * second) run through the same engine as {@code ftpsim run} and streamed into the same result files.
 *
 * <p>A plain {@code main}, not JMH: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.ftpsim.bench.FtpReferenceWorkload N [OUT]} prints wall time, sessions and events per wall
 * second, peak heap and the outcome counts, and leaves {@code summary.json}, {@code sessions.csv},
 * {@code timeseries.csv} and {@code forgotten.csv} in OUT ({@code runs/ftp-reference-N} by default);
 * {@code --scenario N} prints the file instead, for {@code ftpsim run}.
 */
public final class FtpReferenceWorkload {
    /** The name the scenario's text goes by in errors, and the size of each download (100KB: decimal). */
    static final String FILE = "ftp-reference.yaml";
    static final long BYTES_PER_SESSION = 100_000L;
    /**
     * Servers, and client groups, one per server. Masquerade gives all clients one address, and
     * conntrack holds each control connection's tuple for TIME_WAIT's 120 s after it closes, so one
     * server's port 21 takes at most 64,512 / 120 = 537 new sessions a second from behind it (then
     * "nat ports exhausted", in Linux as here); 32 servers take 17,000, above the 10,000 of N = 1,000,000.
     */
    static final int SERVERS = 32;

    /**
     * What one run gave.
     *
     * @param bytes bytes the sessions downloaded, summed from their rows as they were written
     * @param peakHeapBytes the heap pools' peak use during the run (garbage included)
     * @param peakLiveBytes the most heap found in use right after a collection (live data and old garbage)
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

    /**
     * The scenario file of the workload for {@code n} sessions, as {@code ftpsim run} reads it. The
     * clients are split into {@value #SERVERS} groups (fewer when N is smaller) of N / 32 hosts
     * each, on their own /13 of 10.0.0.0/8 behind the router's interface of the same number; group
     * j runs one session per host against server j, Poisson at (its hosts)/100 per second, so the
     * populations together arrive as one Poisson process at N/100 per second.
     */
    public static String text(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1, not " + n);
        }
        final int groups = Math.min(SERVERS, n);
        final StringBuilder hosts = new StringBuilder();
        final StringBuilder lans = new StringBuilder();
        final StringBuilder links = new StringBuilder();
        final StringBuilder servers = new StringBuilder();
        final StringBuilder clients = new StringBuilder();
        for (int j = 0; j < groups; j++) {
            final int count = n / groups + (j < n % groups ? 1 : 0);
            final String g = String.format(Locale.ROOT, "%02d", j);
            final String rate = java.math.BigDecimal.valueOf(count).movePointLeft(2).stripTrailingZeros().toPlainString();
            hosts.append("  clients").append(g).append(": { count: ").append(count).append(", subnet: 10.")
                    .append(8 * j).append(".0.0/13 }\n");
            hosts.append("  server").append(g).append(": { address: 203.0.113.").append(10 + j).append("/24 }\n");
            lans.append("lan").append(g).append(": 10.").append(8 * j).append(".0.1/13, ");
            links.append("  - { ends: [clients").append(g).append(", fw.lan").append(g)
                    .append("], bandwidth: 100Mbps, delay: 5ms }\n");
            links.append("  - { ends: [dmz, server").append(g).append("], bandwidth: 10Gbps, delay: 500us, queue: 10000 packets }\n");
            servers.append("    - { host: server").append(g)
                    .append(", passive-ports: 30000-39999, files: { /pub/100K.bin: 100KB } }\n");
            clients.append("    - { host: clients").append(g).append(", server: server").append(g).append(", mode: pasv, sessions: ")
                    .append(count).append(", arrivals: poisson ").append(rate).append("/s, script: [login anonymous, get /pub/100K.bin] }\n");
        }
        return "# The FTP reference workload for N = " + n + ", kept fixed so that runs can be compared over time\n"
                + "# (written by dev.ftpsim.bench.FtpReferenceWorkload): N clients, passive FTP through a stateful\n"
                + "# firewall with the FTP helper and masquerade; each client logs in, downloads 100 KB and quits\n"
                + "# (QUIT follows the script); Poisson arrivals at N/100 per second over " + groups + " servers.\n"
                + "# Expected: every session succeeds and delivers 100,000 bytes.\n"
                + "name: ftp-reference\nseed: 1\nstop: 300s\nhosts:\n" + hosts
                + "switches:\n  dmz: {}\nrouters:\n  fw: { interfaces: { " + lans + "wan: 203.0.113.1/24 } }\nlinks:\n" + links
                + "  - { ends: [fw.wan, dmz], bandwidth: 40Gbps, delay: 500us, queue: 10000 packets }\n"
                + "firewall:\n  fw:\n"
                + "    # 10,000 sessions a second at N = 1,000,000, two connections each, 120 s in TIME_WAIT: 2.4 M entries\n"
                + "    conntrack: { max: 4194304, helpers: [ftp] }\n"
                + "    prerouting: ['tcp dport 21 ct helper set \"ftp\"']\n"
                + "    forward:\n      policy: drop\n      rules:\n        - ct state established,related accept\n"
                + "        - oif wan tcp dport 21 ct state new accept\n"
                + "    nat:\n      postrouting: [oif wan masquerade]\n"
                + "ftp:\n  servers:\n" + servers + "  clients:\n" + clients
                + "record:\n  pcap: []\n  timeseries: 1s\n";
    }

    /** The workload for {@code n} sessions, loaded as {@code ftpsim run} loads its file. */
    public static Scenario scenario(final int n) {
        try {
            return ScenarioLoader.parse(text(n), FILE, Path.of("."));
        } catch (final ScenarioException e) {
            throw new IllegalStateException("the reference workload does not load for N = " + n + ": " + e.getMessage(), e);
        }
    }

    /** Runs the workload for {@code n} sessions with its own seed, streaming the result files into {@code out}. */
    public static Result run(final int n, final Path out) throws IOException {
        final Scenario s = scenario(n);
        final long t0 = System.nanoTime();
        final RunResult r;
        final long[] bytes = new long[1];
        final long afterGc;
        try (HeapWatch heap = new HeapWatch(); OutputFolder folder = OutputFolder.open(out);
             RunFiles files = new RunFiles(folder.staging(), ScenarioRunner.expectedSamples(s))) {
            final RunSink counting = new CountingSink(files, bytes);
            r = Ftpsim.stream(s, s.seed(), counting, null, null);
            files.finish();
            Results.writeSummary(folder.staging().resolve("summary.json"), r.summary());
            folder.commit();
            afterGc = heap.peakAfterGc();
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(n, r.summary(), bytes[0], r.events(), r.simulatedNanos(), wall, HeapWatch.peakUsed(),
                afterGc);
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
        if (args.length == 2 && args[0].equals("--scenario")) {
            System.out.print(text(Integer.parseInt(args[1].replace("_", "").replace(",", ""))));
            return;
        }
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: FtpReferenceWorkload N [OUT] | --scenario N");
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
        System.out.printf(Locale.ROOT, "peak heap used %,d MB, most heap in use after a collection %,d MB%n",
                r.peakHeapBytes() >> 20, r.peakLiveBytes() >> 20);
        System.out.printf(Locale.ROOT, "conntrack %s, peak %s; drops %s%n", s.conntrack(), s.conntrackPeak(), s.drops());
        System.out.println("results in " + out);
    }
}
