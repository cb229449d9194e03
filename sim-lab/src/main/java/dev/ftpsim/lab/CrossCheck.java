package dev.ftpsim.lab;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a cell both ways: the scenario through ftpsim's loader and runner, and the same topology,
 * ruleset, server and client as Linux network namespaces, nftables, vsftpd and curl.
 */
public final class CrossCheck {
    private static final Pattern TIME_TOTAL = Pattern.compile("time_total=([0-9.]+)");
    /**
     * curl's --max-time: longer than any cell (the longest waits 120 s for a reply), so a hang
     * fails the cell instead of the build.
     */
    private static final int MAX_TIME_SECONDS = 150;

    private CrossCheck() {}

    /** The folder of the cells whose scenarios load a file of the shared corpus of real rulesets. */
    public static final String CORPUS_CELLS = "corpus/";

    /**
     * The shared corpus of real rulesets ({@code shared/rulesets} in a folder above this one, as
     * sim-scenarios' corpus test finds it), or null when there is none.
     */
    public static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("rulesets"))) {
                return p.resolve("shared").resolve("rulesets");
            }
        }
        return null;
    }

    /**
     * The folder a cell's ruleset file is found in: the corpus for a corpus cell (its scenario
     * names the corpus file by name, so it loads unchanged from where it lies), else the cell's.
     */
    public static Path rulesetDir(final Path cells, final LabCell cell) {
        if (cell.file().startsWith(CORPUS_CELLS)) {
            final Path c = corpus();
            if (c == null) {
                throw new LabException(cell.file() + ": no shared/rulesets corpus above " + Path.of("").toAbsolutePath());
            }
            return c;
        }
        return cells.resolve(cell.file()).getParent();
    }

    /** The cell's scenario, loaded as {@code ftpsim run} loads it, with the cell's data mode. */
    public static Scenario scenario(final Path cells, final LabCell cell) throws IOException, ScenarioException {
        final Path file = cells.resolve(cell.file());
        final Scenario s = ScenarioLoader.parse(Files.readString(file), file.toString(), rulesetDir(cells, cell));
        if (s.ftp().servers().size() != 1 || s.ftp().clients().size() != 1 || s.ftp().clients().get(0).sessions() != 1) {
            throw new LabException(cell.file() + ": the lab runs one server and one client session");
        }
        final FtpSpec.Clients c = s.ftp().clients().get(0);
        final FtpSpec.Clients moded = new FtpSpec.Clients(c.name(), c.host(), c.serverAddress(), c.port(), c.profile(), cell.mode(),
                c.pasvPolicy(), c.activePort(), c.sessions(), c.arrivals(), c.script(), c.keepaliveNanos(),
                c.replyTimeoutNanos(), c.tcpKeepaliveNanos(), c.tls(), c.ccc(), c.limits(), c.serverAddress6());
        return new Scenario(s.name(), s.seed(), s.stopNanos(), s.hosts(), s.routers(), s.links(), s.firewalls(),
                new FtpSpec(s.ftp().servers(), List.of(moded)), s.record(), s.sweep(), s.tcp());
    }

    /** The session in ftpsim. */
    public static Sessions.Simulated simulate(final Scenario s) throws IOException {
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final Results.Row row = o.rows().get(0);
        final FtpSessionRecord r = row.record();
        final String path = s.firewalls().isEmpty() ? null
                : row.dataPath().getOrDefault(s.firewalls().keySet().iterator().next(), "");
        final double seconds = (r.timings().end() - r.timings().start()) / 1e9;
        return new Sessions.Simulated(Verdict.ofSimulation(r, path), seconds, r, path);
    }

    /** The session with the real kernel, vsftpd and curl, in namespaces removed afterwards. */
    public static Sessions.Real real(final Scenario s, final Path cells, final LabCell cell) throws IOException {
        final FtpSpec.Server server = s.ftp().servers().get(0);
        final FtpSpec.Clients client = s.ftp().clients().get(0);
        if (!server.profile().equals("vsftpd")) {
            throw new LabException("ftp.server.profile: the lab runs vsftpd, not " + server.profile());
        }
        final Path work = Files.createTempDirectory(LabNetwork.PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (LabNetwork net = LabNetwork.build(s, rulesetDir(cells, cell), cell.sysctls(),
                server.port())) {
            final Path root = Files.createDirectory(work.resolve("root"));
            final Path empty = Files.createDirectory(work.resolve("empty"));
            for (final Map.Entry<String, Long> f : server.files().entrySet()) {
                final Path p = root.resolve(f.getKey().substring(1));
                Files.createDirectories(p.getParent());
                try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                    raf.setLength(f.getValue());
                }
            }
            final Path conf = work.resolve("vsftpd.conf");
            Files.writeString(conf, VsftpdConf.render(VsftpdConf.keys(server.options(), server.port(), root, empty,
                    work.resolve("vsftpd.log"), client.serverAddress6() != null, cell.vsftpd())));
            net.spawn(server.host(), List.of("vsftpd", conf.toString()), work.resolve("vsftpd.out"));
            awaitListening(net, server.host(), server.port(), work.resolve("vsftpd.out"));
            final Path out = work.resolve("download");
            final Cmd.Result r = net.exec(client.host(), (MAX_TIME_SECONDS + 15) * 1000L,
                    CurlArgs.of(client, out, MAX_TIME_SECONDS, 0));
            final Map<String, Long> counters = net.dataSynCounters();
            final long newSyns = counters.getOrDefault("data-new", 0L);
            final long related = counters.getOrDefault("data-related", 0L);
            final Matcher m = TIME_TOTAL.matcher(r.out());
            final double seconds = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            final long bytes = Files.exists(out) ? Files.size(out) : -1;
            return new Sessions.Real(Verdict.ofCurl(r.exit(), r.err(), newSyns, related, net.tracked()), seconds,
                    r.exit(), Verdict.lastReply(r.err()), newSyns, related, bytes, r.err());
        } finally {
            deleteTree(work);
        }
    }

    /** Waits until vsftpd listens (ss from iproute2), at most 5 s. */
    private static void awaitListening(final LabNetwork net, final String host, final int port, final Path out)
            throws IOException {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            final Cmd.Result r = net.exec(host, 5_000, List.of("ss", "-Hltn", "sport = :" + port));
            if (!r.out().isBlank()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for vsftpd", e);
            }
        }
        throw new LabException("vsftpd did not listen on port " + port + " within 5 s: " + Files.readString(out).strip());
    }

    private static void deleteTree(final Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (final Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A data mode by the names cells use. */
    public static ClientOptions.DataMode mode(final String name) {
        return ClientOptions.DataMode.valueOf(name);
    }
}
