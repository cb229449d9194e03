package dev.ftpsim.explain;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.run.Breakdown;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.HostSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@link FixSource} knows of a failing population: the scenario (and its file's text, to
 * write changes to), the population, its first failed session and the run's summary.
 *
 * @param population the population's index in {@code ftp.clients}
 * @param failed its first failed session's row
 * @param dir the folder the scenario's relative paths start from (its ruleset files)
 * @param read the bytes the scenario's load read (its rulesets among them), or null: {@link
 *     #loadedText} then reads the files
 */
public record Diagnosis(Scenario scenario, String text, String fileName, int population, Results.Row failed,
        RunSummary summary, java.nio.file.Path dir, dev.ftpsim.core.rules.SourceFiles read) {
    /**
     * The text of {@code file}, a path of the scenario relative to {@link #dir}, as the run's load
     * read it: a fix that rewrites a ruleset rewrites the one the run simulated, not the file as
     * edited since.
     */
    public String loadedText(final String file) throws java.io.IOException {
        final java.nio.file.Path p = dir.resolve(file);
        final byte[] b = read == null ? null : read.get(p);
        return b != null ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : java.nio.file.Files.readString(p);
    }

    /** The population. */
    public FtpSpec.Clients clients() {
        return scenario.ftp().clients().get(population);
    }

    /** Its key path: {@code ftp.clients[0]}. */
    public String clientsPath() {
        return "ftp.clients[" + population + "]";
    }

    /**
     * The population's failure codes; for its first failed session still trying again at the stop
     * (lftp), also the code of the failure it is trying again after, which the fixes answer.
     */
    public Set<String> codes() {
        final Breakdown b = summary.populations().get(clients().name());
        final Set<String> out = new java.util.LinkedHashSet<>(b == null ? Set.of() : b.failuresByCode().keySet());
        final String retry = failed.record().retryCode();
        if (!retry.isEmpty()) {
            out.add(retry);
        }
        return out;
    }

    /** Whether a session failed around its data connection (setup refused, connect failed, timed out). */
    public boolean dataFailure() {
        return codes().stream().anyMatch(c -> c.startsWith("data_"));
    }

    /** Whether the population starts in passive mode (PASV or EPSV). */
    public boolean passive() {
        return !clients().options().mode().active();
    }

    /** Firewalls whose data path of the failed session says the data connection was dropped there. */
    public List<String> droppedAt() {
        final List<String> out = new ArrayList<>();
        failed.dataPath().forEach((fw, text) -> {
            if (text.contains("dropped by")) {
                out.add(fw);
            }
        });
        return out;
    }

    /** The firewall on node {@code fw}, when its rules are one-liners a fix can add to (not an nft or iptables file). */
    public FirewallSpec editable(final String fw) {
        final FirewallSpec f = scenario.firewalls().get(fw);
        return f == null || f.nftFile() != null || f.iptablesFile() != null ? null : f;
    }

    /** The index of the server the population dials: by address and port, else the only one, else by port. */
    public int serverIndex() {
        final List<FtpSpec.Server> servers = scenario.ftp().servers();
        for (int i = 0; i < servers.size(); i++) {
            if (address(servers.get(i)) == clients().serverAddress() && servers.get(i).port() == clients().port()) {
                return i;
            }
        }
        if (servers.size() == 1) {
            return 0;
        }
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).port() == clients().port()) {
                return i;
            }
        }
        return 0;
    }

    /** The server the population dials. */
    public FtpSpec.Server server() {
        return scenario.ftp().servers().get(serverIndex());
    }

    /** The server's key path as the file writes it: {@code ftp.server} or {@code ftp.servers[1]}. */
    public String serverPath() {
        return ScenarioEdit.exists(text, fileName, "ftp.server") ? "ftp.server" : "ftp.servers[" + serverIndex() + "]";
    }

    /** The server's own address (0 on a host group). */
    public int serverAddress() {
        return address(server());
    }

    /** The address the population dials, dotted. */
    public String dialled() {
        return Ipv4.format(clients().serverAddress());
    }

    private int address(final FtpSpec.Server s) {
        return scenario.hosts().get(s.host()) instanceof HostSpec.Single h ? h.address().address() : 0;
    }
}
