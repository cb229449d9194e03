package dev.ftpsim.scenario;

import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.Tree.Entry;
import dev.ftpsim.scenario.Tree.Loc;
import dev.ftpsim.scenario.Tree.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates scenario files. YAML, or JSON when the name ends in {@code .json}. Every
 * problem of a file is reported at once, each with file, line, column and key path; nothing is
 * returned unless the whole file, and every point of its sweep, is valid.
 *
 * <p>Theory of operation: Jackson's streaming parser turns the text into a {@link Tree} whose
 * nodes know their positions; binders turn the tree into records, recording an error and using a
 * default wherever a value is wrong, so the pass continues. A sweep is expanded on the tree: each
 * point replaces the varied nodes by the listed values (which keep their own positions in the
 * {@code sweep} block) and is bound again, so a bad varied value is reported where it is written.
 */
public final class ScenarioLoader {
    static final List<String> KEYS = List.of("name", "seed", "stop", "hosts", "routers", "links", "firewall", "ftp",
            "record", "sweep", "balancers", "switches");
    static final List<String> RECORD_KEYS = List.of("pcap", "timeseries", "tcp", "start", "snaplen");
    /** libpcap's MAXIMUM_SNAPLEN (pcap-int.h): the largest snapshot length tcpdump accepts. */
    static final int MAX_SNAPLEN = 262144;
    static final List<String> SWEEP_KEYS = List.of("replications", "vary");
    static final long DEFAULT_STOP = 60_000_000_000L;
    static final long DEFAULT_TIMESERIES = 1_000_000_000L;

    private ScenarioLoader() {}

    /** Reads {@code file}; paths inside it (nft files) are relative to its folder. */
    public static Scenario load(final Path file) throws ScenarioException {
        return load(file, new SourceFiles());
    }

    /**
     * {@link #load(Path)}, recording in {@code sources} the bytes of every file read (the scenario,
     * its and its points' rulesets, the files those include), each read once: what a digest of the
     * inputs the simulation uses is taken of ({@code ScenarioInputs}).
     */
    public static Scenario load(final Path file, final SourceFiles sources) throws ScenarioException {
        final String text = text(file, sources);
        final Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir == null ? Path.of(".") : dir, List.of(), sources);
    }

    /**
     * The text of scenario {@code file}: as {@code sources} holds it when a load read it (an edit
     * made since is not seen), else read now and added to it.
     */
    public static String text(final Path file, final SourceFiles sources) throws ScenarioException {
        try {
            return TextFile.read(file, TextFile.MAX_SCENARIO_BYTES, "a scenario file (YAML or JSON)", sources);
        } catch (final TextFile.Unusable e) {
            throw new ScenarioException(List.of(new ScenarioError(file.toString(), e.line, e.column, "",
                    e.getMessage())));
        }
    }

    /**
     * Reads scenario text. {@code fileName} names it in errors, picks JSON or YAML by its
     * extension and gives the default scenario name; {@code dir} resolves relative paths.
     */
    public static Scenario parse(final String text, final String fileName, final Path dir) throws ScenarioException {
        return parse(text, fileName, dir, List.of());
    }

    /**
     * {@link #parse(String, String, Path)} with {@code edits} applied to the file's tree first (a
     * copy of the scenario with one change, as the fix advisor tries it); an edit that cannot apply
     * throws IllegalArgumentException.
     */
    public static Scenario parse(final String text, final String fileName, final Path dir,
            final List<ScenarioEdit> edits) throws ScenarioException {
        return parse(text, fileName, dir, edits, new SourceFiles());
    }

    /**
     * The same, reading the files it loads through {@code sources}: one it holds is its bytes there,
     * not the file as it is now.
     */
    public static Scenario parse(final String text, final String fileName, final Path dir,
            final List<ScenarioEdit> edits, final SourceFiles sources) throws ScenarioException {
        final boolean json = fileName.endsWith(".json");
        final List<Entry> duplicates = new ArrayList<>();
        Node root;
        try {
            root = Tree.parse(text, json, duplicates);
            root = edits.isEmpty() ? root : ScenarioEdit.apply(root, edits);
        } catch (final Tree.SyntaxError e) {
            throw new ScenarioException(List.of(new ScenarioError(fileName, e.loc.line(), e.loc.column(), "",
                    e.getMessage())));
        }
        final long[] suggestions = {Binder.SUGGESTION_BUDGET};
        final Binder b = new Binder(fileName, dir, text, suggestions, sources);
        for (final Entry d : duplicates) {
            b.error(d.keyLoc(), d.key(), "duplicate key '" + d.key() + "': a key may appear once per mapping");
        }
        final String defaultName = defaultName(fileName);
        final Scenario base = bind(b, root, defaultName);
        final Tree.Map rootMap = root instanceof Tree.Map m ? m : null;
        final Node sweepNode = rootMap == null ? null : rootMap.get("sweep");
        final SweepSpec sweep = sweepNode == null ? null : sweep(b, sweepNode, rootMap);
        if (sweep != null) {
            gridSize(b, sweep, rootMap.entry("sweep").keyLoc(), Tree.size(rootMap));
        }
        if (!b.errors.isEmpty() || base == null) {
            throw new ScenarioException(b.errors);
        }
        if (sweep == null) {
            return base;
        }
        final Set<ScenarioError> errors = new LinkedHashSet<>();
        final List<Scenario.SweepPoint> points = new ArrayList<>();
        for (final List<Integer> combo : combinations(sweep)) {
            Tree.Map tree = rootMap.without("sweep");
            final Map<String, String> values = new LinkedHashMap<>();
            final StringBuilder name = new StringBuilder();
            for (int k = 0; k < sweep.keys.size(); k++) {
                final Node v = sweep.values.get(k).get(combo.get(k));
                tree = (Tree.Map) set(tree, sweep.paths.get(k), 0, v, sweep.keyLocs.get(k));
                values.put(sweep.keys.get(k), render(v));
                name.append(k == 0 ? "" : ",").append(sweep.keys.get(k)).append('=').append(render(v));
            }
            final Binder pb = new Binder(fileName, dir, text, suggestions, sources);
            final Scenario s = bind(pb, tree, defaultName);
            errors.addAll(pb.errors);
            if (pb.errors.isEmpty()) {
                points.add(new Scenario.SweepPoint(name.toString(), values, s));
            }
        }
        if (!errors.isEmpty()) {
            throw new ScenarioException(List.copyOf(errors));
        }
        final Map<String, List<String>> vary = new LinkedHashMap<>();
        for (int k = 0; k < sweep.keys.size(); k++) {
            vary.put(sweep.keys.get(k), sweep.values.get(k).stream().map(ScenarioLoader::render).toList());
        }
        return new Scenario(base.name(), base.seed(), base.stopNanos(), base.hosts(), base.routers(), base.links(),
                base.firewalls(), base.ftp(), base.record(), new Scenario.Sweep(sweep.replications, vary, points),
                base.tcp(), base.balancers(), base.switches(), base.bridges(), base.hairpin());
    }

    private static String defaultName(final String fileName) {
        final String f = Path.of(fileName).getFileName().toString();
        final int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** Binds everything but the sweep; null when the root is not even a mapping. */
    private static Scenario bind(final Binder b, final Node root, final String defaultName) {
        final Tree.Map m = b.map(root, "", "a mapping with keys " + String.join(", ", KEYS), KEYS);
        if (m == null) {
            return null;
        }
        final String name = b.text(m.get("name"), "name", "a name", defaultName);
        final String badName = m.get("name") == null ? null : badName(name);
        if (badName != null) {
            b.error(m.get("name").loc(), "name", badName);
        }
        final long seed = b.integer(m.get("seed"), "seed", "a whole number from 0 to 9223372036854775807", 0,
                Long.MAX_VALUE, 1);
        final long stop = b.duration(m.get("stop"), "stop", DEFAULT_STOP);
        if (stop == 0) {
            b.error(m.get("stop").loc(), "stop", "the run must last longer than 0s");
        }
        final NetworkBinder net = new NetworkBinder(b);
        net.switches(m.get("switches"));
        net.bind(m.get("hosts"), m.get("routers"), m.get("links"), m.loc());
        net.bridges();
        final Map<String, FirewallSpec> firewalls = new FirewallBinder(b, net).bind(m.get("firewall"));
        final Map<String, BalancerSpec> balancers = new BalancerBinder(b, net).bind(m.get("balancers"), firewalls);
        final FtpSpec ftp = new FtpBinder(b, net).bind(m.get("ftp"));
        final Scenario.Recording record = record(b, m.get("record"), net);
        final long interval = record.timeseriesNanos();
        if (stop > 0 && interval > 0 && stop / interval >= MAX_SAMPLES) {
            // one line of timeseries.csv per sample: stop: 36500d would write 3 * 10^9 of them
            final Node every = m.get("record") instanceof Tree.Map r ? r.get("timeseries") : null;
            final Node at = every != null ? every : m.get("stop");
            b.error(at == null ? m.loc() : at.loc(), every != null ? "record.timeseries" : "stop", "stop and"
                    + " record.timeseries make " + (stop / interval + 1) + " samples, one line of timeseries.csv each;"
                    + " at most " + MAX_SAMPLES + ": sample less often (record.timeseries) or not at all (0)");
        }
        return new Scenario(name, seed, stop, net.hosts, net.routers, net.links, firewalls, ftp, record, null, net.tcp,
                balancers, List.copyOf(net.switches.keySet()), net.bridges, net.hairpin);
    }

    /** Time-series samples a run may take (115 days at the default 1s). */
    static final long MAX_SAMPLES = 10_000_000;

    /** Longest name: a folder name is at most 255 bytes (NAME_MAX, linux/limits.h), and "-sweep" is added. */
    static final int MAX_NAME = 200;

    /**
     * Why {@code name} cannot name the output folder {@code runs/NAME}, or null. A separator or
     * ".." would write elsewhere; control characters (NUL above all) cannot be in a file name.
     */
    static String badName(final String name) {
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            return "the name is empty: it names the output folder runs/NAME";
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "the name has the control character U+" + String.format("%04X", (int) c) + " at character "
                        + (i + 1) + ": it names the output folder runs/NAME";
            }
            if (c == '/' || c == '\\') {
                return "the name contains '" + c + "': it names one folder under runs/, so it may not contain"
                        + " '/' or '\\'";
            }
        }
        if (name.contains("..")) {
            return "the name contains '..': it names one folder under runs/, and may not lead out of it";
        }
        if (name.equals(".")) {
            return "the name '.' names no folder of its own under runs/";
        }
        if (name.length() > MAX_NAME) {
            return "the name has " + name.length() + " characters: at most " + MAX_NAME + " (it names a folder)";
        }
        return null;
    }

    private static Scenario.Recording record(final Binder b, final Node n, final NetworkBinder net) {
        if (n == null) {
            return new Scenario.Recording(List.of(), DEFAULT_TIMESERIES, List.of());
        }
        final Tree.Map m = b.map(n, "record", "a mapping {pcap, timeseries, tcp, start, snaplen}", RECORD_KEYS);
        if (m == null) {
            return new Scenario.Recording(List.of(), DEFAULT_TIMESERIES, List.of());
        }
        final List<LinkSpec.End> pcap = new ArrayList<>();
        final Tree.Seq s = m.get("pcap") == null ? null
                : b.seq(m.get("pcap"), "record.pcap", "a list of link ends, like [fw.wan, client]");
        for (int i = 0; s != null && i < s.items().size(); i++) {
            final LinkSpec.End e = net.end(s.items().get(i), Binder.index("record.pcap", i), null);
            if (e != null) {
                pcap.add(e); // a switch: every port of it, in one capture
            }
        }
        return new Scenario.Recording(pcap, b.duration(m.get("timeseries"), "record.timeseries", DEFAULT_TIMESERIES),
                tcpHosts(b, m.get("tcp"), net), start(b, m.get("start")),
                (int) b.integer(m.get("snaplen"), "record.snaplen", "a whole number of bytes from 1 to " + MAX_SNAPLEN, 1,
                        MAX_SNAPLEN, Scenario.Recording.DEFAULT_SNAPLEN));
    }

    /** {@code record.start}: an RFC 3339 time with its offset, e.g. 2026-01-01T00:00:00Z. */
    private static long start(final Binder b, final Node n) {
        final String text = n == null ? null : b.text(n, "record.start", "a time like 2026-01-01T00:00:00Z");
        if (text == null) {
            return Scenario.Recording.DEFAULT_START;
        }
        try {
            final java.time.Instant t = java.time.OffsetDateTime.parse(text).toInstant();
            if (t.getEpochSecond() >= 0 && t.getEpochSecond() < (1L << 32)) { // what a capture's seconds can hold
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            b.error(n.loc(), "record.start", "'" + text + "' is outside 1970-01-01 to 2106-02-07, what captures can hold");
        } catch (java.time.format.DateTimeParseException e) {
            b.error(n.loc(), "record.start", "'" + text + "' is not a time like 2026-01-01T00:00:00Z (RFC 3339, with"
                    + " its offset)");
        }
        return Scenario.Recording.DEFAULT_START;
    }

    /** {@code record.tcp}: single hosts, each once (each names two columns). */
    private static List<String> tcpHosts(final Binder b, final Node n, final NetworkBinder net) {
        final List<String> out = new ArrayList<>();
        final Tree.Seq s = n == null ? null : b.seq(n, "record.tcp", "a list of host names, like [client, server]");
        for (int i = 0; s != null && i < s.items().size(); i++) {
            final Node item = s.items().get(i);
            final String path = Binder.index("record.tcp", i);
            final String h = b.text(item, path, "a host name");
            if (h == null) {
                continue;
            }
            final List<String> singles = net.hosts.values().stream()
                    .filter(x -> x instanceof HostSpec.Single).map(HostSpec::name).toList();
            if (net.hosts.get(h) instanceof HostSpec.Group) {
                b.error(item.loc(), path, "'" + h + "' is a host group, each member with a TCP of its own: name a"
                        + " single host, one of " + Binder.listed(singles));
            } else if (!singles.contains(h)) {
                b.error(item.loc(), path, b.unknown("host", h, singles));
            } else if (out.contains(h)) {
                b.error(item.loc(), path, "host '" + h + "' is named twice");
            } else {
                out.add(h);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ sweeps

    /** The sweep block as read: keys, their parsed paths and value nodes. */
    private static final class SweepSpec {
        int replications = 1;
        final List<String> keys = new ArrayList<>();
        final List<Loc> keyLocs = new ArrayList<>();
        final List<List<Object>> paths = new ArrayList<>();
        final List<List<Node>> values = new ArrayList<>();
    }

    private static SweepSpec sweep(final Binder b, final Node n, final Tree.Map root) {
        final Tree.Map m = b.map(n, "sweep", "a mapping {replications, vary}", SWEEP_KEYS);
        if (m == null) {
            return null;
        }
        final SweepSpec s = new SweepSpec();
        s.replications = (int) b.integer(m.get("replications"), "sweep.replications", "a number of runs per point"
                + " from 1 to 1000000", 1, 1_000_000, 1);
        final Node vn = m.get("vary");
        final Tree.Map vary = vn == null ? null : b.map(vn, "sweep.vary", "a mapping of key paths to lists of"
                + " values, like {ftp.clients[0].mode: [active, passive]}", null);
        for (final Entry e : vary == null ? List.<Entry>of() : vary.entries()) {
            final String path = "sweep.vary." + e.key();
            final List<Object> segs = segments(e.key());
            if (segs == null) {
                b.error(e.keyLoc(), path, "bad key path '" + e.key() + "': expected keys joined by '.' with list"
                        + " indexes in brackets, like ftp.clients[0].mode or links[1].loss");
                continue;
            }
            final String missing = segs.get(0).equals("sweep") ? "a sweep cannot vary its own settings"
                    : missing(root, segs);
            if (missing != null) {
                b.error(e.keyLoc(), path, missing);
                continue;
            }
            final Tree.Seq vs = b.seq(e.value(), path, "a list of values, like [active, passive]");
            if (vs != null && vs.items().isEmpty()) {
                b.error(vs.loc(), path, "expected at least one value");
            } else if (vs != null) {
                s.keys.add(e.key());
                s.keyLocs.add(e.keyLoc());
                s.paths.add(segs);
                s.values.add(vs.items());
            }
        }
        return s;
    }

    /** "ftp.clients[0].mode" as ["ftp", "clients", 0, "mode"]; null if malformed. */
    static List<Object> segments(final String path) {
        final List<Object> out = new ArrayList<>();
        for (final String part : path.split("\\.", -1)) {
            final java.util.regex.Matcher mt = java.util.regex.Pattern.compile("([A-Za-z0-9_-]+)((?:\\[\\d+])*)")
                    .matcher(part);
            if (!mt.matches()) {
                return null;
            }
            out.add(mt.group(1));
            final java.util.regex.Matcher ix = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(mt.group(2));
            while (ix.find()) {
                out.add(Integer.parseInt(ix.group(1)));
            }
        }
        return out;
    }

    /** Why the path names nothing in the file, or null. The last key may be absent (a default). */
    private static String missing(final Node root, final List<Object> segs) {
        Node n = root;
        final StringBuilder at = new StringBuilder();
        for (int i = 0; i < segs.size(); i++) {
            final Object s = segs.get(i);
            final String here = at.length() == 0 ? "the top level" : at.toString();
            if (s instanceof Integer ix) {
                if (!(n instanceof Tree.Seq q)) {
                    return here + " is not a list: it has no [" + ix + "]";
                }
                if (ix >= q.items().size()) {
                    return at + "[" + ix + "] does not exist: " + at + " has " + q.items().size()
                            + (q.items().size() == 1 ? " entry" : " entries");
                }
                n = q.items().get(ix);
                at.append('[').append(ix).append(']');
            } else {
                if (!(n instanceof Tree.Map mm)) {
                    return here + " is not a mapping: it has no key '" + s + "'";
                }
                final Node next = mm.get((String) s);
                if (next == null && i < segs.size() - 1) {
                    return (at.length() == 0 ? "" : at + ".") + s + " does not exist in the file: write it"
                            + " before varying what is inside it";
                }
                n = next;
                at.append(at.length() == 0 ? "" : ".").append(s);
            }
        }
        return null;
    }

    private static Node set(final Node n, final List<Object> segs, final int i, final Node value, final Loc keyLoc) {
        final Object s = segs.get(i);
        if (s instanceof Integer ix) {
            final Tree.Seq q = (Tree.Seq) n;
            return q.with(ix, i == segs.size() - 1 ? value : set(q.items().get(ix), segs, i + 1, value, keyLoc));
        }
        final Tree.Map m = (Tree.Map) n;
        final Node v = i == segs.size() - 1 ? value : set(m.get((String) s), segs, i + 1, value, keyLoc);
        return m.with((String) s, keyLoc, v);
    }

    /** Most points a sweep grid may have: each is validated, held and run, so the count is checked first. */
    static final int MAX_POINTS = 10_000;
    /** Most points times values of the file: each point is a copy of the file, validated whole. */
    static final long MAX_GRID_VALUES = 10_000_000;

    /**
     * Reports a grid above {@link #MAX_POINTS}, or one whose points would hold more than {@link
     * #MAX_GRID_VALUES} values in all, counted without expanding it (10 keys x 10 values is 10^10).
     */
    private static void gridSize(final Binder b, final SweepSpec s, final Loc sweepKey, final long values) {
        long points = 1;
        for (final List<Node> vs : s.values) {
            points = Math.min(points * vs.size(), MAX_POINTS + 1L); // no overflow: both factors are small
        }
        final StringBuilder sizes = new StringBuilder();
        for (final List<Node> vs : s.values) {
            sizes.append(sizes.length() == 0 ? "" : " x ").append(vs.size());
        }
        if (points > MAX_POINTS) {
            b.error(sweepKey, "sweep", "the grid has " + sizes + " = more than " + MAX_POINTS + " points: at most "
                    + MAX_POINTS + " (vary fewer keys or fewer values, or split the sweep into several files)");
        } else if (points * values > MAX_GRID_VALUES) {
            b.error(sweepKey, "sweep", "the grid has " + sizes + " = " + points + " points, each a copy of the file's "
                    + values + " values: more than " + MAX_GRID_VALUES + " values in all (vary fewer values, or"
                    + " split the sweep into several files)");
        }
    }

    /** Every combination of value indexes, the first key changing slowest. */
    private static List<List<Integer>> combinations(final SweepSpec s) {
        List<List<Integer>> out = List.of(List.of());
        for (final List<Node> vs : s.values) {
            final List<List<Integer>> next = new ArrayList<>();
            for (final List<Integer> prefix : out) {
                for (int j = 0; j < vs.size(); j++) {
                    final List<Integer> c = new ArrayList<>(prefix);
                    c.add(j);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /** A value as it would be written in flow style. */
    static String render(final Node n) {
        if (n instanceof Tree.Scalar s) {
            return s.text();
        }
        if (n instanceof Tree.Seq q) {
            return "[" + String.join(", ", q.items().stream().map(ScenarioLoader::render).toList()) + "]";
        }
        final Tree.Map m = (Tree.Map) n;
        return "{" + String.join(", ", m.entries().stream().map(e -> e.key() + ": " + render(e.value())).toList())
                + "}";
    }
}
