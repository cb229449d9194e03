package dev.ftpsim.scenario;

import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.firewall.OneLineRules;
import dev.ftpsim.core.firewall.Rule;
import dev.ftpsim.core.firewall.RuleSyntaxException;
import dev.ftpsim.core.firewall.Rules;
import dev.ftpsim.core.firewall.Ruleset;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.rules.Family;
import dev.ftpsim.core.rules.InterfaceRefs;
import dev.ftpsim.core.rules.IrText;
import dev.ftpsim.core.rules.IptablesReader;
import dev.ftpsim.core.rules.NftJsonReader;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.Pos;
import dev.ftpsim.core.rules.RuleError;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.scenario.Tree.Entry;
import dev.ftpsim.scenario.Tree.Loc;
import dev.ftpsim.scenario.Tree.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code firewall} block: per node, one-line rules on netfilter's hooks or an
 * nftables file, and the connection tracking settings. Rules are parsed here, with sim-core's
 * parsers, so a typo in a rule is reported at its line and column in the scenario file.
 */
final class FirewallBinder {
    static final List<String> KEYS = List.of("mode", "conntrack", "prerouting", "input", "forward", "output",
            "postrouting", "nat", "nft", "iptables", "interface-names");
    static final List<String> HOOKS = List.of("prerouting", "input", "forward", "output", "postrouting");
    static final List<String> NAT_HOOKS = List.of("prerouting", "output", "input", "postrouting");
    /** Entries ftpsim's conntrack table holds at most ({@code Tuple2IntHashMap.MAX_VALUE}). */
    static final int MAX_ENTRIES = dev.ftpsim.core.conntrack.Tuple2IntHashMap.MAX_VALUE;
    static final List<String> CT_KEYS = List.of("max", "buckets", "expect-max", "timeouts", "loose", "helpers",
            "auto-helper-ports");
    /** The port nf_conntrack_ftp watches by default ({@code ports=21}), taken by port before Linux 4.7. */
    private static final int FTP_PORT = 21;
    static final List<String> CHAIN_KEYS = List.of("policy", "rules", "name");
    /** Helper types ftpsim implements. */
    static final List<String> HELPER_TYPES = List.of("ftp");
    static final List<String> TIMEOUT_KEYS = List.of("syn-sent", "syn-recv", "established", "fin-wait",
            "close-wait", "last-ack", "time-wait", "close", "syn-sent2");

    private final Binder b;
    private final NetworkBinder net;

    FirewallBinder(final Binder b, final NetworkBinder net) {
        this.b = b;
        this.net = net;
    }

    Map<String, FirewallSpec> bind(final Node node) {
        final Map<String, FirewallSpec> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        final Tree.Map m = b.map(node, "firewall", "a mapping of host or router names to firewalls", null);
        if (m == null) {
            return out;
        }
        for (final Entry e : m.entries()) {
            final String path = "firewall." + e.key();
            final List<String> nodeIfaces = interfaces(e, path);
            final Tree.Map f = b.map(e.value(), path, "a firewall {mode, conntrack, forward, ...}", KEYS);
            if (nodeIfaces != null && f != null) {
                final Map<String, String> names = interfaceNames(f.get("interface-names"), path + ".interface-names",
                        nodeIfaces);
                final List<String> ifaces = nodeIfaces.stream().map(i -> names.entrySet().stream()
                        .filter(x -> x.getValue().equals(i)).map(Map.Entry::getKey).findFirst().orElse(i)).toList();
                out.put(e.key(), firewall(e.key(), path, f, ifaces, names));
            }
        }
        return out;
    }

    /** The node's interface names, or null (reported) when the key names no host or router. */
    private List<String> interfaces(final Entry e, final String path) {
        final HostSpec h = net.hosts.get(e.key());
        if (h instanceof HostSpec.Group) {
            b.error(e.keyLoc(), path, "'" + e.key() + "' is a host group: a firewall runs on one host or router");
            return null;
        }
        if (h != null) {
            return List.of("eth0");
        }
        if (net.switches.containsKey(e.key())) {
            return ports(e.key());
        }
        final RouterSpec r = net.routers.get(e.key());
        if (r == null) {
            final List<String> names = new ArrayList<>(net.nodeNames());
            names.addAll(net.switches.keySet());
            b.error(e.keyLoc(), path, b.unknown(net.switches.isEmpty() ? "host or router" : "host, router or switch",
                    e.key(), names));
            return null;
        }
        return List.copyOf(r.interfaces().keySet());
    }

    /**
     * A switch's port names as the network builder makes them: {@code p0}, {@code p1}, ... one per
     * link naming it, in the order of {@code links} (a host group's link: one per member).
     */
    private List<String> ports(final String sw) {
        final List<String> out = new ArrayList<>();
        for (final LinkSpec l : net.links) {
            for (final LinkSpec.End end : List.of(l.a(), l.b())) {
                if (end.node().equals(sw)) {
                    final LinkSpec.End other = end == l.a() ? l.b() : l.a();
                    final int n = net.hosts.get(other.node()) instanceof HostSpec.Group g ? g.count() : 1;
                    for (int i = 0; i < n; i++) {
                        out.add("p" + out.size());
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code interface-names}: the names the firewall's rules use for the node's interfaces, ruleset
     * name to scenario name, so a ruleset loads unchanged ({@code {eth0: wan}}).
     */
    private Map<String, String> interfaceNames(final Node n, final String path, final List<String> nodeIfaces) {
        final Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        final Tree.Map m = b.map(n, path, "a mapping of the names the rules use to the node's interface names,"
                + " like {eth0: wan}", null);
        if (m == null) {
            return out;
        }
        for (final Entry e : m.entries()) {
            final String kp = path + "." + e.key();
            final String to = b.text(e.value(), kp, "one of the node's interfaces, " + Binder.listed(nodeIfaces));
            String problem = NetworkBinder.interfaceNameProblem(e.key());
            if (problem == null && nodeIfaces.contains(e.key()) && !e.key().equals(to)) {
                problem = "'" + e.key() + "' is already the name of one of the node's interfaces: the rules would"
                        + " mean two";
            }
            if (problem != null) {
                b.error(e.keyLoc(), kp, problem);
            } else if (to != null && !nodeIfaces.contains(to)) {
                b.error(e.value().loc(), kp, unknownIface(to, nodeIfaces));
            } else if (to != null && out.containsValue(to)) {
                b.error(e.value().loc(), kp, "interface '" + to + "' already has a name in the rules: "
                        + out.entrySet().stream().filter(x -> x.getValue().equals(to)).findFirst().orElseThrow().getKey());
            } else if (to != null) {
                out.put(e.key(), to);
            }
        }
        return out;
    }

    /**
     * A ct rule on a switch without bridge conntrack: nft_ct takes a conntrack reference for the bridge
     * family (nf_ct_netns_get, net/netfilter/nf_conntrack_proto.c), which fails with -EPROTO without
     * nf_conntrack_bridge, so nft refuses the rule (Linux 6.18, nft 1.0.6) and loads nothing.
     */
    private static final String NO_BRIDGE_CONNTRACK = " needs bridge connection tracking (nf_conntrack_bridge), which"
            + " this switch has not (mode: stateless): nft refuses the rule, 'Could not process rule: Protocol error'";

    private FirewallSpec firewall(final String node, final String path, final Tree.Map f, final List<String> ifaces,
            final Map<String, String> interfaceNames) {
        final boolean stateful = "stateful".equals(b.choice(f.get("mode"), path + ".mode", "mode",
                List.of("stateful", "stateless"), "stateful"));
        final boolean sw = net.switches.containsKey(node);
        if (sw && f.get("iptables") != null) {
            b.error(f.entry("iptables").keyLoc(), path + ".iptables", "'" + node + "' is a switch: its rules are a"
                    + " bridge table (ebtables is not modelled); write them in an nft file with table bridge");
        }
        if (sw && f.get("nat") != null) {
            b.error(f.entry("nat").keyLoc(), path + ".nat", "'" + node + "' is a switch: it bridges frames and"
                    + " translates no addresses (the kernel has no nat chains in the bridge family)");
        }
        if (!stateful && f.get("conntrack") != null) {
            b.error(f.entry("conntrack").keyLoc(), path + ".conntrack", "a stateless firewall has no connection"
                    + " tracking: remove 'conntrack' or write mode: stateful");
        }
        final LinuxKernel kernel = net.kernels.getOrDefault(node, LinuxKernel.DEFAULT);
        FirewallSpec.Conntrack ct = conntrack(f.get("conntrack"), path + ".conntrack", kernel);
        final Set<String> helperNames = new LinkedHashSet<>(ct.helpers());
        final Node nft = f.get("nft");
        final Node ipt = f.get("iptables");
        Ruleset ruleset = emptyRuleset();
        String nftFile = null;
        String iptFile = null;
        Program program = null;
        if (nft != null || ipt != null) {
            final String key = nft != null ? "nft" : "iptables";
            if (nft != null && ipt != null) {
                b.error(f.entry("iptables").keyLoc(), path + ".iptables", "'iptables' cannot be combined with 'nft':"
                        + " a firewall loads one ruleset file");
            }
            for (final String k : KEYS) {
                if ((HOOKS.contains(k) || k.equals("nat")) && f.get(k) != null) {
                        b.error(f.entry(k).keyLoc(), path + "." + k, "'" + k + "' cannot be combined with '" + key + "':"
                            + " the " + (nft != null ? "nftables" : "iptables-save") + " file holds all chains");
                }
            }
            if (nft != null) {
                nftFile = b.text(nft, path + ".nft", "the path of an nftables ruleset file, relative to the scenario");
                program = nftFile == null ? null : rulesetFile(nft, path + ".nft", nftFile, stateful, ifaces, false, sw);
            } else {
                iptFile = b.text(ipt, path + ".iptables", "the path of an iptables-save file, relative to the scenario");
                program = iptFile == null || sw ? null
                        : rulesetFile(ipt, path + ".iptables", iptFile, stateful, ifaces, true, false);
            }
            final List<String> types = new ArrayList<>(ct.helpers());
            if (program != null) {
                // Helper objects of other protocols (fw4 declares sip, tftp, irc, ...) are assigned and
                // matched by name, and inspect nothing: no traffic of theirs crosses an FTP scenario.
                program.helpers().forEach(h -> {
                    if (!types.contains(h.type()) && HELPER_TYPES.contains(h.type())) {
                        types.add(h.type());
                    }
                });
            }
            ct = ct.withHelpers(types, ct.autoHelperPorts());
        } else {
            ruleset = chains(f, path, stateful, ifaces, helperNames, sw);
        }
        final Tree.Map ctMap = f.get("conntrack") instanceof Tree.Map cm ? cm : null;
        if (kernel.assignsHelpersByPort() && ct.helpers().contains("ftp")
                && (ctMap == null || ctMap.get("auto-helper-ports") == null)) {
            // Before 4.7 nf_conntrack_helper defaulted to 1: a loaded helper took new connections
            // to its port without a rule (commit 3bb398d925ec turned that off).
            ct = ct.withHelpers(ct.helpers(), List.of(FTP_PORT));
        }
        return new FirewallSpec(node, stateful, ct, ruleset, nftFile, iptFile, program, interfaceNames);
    }

    private static Ruleset emptyRuleset() {
        return new Ruleset(List.of(), List.of(), Map.of());
    }

    // ------------------------------------------------------------------ conntrack

    private FirewallSpec.Conntrack conntrack(final Node n, final String path, final LinuxKernel kernel) {
        final int defBuckets = kernel.defaultBuckets();
        final FirewallSpec.Conntrack d = new FirewallSpec.Conntrack(kernel.defaultMax(null), defBuckets,
                LinuxKernel.expectMaxFor(defBuckets), Map.of(), true, List.of(), List.of(), kernel.synRetransmitRenews(),
                kernel.gcEarlyDrop(), kernel.earlyDropScan(), kernel.randomExpectPorts(),
                kernel.replySynReopens());
        if (n == null) {
            return d;
        }
        final Tree.Map m = b.map(n, path, "conntrack settings {" + String.join(", ", CT_KEYS) + "}", CT_KEYS);
        if (m == null) {
            return d;
        }
        final Integer givenBuckets = m.get("buckets") == null ? null : (int) b.integer(m.get("buckets"),
                path + ".buckets", "a hash size from 1 to 16777216", 1, 1 << 24, defBuckets);
        final int buckets = givenBuckets == null ? defBuckets : givenBuckets;
        // nf_conntrack_init_start(): a given hash size keeps the old factor of 8 for the max.
        // The kernel takes nf_conntrack_max up to 2^31 - 1; ftpsim's table holds 2^24 - 1 entries
        // (Tuple2IntHashMap.MAX_VALUE): past it the run could not even be built.
        final int max = (int) b.integer(m.get("max"), path + ".max", "a table size from 1 to " + MAX_ENTRIES
                + " (the most ftpsim's conntrack holds)", 1, MAX_ENTRIES, Math.min(MAX_ENTRIES, kernel.defaultMax(givenBuckets)));
        if (m.get("max") == null && givenBuckets != null && kernel.defaultMax(givenBuckets) > MAX_ENTRIES) {
            b.error(m.get("buckets").loc(), path + ".buckets", givenBuckets + " buckets make the default max "
                    + kernel.defaultMax(givenBuckets) + " (8 x buckets), above the " + MAX_ENTRIES + " entries ftpsim's"
                    + " conntrack holds: write a max of at most " + MAX_ENTRIES);
        }
        final int expectMax = (int) b.integer(m.get("expect-max"), path + ".expect-max",
                "an expectation limit from 1 to 2147483647", 1, Integer.MAX_VALUE, LinuxKernel.expectMaxFor(buckets));
        final Map<TcpCtState, Long> timeouts = new EnumMap<>(TcpCtState.class);
        if (m.get("timeouts") != null) {
            final Tree.Map t = b.map(m.get("timeouts"), path + ".timeouts", "a mapping of TCP states to durations,"
                    + " like {established: 5d}", TIMEOUT_KEYS);
            if (t != null) {
                for (final Entry e : t.entries()) {
                    if (TIMEOUT_KEYS.contains(e.key())) {
                        final String tp = path + ".timeouts." + e.key();
                        final long ns = b.duration(e.value(), tp, 1);
                        if (ns == 0) {
                            b.error(e.value().loc(), tp, "a conntrack timeout must be above 0");
                        }
                        timeouts.put(TcpCtState.valueOf(e.key().replace('-', '_').toUpperCase(Locale.ROOT)),
                                Math.max(ns, 1));
                    }
                }
            }
        }
        final boolean loose = b.bool(m.get("loose"), path + ".loose", d.loose());
        final List<String> helpers = new ArrayList<>();
        final Tree.Seq hs = m.get("helpers") == null ? null
                : b.seq(m.get("helpers"), path + ".helpers", "a list of helper types, like [ftp]");
        if (hs != null) {
            for (int i = 0; i < hs.items().size(); i++) {
                final String h = b.choice(hs.items().get(i), Binder.index(path + ".helpers", i), "helper",
                        HELPER_TYPES, null);
                if (h != null && !helpers.contains(h)) {
                    helpers.add(h);
                }
            }
        }
        final List<Integer> ports = new ArrayList<>();
        final Node an = m.get("auto-helper-ports");
        final Tree.Seq as = an == null ? null : b.seq(an, path + ".auto-helper-ports", "a list of ports, like [21]");
        if (as != null) {
            if (helpers.isEmpty()) {
                b.error(m.entry("auto-helper-ports").keyLoc(), path + ".auto-helper-ports",
                        "auto-helper-ports needs a helper to assign: add helpers: [ftp]");
            }
            for (int i = 0; i < as.items().size(); i++) {
                ports.add((int) b.integer(as.items().get(i), Binder.index(path + ".auto-helper-ports", i),
                        "a port from 1 to 65535", 1, 65535, 21));
            }
        }
        return new FirewallSpec.Conntrack(max, buckets, expectMax, timeouts, loose, helpers, ports,
                kernel.synRetransmitRenews(), kernel.gcEarlyDrop(), kernel.earlyDropScan(), kernel.randomExpectPorts(),
                kernel.replySynReopens());
    }

    // ------------------------------------------------------------------ one-line rules

    private Ruleset chains(final Tree.Map f, final String path, final boolean stateful, final List<String> ifaces,
            final Set<String> helperNames, final boolean sw) {
        final List<Chain> chains = new ArrayList<>();
        final Set<String> counters = new LinkedHashSet<>();
        for (final String hook : HOOKS) {
            final Node n = f.get(hook);
            if (n != null) {
                chains.add(chain(n, path + "." + hook, hook, false, stateful, sw, ifaces, helperNames, counters));
            }
        }
        final Node natNode = sw ? null : f.get("nat");
        if (natNode != null) {
            if (!stateful) {
                b.error(f.entry("nat").keyLoc(), path + ".nat", "NAT needs connection tracking, but this firewall is"
                        + " stateless (mode: stateless)");
            }
            final Tree.Map nm = b.map(natNode, path + ".nat", "a mapping of hooks to NAT rules, like"
                    + " {postrouting: [oif wan masquerade]}", NAT_HOOKS);
            if (nm != null) {
                for (final String hook : NAT_HOOKS) {
                    if (nm.get(hook) != null) {
                        chains.add(chain(nm.get(hook), path + ".nat." + hook, hook, true, stateful, false, ifaces,
                                helperNames, counters));
                    }
                }
            }
        }
        final Map<String, Ruleset.HelperObject> objects = new LinkedHashMap<>();
        helperNames.forEach(h -> objects.put(h, new Ruleset.HelperObject(h, h, 6)));
        final Ruleset rs = new Ruleset(chains, List.copyOf(counters), objects);
        try {
            if (b.errors.isEmpty()) {
                // what the rule machine refuses, now rather than when the run starts
                if (sw) {
                    OneLineRules.compileBridge(rs, ifaces);
                } else {
                    OneLineRules.compile(rs, ifaces);
                }
            }
        } catch (final IllegalArgumentException e) {
            b.error(f.loc(), path, e.getMessage());
        }
        return rs;
    }

    private Chain chain(final Node n, final String path, final String hook, final boolean nat, final boolean stateful,
            final boolean sw,
            final List<String> ifaces, final Set<String> helperNames, final Set<String> counters) {
        boolean drop = false;
        Node rulesNode = n;
        String rulesPath = path;
        // Reports name a chain as nft does: by its name (default: the hook's, nat- for NAT chains).
        String name = nat ? "nat-" + hook : hook;
        if (n instanceof Tree.Map m) {
            b.map(m, path, "a chain {policy, rules, name}", nat ? List.of("rules") : CHAIN_KEYS);
            drop = "drop".equals(b.choice(m.get("policy"), path + ".policy", "policy", List.of("accept", "drop"),
                    "accept"));
            name = b.text(m.get("name"), path + ".name", "a chain name", name);
            rulesNode = m.get("rules");
            rulesPath = path + ".rules";
        }
        final List<Rule> rules = new ArrayList<>();
        final Tree.Seq s = rulesNode == null ? null : b.seq(rulesNode, rulesPath, "a list of rules, like"
                + " [ct state established,related accept]");
        if (s != null) {
            for (int i = 0; i < s.items().size(); i++) {
                final Node rn = s.items().get(i);
                final String rp = Binder.index(rulesPath, i);
                final String text = b.text(rn, rp, "a rule, like 'tcp dport 21 accept'");
                if (text == null) {
                    continue;
                }
                try {
                    final Rule r = Rules.parse(text, rp);
                    check(r, rn.loc(), rp, text, hook, nat, stateful, sw, ifaces, helperNames);
                    r.statements().stream().filter(x -> x instanceof Rule.Counter c && c.name() != null)
                            .forEach(x -> counters.add(((Rule.Counter) x).name()));
                    rules.add(r);
                } catch (final RuleSyntaxException e) {
                    final Loc at = rn.loc();
                    final int col = e.column() > 0 && at.column() > 0 ? at.column() + b.quoteWidth(at) + e.column() - 1
                            : at.column();
                    final boolean split = i > 0 && s.items().get(i - 1).loc().line() == at.line();
                    b.error(new Loc(at.line(), col), rp, e.problem() + (split ? " (in a [flow, list] a comma"
                            + " separates items: quote a rule that contains one)" : ""));
                }
            }
        }
        final Hook h = Hook.valueOf(hook.toUpperCase(Locale.ROOT));
        final int priority = !nat ? 0 : (h == Hook.PREROUTING || h == Hook.OUTPUT ? -100 : 100);
        return new Chain(name, nat, h, priority, drop, rules);
    }

    /** What the parser cannot know: interface names, helper objects, NAT placement, stateless limits. */
    private void check(final Rule r, final Loc at, final String path, final String text, final String hook,
            final boolean nat, final boolean stateful, final boolean sw, final List<String> ifaces,
            final Set<String> helperNames) {
        final int base = at.column() + b.quoteWidth(at);
        for (final Rule.Match m : r.matches()) {
            if (m instanceof Rule.Iface i && !ifaces.contains(i.name())
                    && !i.name().equals(dev.ftpsim.core.net.Node.LOOPBACK)) {
                b.error(new Loc(at.line(), base + Math.max(0, text.indexOf(i.name()))), path,
                        unknownIface(i.name(), ifaces));
            }
            if (!stateful && (m instanceof Rule.CtStateIs || m instanceof Rule.CtHelperIs
                    || m instanceof Rule.CtStatusIs)) {
                b.error(new Loc(at.line(), base + Math.max(0, text.indexOf("ct "))), path, sw ? "'ct'"
                        + NO_BRIDGE_CONNTRACK : "'ct' matches need connection tracking, but this firewall is stateless"
                        + " (mode: stateless)");
            }
        }
        for (final Rule.Statement s : r.statements()) {
            if (s instanceof Rule.CtHelperSet h) {
                if (!stateful) {
                    b.error(at, path, sw ? "'ct helper set'" + NO_BRIDGE_CONNTRACK : "'ct helper set' needs"
                            + " connection tracking, but this firewall is stateless (mode: stateless)");
                } else if (!helperNames.contains(h.helper())) {
                    b.error(new Loc(at.line(), base + Math.max(0, text.indexOf("ct helper"))), path, "no helper named"
                            + " \"" + h.helper() + "\": add it to conntrack.helpers, like helpers: [ftp]");
                }
            }
        }
        final Rule.Verdict v = r.verdict();
        final boolean dst = v instanceof Rule.Dnat;
        final boolean src = v instanceof Rule.Snat || v instanceof Rule.Masquerade;
        if ((dst || src) && stateful) {
            final String name = dst ? "dnat" : v instanceof Rule.Snat ? "snat" : "masquerade";
            final boolean ok = nat && (dst ? hook.equals("prerouting") || hook.equals("output")
                    : hook.equals("postrouting") || hook.equals("input"));
            if (!ok) {
                b.error(new Loc(at.line(), base + Math.max(0, text.indexOf(name))), path, "'" + name + "' belongs in "
                        + (dst ? "nat.prerouting (or nat.output)" : "nat.postrouting (or nat.input)"));
            }
        }
    }

    private String unknownIface(final String name, final List<String> ifaces) {
        final String near = b.nearest(name, ifaces);
        return "unknown interface '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; this node's interfaces are " + Binder.listed(ifaces);
    }

    // ------------------------------------------------------------------ ruleset files

    /**
     * Reads an nftables (text or {@code nft -j} JSON) or iptables-save file through the rule front end and
     * compiles it for the node; each error is reported as {@code file:line:col: message} at the key.
     */
    private Program rulesetFile(final Node n, final String path, final String file, final boolean stateful,
            final List<String> ifaces, final boolean iptables, final boolean sw) {
        final Path p;
        try {
            p = b.dir.resolve(file);
        } catch (final java.nio.file.InvalidPathException e) {
            b.error(n.loc(), path, "cannot read " + file + ": " + dev.ftpsim.core.rules.FileNames.unusable(e));
            return null;
        }
        final String text;
        try {
            text = TextFile.read(p, TextFile.MAX_RULESET_BYTES, iptables ? "an iptables-save file"
                    : "an nftables ruleset file", b.sources);
        } catch (final TextFile.Unusable e) {
            b.error(n.loc(), path, (e.line > 1 || e.column > 1 ? file + ":" + e.line + ":" + e.column + ": "
                    : "cannot read " + file + ": ") + e.getMessage() + (e.getMessage().equals("no such file")
                    ? " (paths are relative to the scenario file's folder)" : ""));
            return null;
        }
        final String first = firstWord(text);
        if (!(iptables ? first.startsWith("*") || first.startsWith(":") : first.startsWith("{")
                || NFT_COMMANDS.contains(first))) {
            // not a ruleset at all: say so without echoing a line of a file that may be anything
            b.error(n.loc(), path, file + ":1:1: " + (iptables ? "not an iptables-save file: it starts with a"
                    + " '*table' line, and this file does not" : "not an nftables ruleset: a ruleset starts with an nft"
                    + " command such as 'table' or 'flush ruleset', and this file does not"));
            return null;
        }
        final String name = p.toString();
        final String[] split = text.split("\n", -1);
        try {
            final dev.ftpsim.core.rules.Ruleset ir = iptables ? IptablesReader.parse(name, text, Family.IP)
                    : text.stripLeading().startsWith("{") ? NftJsonReader.parse(name, text) : NftParser.parse(name, text, b.sources);
            for (final String iface : InterfaceRefs.of(ir)) {
                if (!iface.endsWith("*") && !ifaces.contains(iface) && !iface.equals("lo")) {
                    final Pos at = mention(ir, iface);
                    b.error(n.loc(), path, (at == null || !at.file().equals(name) ? file : file + ":" + at.line() + ":"
                            + at.column()) + ": " + unknownIface(iface, ifaces));
                }
            }
            final Program prog = sw ? Compiler.compileBridge(ir, ifaces, r -> ruleText(r, name, split), true)
                    : Compiler.compile(ir, ifaces, r -> ruleText(r, name, split));
            if (!stateful && !sw && prog.conntrackUser() != null) {
                b.error(n.loc(), path, file + ": " + prog.conntrackUser() + " needs connection tracking, but this"
                        + " firewall is stateless (mode: stateless)");
            }
            if (!stateful && sw && prog.bridgeConntrackUser() != null) {
                b.error(n.loc(), path, file + ": " + prog.bridgeConntrackUser() + NO_BRIDGE_CONNTRACK);
            }
            return prog;
        } catch (final RulesetException e) {
            for (final RuleError err : e.errors()) {
                final String where = err.pos().file().equals(name) ? file : err.pos().file();
                b.error(n.loc(), path, where + ":" + err.pos().line() + ":" + err.pos().column() + ": "
                        + err.message());
            }
            return null;
        }
    }

    /** The first rule that mentions an interface name, or null. */
    private static Pos mention(final dev.ftpsim.core.rules.Ruleset ir, final String iface) {
        final String needle = "Str(" + iface + ")";
        for (final dev.ftpsim.core.rules.Table t : ir.tables()) {
            for (final dev.ftpsim.core.rules.Chain c : t.chains().values()) {
                for (final dev.ftpsim.core.rules.Rule r : c.rules()) {
                    if (IrText.of(r).contains(needle)) {
                        return r.pos();
                    }
                }
            }
        }
        return null;
    }

    /** Words an nftables file may start with (nft(8) commands). */
    private static final Set<String> NFT_COMMANDS = Set.of("table", "flush", "add", "insert", "create", "define",
            "include", "delete", "replace", "destroy", "redefine", "undefine");

    /** The first word of a file, comments and blank lines skipped. */
    private static String firstWord(final String text) {
        for (final String line : text.split("\n", 200)) {
            final String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                final String[] w = t.split("[\\s{]", 2);
                return w[0].isEmpty() ? t.substring(0, 1) : w[0];
            }
        }
        return "";
    }

    /** A rule as its file spells it (its line from its first column), for reports; the JSON form has none. */
    private static String ruleText(final dev.ftpsim.core.rules.Rule r, final String name, final String[] lines) {
        final Pos at = r.pos();
        if (at.file().equals(name) && at.line() >= 1 && at.line() <= lines.length) {
            final String l = lines[at.line() - 1];
            final String t = Rules.display(l.substring(Math.min(l.length(), Math.max(0, at.column() - 1))));
            if (!t.isEmpty() && !t.startsWith("{") && !t.startsWith("[")) {
                return t;
            }
        }
        return "rule at " + at;
    }
}
