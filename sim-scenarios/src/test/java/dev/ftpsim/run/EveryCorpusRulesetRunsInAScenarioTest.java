package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioError;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus of real rulesets ({@code shared/rulesets}, read where it lies,
 * unchanged) is the {@code firewall.fw.nft} or {@code firewall.fw.iptables} of a scenario whose
 * router carries the interface names its SOURCES.tsv row lists, and an FTP session runs through
 * it; the files the real tools reject are refused at the line they refuse, and the files with a
 * construct ftpsim does not model yet are refused saying so.
 */
class EveryCorpusRulesetRunsInAScenarioTest {
    /**
     * Files the real tools reject (nft -c / iptables-restore --test, as the corpus's README says),
     * with the line they reject.
     */
    static final Map<String, Integer> REJECTED = Map.of("06-", 234, "22-", 59, "36-", 71, "37-", 1794);
    /** Files with a construct the rule engine does not model yet: the one list to shorten as it does. */
    static final Set<String> NOT_MODELLED = Set.of();

    static Stream<Path> files() throws IOException {
        final Path d = corpus();
        Assumptions.assumeTrue(d != null, "no shared/rulesets corpus beside the project: skipped");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".nft") || p.toString().endsWith(".iptables")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsAndCarriesAnFtpSession(final Path file) throws Exception {
        final String name = file.getFileName().toString();
        final String prefix = name.substring(0, 3);
        final String text = scenario(name, interfaces(file));
        if (REJECTED.containsKey(prefix) || NOT_MODELLED.contains(prefix)) {
            final ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.parse(text, "corpus.yaml", file.getParent()));
            final List<String> errors = e.errors().stream().map(ScenarioError::toString).toList();
            if (REJECTED.containsKey(prefix)) {
                assertTrue(errors.get(0).contains(": " + name + ":" + REJECTED.get(prefix) + ":"), errors.toString());
            } else {
                assertTrue(errors.stream().allMatch(x -> x.contains("is not modelled")), errors.toString());
            }
            return;
        }
        final Scenario s;
        try {
            s = ScenarioLoader.parse(text, "corpus.yaml", file.getParent());
        } catch (final ScenarioException e) {
            throw new AssertionError(name + " does not load: " + e.errors(), e);
        }
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        assertEquals(1, o.rows().size(), name + ": one session ran");
        assertTrue(o.rows().get(0).record().outcome().finished(), name + ": the session ended, "
                + o.rows().get(0).record().reasonText());
        final Firewall fw = o.firewalls().get("fw");
        long met = 0;
        for (final Program.ChainCode c : fw.program().chains()) {
            for (int i = 0; i < c.size(); i++) {
                met += fw.counter(c, i)[0];
            }
            met += c.hook() == null ? 0 : fw.policyCounter(c)[0];
        }
        assertTrue(met > 0 || !onTheForwardPath(fw), name + ": the session's packets met the rules");
    }

    /**
     * Whether some base chain meets a forwarded IPv4 packet: a file with only ip6 tables, only
     * input/output chains (11) or only regular chains (13) loads, but the session never meets it.
     */
    private static boolean onTheForwardPath(final Firewall fw) {
        return fw.program().chains().stream().anyMatch(c -> c.family() != 6 && (c.hook() == Hook.PREROUTING
                || c.hook() == Hook.FORWARD || c.hook() == Hook.POSTROUTING));
    }

    /** client -- fw -- server, fw's interfaces named as the file's router's, the client on the first. */
    private static String scenario(final String file, final List<String> names) {
        final List<String> ifaces = new ArrayList<>(names);
        for (int i = 0; ifaces.size() < 2; i++) {
            if (!ifaces.contains("side" + i)) {
                ifaces.add("side" + i);
            }
        }
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < ifaces.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(ifaces.get(i)).append("': 10.").append(i / 250)
                    .append('.').append(i % 250).append(".1/24");
        }
        final String key = file.endsWith(".nft") ? "nft" : "iptables";
        return """
                name: corpus
                seed: 1
                stop: 300s
                hosts:
                  client: { address: 10.0.0.2/24 }
                  server: { address: 10.0.1.2/24 }
                routers:
                  fw: { interfaces: { %s } }
                links:
                  - { ends: [client, 'fw.%s'], bandwidth: 100Mbps, delay: 1ms }
                  - { ends: ['fw.%s', server], bandwidth: 100Mbps, delay: 1ms }
                firewall:
                  fw: { %s: '%s' }
                ftp:
                  server: { host: server, files: { /pub/f.bin: 20KB } }
                  clients:
                    - { host: client, mode: passive }
                """.formatted(b, ifaces.get(0), ifaces.get(1), key, file);
    }

    /**
     * The interface names of the file's SOURCES.tsv row (its sixth column) but lo, which every
     * node has: each comma- or semicolon-separated item's last word, notes in parentheses left
     * out, "none" naming none, wildcards (eth0.+) none, and a range {@code eth0.10..eth0.50} the
     * VLANs of that range the file names.
     */
    static List<String> interfaces(final Path file) throws IOException {
        final String name = file.getFileName().toString();
        String cell = null;
        for (final String l : Files.readAllLines(file.resolveSibling("SOURCES.tsv"))) {
            final String[] c = l.split("\t");
            if (c[0].equals(name) && c.length > 5) {
                cell = c[5];
            }
        }
        final Set<String> out = new LinkedHashSet<>();
        if (cell == null) {
            return List.of();
        }
        for (final String item : cell.replaceAll("\\([^)]*\\)", "").split("[,;]")) {
            final String[] words = item.strip().split("\\s+");
            final String w = words[words.length - 1];
            if (item.strip().startsWith("none") || w.isEmpty() || w.contains("+") || w.equals("lo")) {
                continue;
            }
            final Matcher range = Pattern.compile("(.*\\.)(\\d+)\\.\\.\\1(\\d+)").matcher(w);
            if (range.matches()) {
                final Matcher m = Pattern.compile(Pattern.quote(range.group(1)) + "(\\d+)").matcher(Files.readString(file));
                while (m.find()) {
                    final int vlan = Integer.parseInt(m.group(1));
                    if (vlan >= Integer.parseInt(range.group(2)) && vlan <= Integer.parseInt(range.group(3))) {
                        out.add(range.group(1) + vlan);
                    }
                }
            } else {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    private static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("rulesets"))) {
                return p.resolve("shared").resolve("rulesets");
            }
        }
        return null;
    }
}
