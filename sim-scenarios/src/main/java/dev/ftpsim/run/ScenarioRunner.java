package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Prefix;
import dev.ftpsim.core.net.Route;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.pcap.PcapWriter;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.agent.FtpClientAgent;
import dev.ftpsim.ftp.agent.FtpServerAgent;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.alg.FtpHelper;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.HostSpec;
import dev.ftpsim.scenario.LinkSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Scenario} into a wired simulation, runs it to its stop time and
 * hands a {@link RunSink} one record per FTP session as it ends, with how each firewall judged its
 * data connection, and time series of the firewalls' connection tracking as they are sampled.
 *
 * <p>Memory grows with the live sessions, not with the sessions run: arrivals in time order are
 * scheduled one at a time, a finished session's row goes to the sink at once and its endpoints
 * leave the data-path observers, and the summary keeps only its figures ({@link SummaryBuilder}).
 * Samples are taken by the run loop between events, not by scheduled events.
 *
 * <p>A host group's members each get their own link to the other end; on a router that end is an
 * interface per member named {@code lan#17} in the interface group {@code lan} (so rules on
 * {@code lan} match it) with a host route, as if the members hung off a switch port each.
 */
public final class ScenarioRunner {
    /**
     * What a run produced.
     *
     * @param channels per firewall node, the channels its FTP traffic used, derived from the packets
     *     before any filter judged them (see {@link ChannelRecorder})
     */
    public record Outcome(Scenario scenario, long seed, List<Results.Row> rows, Map<String, Firewall> firewalls,
            String timeseriesCsv, long events, long simulatedNanos, Map<String, List<ChannelRecorder.Channel>> channels,
            LadderRecorder ladder, RunSummary summary) {}

    /** Runs the scenario recording session {@code session} of the first client population for a ladder. */
    public static Outcome ladder(final Scenario scenario, final long seed, final int session) throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.ladderSession = session;
        r.build(null);
        return r.collect(null);
    }

    /** Derives, for each firewall node, the channels the scenario's FTP traffic needs, with every firewall open. */
    public static Map<String, List<ChannelRecorder.Channel>> channels(final Scenario scenario, final long seed)
            throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.open = true;
        r.build(null);
        return r.execute(null, RunSink.DISCARD).channels();
    }

    private final Scenario scenario;
    private final long seed;
    private final Simulator sim;
    private final Network net;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<Host>> groups = new HashMap<>();
    private final Map<Node, TcpStack> stacks = new HashMap<>();
    /** Each host's TCP settings: Linux's, with its scenario {@code tcp} block applied. */
    private final Map<Node, TcpConfig> hostTcp = new HashMap<>();
    private final Map<String, Firewall> firewalls = new LinkedHashMap<>();
    private final Map<String, DataPathObserver> observers = new LinkedHashMap<>();
    private final List<PcapWriter> captures = new ArrayList<>();
    /** Sessions started and not yet ended, in start order. */
    private final java.util.LinkedHashSet<Pending> running = new java.util.LinkedHashSet<>();
    private final SummaryBuilder summary = new SummaryBuilder();
    /** When the next time-series sample is due; MAX_VALUE when sampling is off. */
    private long nextSample;
    private RunSink sink;
    private long[] sampleValues;
    private long finished;
    private final Map<String, List<ChannelRecorder>> recorders = new LinkedHashMap<>();
    /** Build no firewall, only watch where they would be: for deriving channels. */
    private boolean open;
    private int ladderSession = -1;
    private LadderRecorder ladder;

    /** One client session that started: where it runs, and the agent's handle while it runs. */
    private static final class Pending {
        final Host host;
        FtpClientAgent.Running session;

        Pending(final Host host) {
            this.host = host;
        }
    }

    private ScenarioRunner(final Scenario scenario, final long seed) {
        this.scenario = scenario;
        this.seed = seed;
        this.sim = new Simulator(seed);
        this.net = new Network(sim);
    }

    /**
     * Runs a scenario.
     *
     * @param seed the master seed (the scenario's own unless overridden)
     * @param pcapDir where to write captures of the scenario's {@code record.pcap} ends, or null
     */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir) throws IOException {
        return run(scenario, seed, pcapDir, null);
    }

    /**
     * Runs a scenario, telling {@code progress} (when not null) the simulated time reached, about
     * {@value #PROGRESS_STEPS} times. Running in steps adds no event: the results are the same.
     */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir,
            final java.util.function.LongConsumer progress) throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.build(pcapDir);
        return r.collect(progress);
    }

    /**
     * Runs a scenario handing each session's row and each sample to {@code sink} as they happen;
     * the outcome's rows and time series are then empty, its summary complete.
     */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir,
            final java.util.function.LongConsumer progress, final RunSink sink) throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.build(pcapDir);
        return r.execute(progress, sink);
    }

    /** How many samples a run of {@code scenario} takes: one per interval from 0 to its stop time. */
    public static long expectedSamples(final Scenario scenario) {
        final long interval = scenario.record().timeseriesNanos();
        return interval <= 0 ? 0 : scenario.stopNanos() / interval + 1;
    }

    /** How many times a run reports its progress. */
    public static final int PROGRESS_STEPS = 200;

    private void build(final Path pcapDir) throws IOException {
        for (final HostSpec h : scenario.hosts().values()) {
            final TcpConfig tcpConfig = scenario.tcp().containsKey(h.name())
                    ? scenario.tcp().get(h.name()).apply(TcpConfig.linux()) : TcpConfig.linux();
            if (h instanceof HostSpec.Single s) {
                final Host host = net.host(s.name());
                host.addInterface("eth0", s.address().toString());
                nodes.put(s.name(), host);
                hostTcp.put(host, tcpConfig);
            } else {
                final HostSpec.Group g = (HostSpec.Group) h;
                final List<Host> members = new ArrayList<>(g.count());
                // Members are found through groups, never by name, and have Linux's TCP unless
                // the group sets its own: no per-member map entries for a million members.
                final boolean ownTcp = scenario.tcp().containsKey(h.name());
                for (int i = 0; i < g.count(); i++) {
                    final Host host = net.host(g.memberName(i));
                    host.addInterface("eth0", Ipv4.format(g.address(i)) + "/" + g.subnet().length());
                    members.add(host);
                    if (ownTcp) {
                        hostTcp.put(host, tcpConfig);
                    }
                }
                groups.put(g.name(), members);
            }
        }
        for (final RouterSpec rs : scenario.routers().values()) {
            final Router router = net.router(rs.name());
            rs.interfaces().forEach((name, cidr) -> router.addInterface(name, cidr.toString()));
            nodes.put(rs.name(), router);
        }
        for (int i = 0; i < scenario.links().size(); i++) {
            link(i, scenario.links().get(i));
        }
        for (final RouterSpec rs : scenario.routers().values()) {
            for (final RouterSpec.Route route : rs.routes()) {
                nodes.get(rs.name()).addRoute(route.to().toString(), Ipv4.format(route.via()));
            }
        }
        for (final HostSpec h : scenario.hosts().values()) {
            if (h.gateway() != 0) {
                for (final Host host : hostsOf(h.name())) {
                    host.defaultGateway(Ipv4.format(h.gateway()));
                }
            }
        }
        if (ladderSession >= 0) {
            ladder = ladderRecorder();
        }
        for (final FirewallSpec f : scenario.firewalls().values()) {
            final List<ChannelRecorder> recs = new ArrayList<>();
            for (final FtpSpec.Server sv : scenario.ftp().servers()) {
                recs.add(ChannelRecorder.attach(nodes.get(f.node()), nodes.get(sv.host()).interfaces().get(0).address()));
            }
            recorders.put(f.node(), recs);
            if (!open) {
                firewall(f);
            }
        }
        if (pcapDir != null) {
            final List<LinkSpec.End> ends = new ArrayList<>(scenario.record().pcap());
            if (ends.isEmpty()) {
                // Nothing named in record.pcap: capture every router interface.
                for (final RouterSpec rs : scenario.routers().values()) {
                    rs.interfaces().keySet().forEach(i -> ends.add(new LinkSpec.End(rs.name(), i)));
                }
            }
            for (final LinkSpec.End end : ends) {
                final List<NetInterface> ifaces = interfacesOf(end);
                captures.add(PcapWriter.open(pcapDir.resolve(end.toString().replace('.', '-') + ".pcap"), 65535,
                        ifaces.toArray(new NetInterface[0])));
            }
        }
        ftp();
    }

    /** The path of the ladder's session: its client, the routers, the first server. */
    private LadderRecorder ladderRecorder() {
        final FtpSpec.Clients pop = scenario.ftp().clients().get(0);
        final List<Host> members = hostsOf(pop.host());
        final Host client = members.get(ladderSession % members.size());
        final List<Node> path = new ArrayList<>();
        path.add(client);
        for (final RouterSpec rs : scenario.routers().values()) {
            path.add(nodes.get(rs.name()));
        }
        final FtpSpec.Server server = scenario.ftp().servers().get(0);
        path.add(nodes.get(server.host()));
        return new LadderRecorder(path, client.interfaces().get(0).address(), server.port(), 20_000);
    }

    private List<Host> hostsOf(final String name) {
        final List<Host> g = groups.get(name);
        return g != null ? g : List.of((Host) nodes.get(name));
    }

    private List<NetInterface> interfacesOf(final LinkSpec.End end) {
        if (end.iface() != null) {
            final Node n = nodes.get(end.node());
            final List<NetInterface> out = new ArrayList<>();
            for (final NetInterface i : n.interfaces()) {
                if (i.name().equals(end.iface()) || i.group().equals(end.iface())) {
                    out.add(i);
                }
            }
            return out;
        }
        return hostsOf(end.node()).stream().map(h -> h.iface("eth0")).toList();
    }

    /** Connects the ends; a group end gets one link per member, with a router interface each. */
    private void link(final int index, final LinkSpec l) {
        final boolean aGroup = l.a().iface() == null && groups.containsKey(l.a().node());
        final boolean bGroup = l.b().iface() == null && groups.containsKey(l.b().node());
        if (!aGroup && !bGroup) {
            connect("links[" + index + "]", l, l.config(), iface(l.a()), iface(l.b()));
            return;
        }
        final LinkSpec.End groupEnd = aGroup ? l.a() : l.b();
        final LinkSpec.End other = aGroup ? l.b() : l.a();
        final List<Host> members = groups.get(groupEnd.node());
        final NetInterface first = iface(other);
        final LinkConfig config = l.config(); // one for all members' links
        for (int i = 0; i < members.size(); i++) {
            final NetInterface m = members.get(i).iface("eth0");
            final NetInterface o;
            if (i == 0) {
                o = first;
            } else {
                o = first.node().addInterface(first.name() + "#" + i, Ipv4.format(first.address()) + "/32");
                o.setGroup(first.group());
            }
            first.node().routes().add(new Route(new Prefix(m.address(), 32), 0, o));
            connect("links[" + index + "][" + i + "]", l, config, m, o);
        }
    }

    private void connect(final String name, final LinkSpec l, final LinkConfig config, final NetInterface a,
            final NetInterface b) {
        final var link = net.connect(name, a, b, config);
        if (l.loss() instanceof LinkSpec.Bernoulli bern && bern.p() > 0) {
            net.bernoulliLoss(link, a, bern.p());
            net.bernoulliLoss(link, b, bern.p());
        } else if (l.loss() instanceof LinkSpec.GilbertElliott ge) {
            net.gilbertElliottLoss(link, a, ge.p(), ge.r(), ge.lossGood(), ge.lossBad());
            net.gilbertElliottLoss(link, b, ge.p(), ge.r(), ge.lossGood(), ge.lossBad());
        }
    }

    private NetInterface iface(final LinkSpec.End end) {
        final Node n = nodes.get(end.node());
        return end.iface() == null ? n.interfaces().get(0) : n.iface(end.iface());
    }

    private void firewall(final FirewallSpec f) {
        final Node node = nodes.get(f.node());
        final Firewall fw;
        if (f.stateful()) {
            final List<ConntrackHelper> helpers = new ArrayList<>();
            for (final String h : f.conntrack().helpers()) {
                if (h.equals("ftp")) {
                    helpers.add(FtpHelper.standard());
                }
            }
            fw = f.program() != null ? Firewall.stateful(node, f.program(), f.conntrack().config(), helpers)
                    : Firewall.stateful(node, f.ruleset(), f.conntrack().config(), helpers);
            for (final int port : f.conntrack().autoHelperPorts()) {
                for (final ConntrackHelper h : helpers) {
                    fw.conntrack().autoAssign(port, h);
                }
            }
        } else {
            fw = f.program() != null ? Firewall.stateless(node, f.program()) : Firewall.stateless(node, f.ruleset());
        }
        firewalls.put(f.node(), fw);
        observers.put(f.node(), DataPathObserver.attach(fw, ladder));
    }

    private TcpStack tcp(final Node n) {
        return stacks.computeIfAbsent(n, x -> new TcpStack(x, hostTcp.getOrDefault(x, TcpConfig.linux())));
    }

    private void ftp() {
        // Directories of the files served and of every upload's target exist from the start.
        final List<String> dirsNeeded = new ArrayList<>();
        for (final FtpSpec.Clients c : scenario.ftp().clients()) {
            for (final FtpSpec.Step st : c.script()) {
                if (st instanceof FtpSpec.Put p) {
                    dirsNeeded.add(p.path());
                }
            }
        }
        for (final FtpSpec.Server s : scenario.ftp().servers()) {
            final MemoryFileSystem fs = new MemoryFileSystem(0);
            for (final String path : s.files().keySet()) {
                parents(fs, path);
            }
            for (final String path : dirsNeeded) {
                parents(fs, path);
            }
            s.files().forEach(fs::bulk);
            new FtpServerAgent(tcp(nodes.get(s.host())), s.options(), fs, s.port());
        }
        for (int c = 0; c < scenario.ftp().clients().size(); c++) {
            population(c, scenario.ftp().clients().get(c));
        }
    }

    private static void parents(final MemoryFileSystem fs, final String path) {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            fs.mkdir(path.substring(0, i));
        }
    }

    /**
     * Schedules a population's arrivals. Poisson and fixed-interval arrivals come in time order:
     * each arrival schedules the next, so one event is pending per population however many
     * sessions it has. Uniform and simultaneous arrivals are scheduled up front, as their order in
     * time is not their order of drawing.
     */
    private void population(final int index, final FtpSpec.Clients spec) {
        final Population pop = new Population(index, spec);
        if (spec.sessions() == 0) {
            return;
        }
        if (spec.arrivals() instanceof FtpSpec.Poisson || spec.arrivals() instanceof FtpSpec.Every) {
            sim.scheduleAt(pop.nextArrival(), pop);
            return;
        }
        for (int k = 0; k < spec.sessions(); k++) {
            final long at = pop.nextArrival();
            final List<ClientOp> script = ClientScripts.script(spec, pop.sizes);
            final int session = k;
            sim.scheduleAt(at, () -> pop.start(session, script));
        }
    }

    /** A client population: its random streams, its agents, and the next session to arrive. */
    private final class Population implements Runnable {
        final FtpSpec.Clients spec;
        final List<Host> members;
        final RandomStream arrivals;
        final RandomStream sizes;
        final Map<Host, FtpClientAgent> agents = new HashMap<>();
        int next;
        long t;

        Population(final int index, final FtpSpec.Clients spec) {
            this.spec = spec;
            this.members = hostsOf(spec.host());
            this.arrivals = sim.streams().stream("ftp/clients[" + index + "]/arrivals");
            this.sizes = sim.streams().stream("ftp/clients[" + index + "]/sizes");
        }

        /** The arrival time of session {@code next}, drawing it if random; advances {@code next}. */
        long nextArrival() {
            final int k = next++;
            if (spec.arrivals() instanceof FtpSpec.At a) {
                return a.nanos();
            } else if (spec.arrivals() instanceof FtpSpec.Uniform u) {
                return u.fromNanos() + (long) (arrivals.nextDouble() * (u.toNanos() - u.fromNanos()));
            } else if (spec.arrivals() instanceof FtpSpec.Poisson p) {
                t += (long) arrivals.exponential(1e9 / p.perSecond());
                return t;
            }
            return k * ((FtpSpec.Every) spec.arrivals()).intervalNanos();
        }

        /** The next session of a time-ordered population arrives: start it, schedule the one after. */
        @Override
        public void run() {
            start(next - 1, ClientScripts.script(spec, sizes));
            if (next < spec.sessions()) {
                sim.scheduleAt(nextArrival(), this);
            }
        }

        void start(final int k, final List<ClientOp> script) {
            final Host host = members.get(k % members.size());
            final Pending pending = new Pending(host);
            running.add(pending);
            final FtpClientAgent agent = agents.computeIfAbsent(host, h -> new FtpClientAgent(tcp(h)));
            pending.session = agent.start(spec.serverAddress(), spec.port(), spec.options(), script, k,
                    r -> ended(pending, r));
        }
    }

    /** A session ended: its row goes out now, and nothing of it stays but the summary's figures. */
    private void ended(final Pending p, final FtpSessionRecord r) {
        running.remove(p);
        finished++;
        write(p, r);
    }

    private void write(final Pending p, final FtpSessionRecord r) {
        final int ip = p.host.iface("eth0").address();
        final Map<String, String> paths = new LinkedHashMap<>();
        observers.forEach((name, o) -> paths.put(name, r.dataPort() == 0 ? "" : o.classify(ip, r.dataPort())));
        if (p.session != null) {
            for (final DataPathObserver o : observers.values()) {
                o.forget(ip, p.session.controlPort());
                for (final int port : p.session.dataPorts()) {
                    o.forget(ip, port);
                }
            }
        }
        summary.add(r);
        try {
            sink.session(new Results.Row(r.client() + "#" + r.session(), r, paths));
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs keeping every row and the time series in memory: for small runs, ladders and tests. */
    private Outcome collect(final java.util.function.LongConsumer progress) throws IOException {
        final List<Results.Row> rows = new ArrayList<>();
        final StringBuilder csv = new StringBuilder();
        final Outcome o = execute(progress, new RunSink() {
            @Override
            public void begin(final List<String> firewalls, final List<String> columns) {
                csv.append(String.join(",", columns)).append('\n');
            }

            @Override
            public void sample(final long timeNanos, final long[] values) {
                csv.append(Timeseries.line(timeNanos, values));
            }

            @Override
            public void session(final Results.Row row) {
                rows.add(row);
            }
        });
        return new Outcome(o.scenario(), o.seed(), rows, o.firewalls(), csv.toString(), o.events(),
                o.simulatedNanos(), o.channels(), o.ladder(), o.summary());
    }

    private Outcome execute(final java.util.function.LongConsumer progress, final RunSink out) throws IOException {
        this.sink = out;
        final List<String> fwNames = new ArrayList<>(firewalls.keySet());
        sink.begin(fwNames, Timeseries.columns(fwNames));
        sampleValues = new long[3 * firewalls.size() + 1];
        final long stop = scenario.stopNanos();
        nextSample = scenario.record().timeseriesNanos() > 0 ? 0 : Long.MAX_VALUE;
        try {
            if (progress == null) {
                advance(stop);
            } else {
                for (int i = 1; i <= PROGRESS_STEPS; i++) {
                    advance(Math.max(sim.now(), i == PROGRESS_STEPS ? stop : stop / PROGRESS_STEPS * i));
                    progress.accept(sim.now());
                }
            }
        } catch (final java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (final PcapWriter w : captures) {
            w.close();
        }
        // Sessions still running at the stop time: what they did so far, in start order.
        for (final Pending p : running) {
            write(p, p.session.snapshot(UNFINISHED));
        }
        running.clear();
        final Map<String, List<ChannelRecorder.Channel>> channels = new LinkedHashMap<>();
        recorders.forEach((node, recs) -> {
            final List<ChannelRecorder.Channel> all = new ArrayList<>();
            recs.forEach(rec -> all.addAll(rec.channels()));
            channels.put(node, all);
        });
        return new Outcome(scenario, seed, List.of(), firewalls, "", sim.eventsExecuted(), sim.now(), channels, ladder,
                summary.build(scenario.name(), seed, firewalls));
    }

    /** The reason of a session still running at the stop time. */
    public static final String UNFINISHED = "not finished by the stop time";

    /** For tests: runs with {@code sink}, handing the runner to {@code watch} at each progress step. */
    static Outcome watched(final Scenario scenario, final long seed, final RunSink sink,
            final java.util.function.Consumer<ScenarioRunner> watch) throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.build(null);
        return r.execute(t -> watch.accept(r), sink);
    }

    /** Sessions started and not ended: what a run keeps per session. */
    int liveSessions() {
        return running.size();
    }

    /** Endpoints the data-path observers hold. */
    int observedEndpoints() {
        return observers.values().stream().mapToInt(DataPathObserver::size).sum();
    }

    int pendingEvents() {
        return sim.pendingEvents();
    }

    /** Doubles the summary holds for its percentiles. */
    long summaryDoubles() {
        return summary.doublesHeld();
    }

    /**
     * Runs to {@code to}, taking each sample due on the way after every event before its time and
     * before any event at it: the state at that instant. Samples are taken by the loop, not by
     * events, so a run of any length or interval holds no pending sample.
     */
    private void advance(final long to) {
        while (nextSample <= to) {
            if (nextSample > sim.now()) {
                sim.runUntil(nextSample - 1);
            }
            sample(nextSample);
            final long next = nextSample + scenario.record().timeseriesNanos();
            nextSample = next > nextSample ? next : Long.MAX_VALUE;
        }
        sim.runUntil(to);
    }

    private void sample(final long time) {
        int i = 0;
        for (final Firewall fw : firewalls.values()) {
            sampleValues[i++] = fw.conntrack() == null ? 0 : fw.conntrack().count();
            sampleValues[i++] = fw.conntrack() == null ? 0 : fw.conntrack().expectationCount();
            sampleValues[i++] = fw.conntrack() == null ? 0 : fw.conntrack().natCount();
        }
        sampleValues[i] = finished;
        try {
            sink.sample(time, sampleValues);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
