package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.rules.Family;
import dev.ftpsim.core.rules.IptablesReader;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.Ruleset;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus of real rulesets that the front end loads either runs in a
 * simulation on a router with the interfaces SOURCES.tsv lists (a client's connections cross it and
 * reach it, and meet its rules), or is refused for a construct ftpsim does not model, named here.
 */
class CorpusRulesetsRunTest {
    /** File prefix to what is not modelled in it (the first error). */
    static final Map<String, String> NOT_MODELLED = Map.of();
    /** Files the real tools reject too: the front end's own tests check where. */
    static final List<String> REJECTED = List.of("06-", "22-", "36-", "37-");

    static Stream<Path> files() throws IOException {
        final Path d = corpus();
        Assumptions.assumeTrue(d != null, "no shared/rulesets corpus beside the project: skipped");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".nft") || p.toString().endsWith(".iptables")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void runsOrNamesWhatIsNotModelled(final Path file) throws IOException {
        final String name = file.getFileName().toString();
        final String prefix = name.substring(0, 3);
        Assumptions.assumeFalse(REJECTED.contains(prefix), "rejected by the real tools");
        final Ruleset ir = name.endsWith(".nft") ? NftParser.load(file) : IptablesReader.load(file, Family.IP);
        final List<String> ifaces = interfaces(file.getParent(), name);
        if (NOT_MODELLED.containsKey(prefix)) {
            final RulesetException e = assertThrows(RulesetException.class,
                    () -> Compiler.compile(ir, ifaces, r -> ""));
            assertTrue(e.errors().stream().allMatch(x -> x.message().endsWith("is not modelled by ftpsim")),
                    e.getMessage());
            assertTrue(e.errors().get(0).message().startsWith(NOT_MODELLED.get(prefix)), e.getMessage());
            return;
        }
        final Simulator sim = new Simulator(1);
        final Network net = new Network(sim);
        final Router fw = net.router("fw");
        final List<NetInterface> sides = new ArrayList<>();
        for (int i = 0; i < ifaces.size() || sides.size() < 2; i++) {
            final String n = i < ifaces.size() ? ifaces.get(i) : "side" + i;
            if (!n.equals("lo")) {
                sides.add(fw.addInterface(n, "10.0." + sides.size() + ".1/24"));
            }
        }
        final Program p = Compiler.compile(ir, Firewall.interfaceNames(fw), r -> "");
        if (p.chains().isEmpty()) {
            assertTrue(ir.tables().stream().noneMatch(t -> t.family() == Family.IP || t.family() == Family.IP6
                    || t.family() == Family.INET), name + ": only tables IP packets never meet");
            return;
        }
        if (p.chains().stream().allMatch(c -> c.hook() == null)) {
            return; // regular chains only: no packet meets them, as in the kernel
        }
        // Only ip6 tables: the connection runs over IPv6, the only packets they meet.
        final boolean v6 = ir.tables().stream().filter(t -> !t.dormant() && t.family() != Family.ARP
                && t.family() != Family.BRIDGE && t.family() != Family.NETDEV).allMatch(t -> t.family() == Family.IP6);
        final Firewall f = Firewall.stateful(fw, p, ConntrackConfig.linux(), List.of());
        final Host client = host(net, "client", sides.get(0), 0, v6);
        final Host server = host(net, "server", sides.get(1), 1, v6);
        final TcpStack serverTcp = new TcpStack(server, TcpConfig.linux());
        serverTcp.listen(21, c -> new FwNet.Ear(sim));
        final NetInterface s0 = server.interfaces().get(0);
        final TcpStack clientTcp = new TcpStack(client, TcpConfig.linux());
        clientTcp.connect(v6 ? s0.address6() : s0.address(), 21, new FwNet.Ear(sim)).send(10_000);
        if (!v6) {
            new TcpStack(fw, TcpConfig.linux()).listen(21, c -> new FwNet.Ear(sim));
            clientTcp.connect(sides.get(0).address(), 21, new FwNet.Ear(sim)); // the router's own input and output
        }
        sim.runUntil(5 * NS_PER_S);
        long met = 0;
        for (final Program.ChainCode c : p.chains()) {
            for (int i = 0; i < c.size(); i++) {
                met += f.counter(c, i)[0];
            }
            met += c.hook() == null ? 0 : f.policyCounter(c)[0];
        }
        assertTrue(met > 0, name + ": the connection's packets met the rules");
    }

    private static Host host(final Network net, final String name, final NetInterface side, final int subnet,
            final boolean v6) {
        final Host h = net.host(name);
        final NetInterface i = h.addInterface("eth0", "10.0." + subnet + ".2/24");
        h.defaultGateway("10.0." + subnet + ".1");
        if (v6) {
            side.node().addAddress6(side.name(), "2001:db8:" + subnet + "::1/64");
            h.addAddress6("eth0", "2001:db8:" + subnet + "::2/64");
            h.defaultGateway("2001:db8:" + subnet + "::1");
        }
        net.connect(i, side, LinkConfig.of(100_000_000L, NS_PER_MS, 1000));
        return h;
    }

    /** The interface names SOURCES.tsv lists for a file (its sixth column). */
    private static List<String> interfaces(final Path dir, final String file) throws IOException {
        final Map<String, List<String>> out = new HashMap<>();
        for (final String l : Files.readAllLines(dir.resolve("SOURCES.tsv"))) {
            final String[] c = l.split("\t");
            if (c.length > 5) {
                out.put(c[0], Arrays.stream(c[5].split(",")).map(String::strip)
                        .filter(x -> x.matches("[\\w.@:+-]{1,15}")).toList());
            }
        }
        return out.getOrDefault(file, List.of());
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
