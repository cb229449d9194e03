package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
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
import dev.ftpsim.ftp.protocol.ClientOptions;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Scenario} into a wired simulation, runs it to its stop time and
 * collects one record per FTP session, how each firewall judged each data connection, and time
 * series of the firewalls' connection tracking.
 *
 * <p>A host group's members each get their own link to the other end; on a router that end is an
 * interface per member named {@code lan#17} (rules on {@code lan} match it) with a host route, as
 * if the members hung off a switch port each.
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
            LadderRecorder ladder) {}

    /** Runs the scenario recording session {@code session} of the first client population for a ladder. */
    public static Outcome ladder(final Scenario scenario, final long seed, final int session) throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.ladderSession = session;
        r.build(null);
        return r.execute(null);
    }

    /** Derives, for each firewall node, the channels the scenario's FTP traffic needs, with every firewall open. */
    public static Map<String, List<ChannelRecorder.Channel>> channels(final Scenario scenario, final long seed)
            throws IOException {
        final ScenarioRunner r = new ScenarioRunner(scenario, seed);
        r.open = true;
        r.build(null);
        return r.execute(null).channels();
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
    private final List<Pending> sessions = new ArrayList<>();
    private final StringBuilder timeseries = new StringBuilder();
    private final Map<String, List<ChannelRecorder>> recorders = new LinkedHashMap<>();
    /** Build no firewall, only watch where they would be: for deriving channels. */
    private boolean open;
    private int ladderSession = -1;
    private LadderRecorder ladder;

    /** One client session: where it runs and, once it ended, its record. */
    private static final class Pending {
        final Host host;
        FtpSessionRecord record;

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
        return r.execute(progress);
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
                for (int i = 0; i < g.count(); i++) {
                    final Host host = net.host(g.memberName(i));
                    host.addInterface("eth0", Ipv4.format(g.address(i)) + "/" + g.subnet().length());
                    members.add(host);
                    nodes.put(g.memberName(i), host);
                    hostTcp.put(host, tcpConfig);
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
                if (i.name().equals(end.iface()) || i.name().startsWith(end.iface() + "#")) {
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
            connect("links[" + index + "]", l, iface(l.a()), iface(l.b()));
            return;
        }
        final LinkSpec.End groupEnd = aGroup ? l.a() : l.b();
        final LinkSpec.End other = aGroup ? l.b() : l.a();
        final List<Host> members = groups.get(groupEnd.node());
        final NetInterface first = iface(other);
        for (int i = 0; i < members.size(); i++) {
            final NetInterface m = members.get(i).iface("eth0");
            final NetInterface o;
            if (i == 0) {
                o = first;
            } else {
                o = first.node().addInterface(first.name() + "#" + i, Ipv4.format(first.address()) + "/32");
            }
            first.node().routes().add(new Route(new Prefix(m.address(), 32), 0, o));
            connect("links[" + index + "][" + i + "]", l, m, o);
        }
    }

    private void connect(final String name, final LinkSpec l, final NetInterface a, final NetInterface b) {
        final var link = net.connect(name, a, b, l.config());
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
            fw = Firewall.stateful(node, f.ruleset(), f.conntrack().config(), helpers);
            for (final int port : f.conntrack().autoHelperPorts()) {
                for (final ConntrackHelper h : helpers) {
                    fw.conntrack().autoAssign(port, h);
                }
            }
        } else {
            fw = Firewall.stateless(node, f.ruleset());
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
            // Accounts' homes exist, as an administrator creates them (useradd -m).
            s.access().users().stream().filter(u -> !u.home().equals("/")).forEach(u -> parents(fs, u.home() + "/"));
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

    private void population(final int index, final FtpSpec.Clients spec) {
        final List<Host> members = hostsOf(spec.host());
        final ClientOptions options = spec.options();
        final RandomStream arrivals = sim.streams().stream("ftp/clients[" + index + "]/arrivals");
        final RandomStream sizes = sim.streams().stream("ftp/clients[" + index + "]/sizes");
        final Map<Host, FtpClientAgent> agents = new HashMap<>();
        long t = 0;
        for (int k = 0; k < spec.sessions(); k++) {
            final long at;
            if (spec.arrivals() instanceof FtpSpec.At a) {
                at = a.nanos();
            } else if (spec.arrivals() instanceof FtpSpec.Uniform u) {
                at = u.fromNanos() + (long) (arrivals.nextDouble() * (u.toNanos() - u.fromNanos()));
            } else if (spec.arrivals() instanceof FtpSpec.Poisson p) {
                t += (long) arrivals.exponential(1e9 / p.perSecond());
                at = t;
            } else {
                at = k * ((FtpSpec.Every) spec.arrivals()).intervalNanos();
            }
            final Host host = members.get(k % members.size());
            final List<ClientOp> script = script(spec, sizes);
            final Pending pending = new Pending(host);
            sessions.add(pending);
            final FtpClientAgent agent = agents.computeIfAbsent(host, h -> new FtpClientAgent(tcp(h)));
            final int session = k;
            sim.scheduleAt(at, () -> agent.start(spec.serverAddress(), spec.port(), options, script, session,
                    r -> pending.record = r));
        }
    }

    /**
     * A session's operations. With {@code tls}, as curl --ssl-reqd does: AUTH TLS first, PBSZ 0 and
     * PROT P right after the login, then CCC with {@code ccc} (curl --ftp-ssl-ccc).
     */
    private static List<ClientOp> script(final FtpSpec.Clients spec, final RandomStream sizes) {
        final List<ClientOp> out = new ArrayList<>(spec.script().size() + 3);
        boolean protect = spec.tls();
        if (spec.tls()) {
            out.add(new ClientOp.AuthTls());
        }
        for (final FtpSpec.Step s : spec.script()) {
            if (s instanceof FtpSpec.Login l) {
                out.add(new ClientOp.Login(l.user(), l.password()));
                if (protect) {
                    protect = false;
                    out.add(new ClientOp.Protect(true));
                    if (spec.ccc()) {
                        out.add(new ClientOp.Ccc());
                    }
                }
            } else if (s instanceof FtpSpec.Get g) {
                out.add(new ClientOp.Retr(g.path()));
            } else if (s instanceof FtpSpec.Put p) {
                out.add(new ClientOp.Stor(p.path(), null, Math.max(0, p.size().sample(sizes.provider()::nextLong))));
            } else if (s instanceof FtpSpec.ListDir d) {
                out.add(new ClientOp.List(d.path(), d.namesOnly()));
            } else if (s instanceof FtpSpec.Cwd c) {
                out.add(new ClientOp.Cwd(c.path()));
            }
        }
        return out;
    }

    private Outcome execute(final java.util.function.LongConsumer progress) throws IOException {
        final long interval = scenario.record().timeseriesNanos();
        timeseries.append("time_s");
        for (final String f : firewalls.keySet()) {
            timeseries.append(",conntrack_").append(f).append(",expectations_").append(f).append(",nat_").append(f);
        }
        timeseries.append(",sessions_finished\n");
        if (interval > 0) {
            for (long at = 0; at <= scenario.stopNanos(); at += interval) {
                sim.scheduleAt(at, this::sample);
            }
        }
        final long stop = scenario.stopNanos();
        if (progress == null) {
            sim.runUntil(stop);
        } else {
            for (int i = 1; i <= PROGRESS_STEPS; i++) {
                sim.runUntil(Math.max(sim.now(), i == PROGRESS_STEPS ? stop : stop / PROGRESS_STEPS * i));
                progress.accept(sim.now());
            }
        }
        for (final PcapWriter w : captures) {
            w.close();
        }
        final List<Results.Row> rows = new ArrayList<>();
        for (final Pending p : sessions) {
            final FtpSessionRecord r = p.record != null ? p.record : unfinished(p);
            final Map<String, String> paths = new LinkedHashMap<>();
            observers.forEach((name, o) -> paths.put(name, r.dataPort() == 0 ? ""
                    : o.classify(p.host.iface("eth0").address(), r.dataPort())));
            rows.add(new Results.Row(r.client() + "#" + r.session(), r, paths));
        }
        rows.sort(Comparator.comparingLong((Results.Row x) -> x.record().start()).thenComparing(Results.Row::label));
        final Map<String, List<ChannelRecorder.Channel>> channels = new LinkedHashMap<>();
        recorders.forEach((node, recs) -> {
            final List<ChannelRecorder.Channel> all = new ArrayList<>();
            recs.forEach(rec -> all.addAll(rec.channels()));
            channels.put(node, all);
        });
        return new Outcome(scenario, seed, rows, firewalls, timeseries.toString(), sim.eventsExecuted(), sim.now(),
                channels, ladder);
    }

    private FtpSessionRecord unfinished(final Pending p) {
        return new FtpSessionRecord(p.host.name(), -1, "", false, "not finished by the stop time", 0, "", -1, -1, -1,
                -1, scenario.stopNanos(), 0, 0, 0);
    }

    private void sample() {
        timeseries.append(String.format(java.util.Locale.ROOT, "%.3f", sim.now() / 1e9));
        for (final Firewall fw : firewalls.values()) {
            timeseries.append(',').append(fw.conntrack() == null ? 0 : fw.conntrack().count());
            timeseries.append(',').append(fw.conntrack() == null ? 0 : fw.conntrack().expectationCount());
            timeseries.append(',').append(fw.conntrack() == null ? 0 : fw.conntrack().natCount());
        }
        long done = 0;
        for (final Pending p : sessions) {
            done += p.record != null ? 1 : 0;
        }
        timeseries.append(',').append(done).append('\n');
    }
}
