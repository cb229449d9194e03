package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default job of {@code ftpsim run}: the two source documents' situations, each firewall
 * setup crossed with active and passive mode, one FTP download (login, RETR of 1 MB) per cell.
 *
 * <p>Each row is a scenario file under {@value #FOLDER} (shipped in the jar), read by the normal
 * loader; its {@code sweep} varies the mode, one point per cell. {@code rows.txt} lists the files
 * in table order with the source each row comes from: the first source's channel lists for a
 * packet filter in front of the server, the second one's stateful firewalls in front of the server
 * and of the client, and NAT on either side, each with and without the FTP helper.
 */
public final class SeedMatrix {
    /** Where the row files are, on the class path. */
    static final String FOLDER = "/dev/ftpsim/matrix/";

    /**
     * One row: its scenario (whose name is the row's label), the source it comes from, and its file's
     * name without {@code .yaml} (which names its cells' pcap folders).
     */
    public record Setup(String name, String source, Scenario scenario, String file) {}

    /**
     * One cell's outcome.
     *
     * @param mode the session's data connection mode, as its record says ({@code PORT}, {@code PASV})
     * @param dataPath how the firewall judged the data connection's first packet ("" without a firewall)
     * @param firewall the cell's firewall, or null
     */
    public record Result(Setup setup, String mode, FtpSessionRecord record, String dataPath, Firewall firewall,
            Map<String, Map<String, Long>> interfaceDrops) {}

    private SeedMatrix() {}

    /** The rows, in table order. */
    public static List<Setup> setups() {
        final Path rows = ShippedScenarios.path(FOLDER + "rows.txt");
        final List<String> lines;
        try {
            lines = Files.readAllLines(rows);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<Setup> out = new ArrayList<>();
        for (final String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                final String[] f = line.split("\t");
                final Scenario s = ShippedScenarios.load(rows.resolveSibling(f[0]));
                out.add(new Setup(s.name(), f[1], s, f[0].replaceFirst("\\.yaml$", "")));
            }
        }
        return out;
    }

    /**
     * Runs each cell of {@code setup} (each point of its sweep) with {@code seed}; with {@code pcapRoot}
     * set, each cell's captures go to its folder {@code <file>-<mode>} there ({@link #cellFolder}),
     * cut at {@code snaplen} bytes per packet unless null.
     */
    public static List<Result> run(final Setup setup, final long seed, final Path pcapRoot, final Integer snaplen)
            throws IOException {
        final List<Result> out = new ArrayList<>();
        for (final Scenario.SweepPoint p : setup.scenario().sweepPoints()) {
            Path pcaps = null;
            if (pcapRoot != null) {
                pcaps = Files.createDirectories(pcapRoot.resolve(cellFolder(setup, p)));
            }
            final Scenario cell = snaplen == null ? p.scenario()
                    : p.scenario().withRecord(p.scenario().record().withSnaplen(snaplen));
            final ScenarioRunner.Outcome o = ScenarioRunner.run(cell, seed, pcaps);
            if (o.rows().size() != 1) {
                throw new IllegalStateException(setup.name() + ": a cell runs one session, not " + o.rows().size());
            }
            final FtpSessionRecord r = o.rows().get(0).record();
            final Firewall fw = o.firewalls().get("fw");
            final String path = fw == null ? "" : r.dataPath().clientPort() == 0 ? "no data connection attempted"
                    : o.rows().get(0).dataPath().get("fw");
            out.add(new Result(setup, r.identity().mode(), r, path, fw, o.summary().interfaceDrops()));
        }
        return out;
    }

    /** The folder of a cell's pcaps: the row's file name and the point's values, e.g. {@code 02-packet-filter-active-passive}. */
    static String cellFolder(final Setup setup, final Scenario.SweepPoint p) {
        return setup.file() + (p.values().isEmpty() ? "" : "-" + String.join("-", p.values().values()));
    }
}
