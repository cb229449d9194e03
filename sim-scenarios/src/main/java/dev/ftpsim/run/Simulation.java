package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A scenario built into a simulation with one seed, and its run: the network ({@link
 * NetworkBuilder}), the firewalls ({@link FirewallBuilder}), the FTP servers and populations
 * ({@link FtpBuilder}), watched by the recorders the caller chose. Running hands a {@link RunSink}
 * one row per FTP session as it ends and the probes' samples as they are taken.
 *
 * <p>Memory grows with the live sessions, not with the sessions run: a finished session's row goes
 * to the sink at once, recorders forget it, and the summary keeps only its figures ({@link
 * SummaryBuilder}). Samples are taken by the run loop between events, not by scheduled events.
 */
public final class Simulation {
    /** Tests make {@link #run} throw this, as an engine's bug would (null: nothing). */
    static volatile RuntimeException failForTest;
    /** Tests make {@link #run} of the scenarios it accepts throw as an engine's bug would (null: none). */
    static volatile java.util.function.Predicate<Scenario> failForTestIf;

    /** How many times a run reports its progress. */
    public static final int PROGRESS_STEPS = 200;

    private final Scenario scenario;
    private final long seed;
    private final Simulator sim;
    private final NetworkBuilder net;
    private final Map<String, Firewall> firewalls = new LinkedHashMap<>();
    private final List<Recorder> recorders;
    private final LiveSessions live = new LiveSessions(this::ended);
    private final SummaryBuilder summary = new SummaryBuilder();
    private final List<Probe> probes;
    private final long[] sampleValues;
    /** When the next time-series sample is due; MAX_VALUE when sampling is off. */
    private long nextSample;
    private RunSink sink;
    /** Writes what stateful boxes forgot to the sink. */
    private final ForgottenLog forgotten = new ForgottenLog(() -> sink);
    /** The scenario's load balancers, or null without any. */
    private final Balancers balancers;

    /**
     * Builds the scenario with {@code seed}.
     *
     * @param firewalls builds each firewall, or (an {@linkplain FirewallBuilder#open open} builder) none
     * @param recorders what watches the run, called in this order
     */
    public Simulation(final Scenario scenario, final long seed, final FirewallBuilder firewalls,
            final ProbeRegistry probes, final List<Recorder> recorders) throws IOException {
        this.scenario = scenario;
        this.seed = seed;
        this.sim = new Simulator(seed);
        this.recorders = List.copyOf(recorders);
        try {
            this.net = NetworkBuilder.build(scenario, sim);
            for (final Recorder r : this.recorders) {
                r.networkBuilt(net);
            }
            for (final FirewallSpec f : scenario.firewalls().values()) {
                final Node node = net.node(f.node());
                for (final Recorder r : this.recorders) {
                    r.beforeFirewall(f.node(), node, net);
                }
                final Firewall fw = firewalls.build(f, node);
                if (fw != null) {
                    this.firewalls.put(f.node(), fw);
                    listen(f.node(), fw);
                    if (fw.conntrack() != null) {
                        fw.conntrack().setForgetListener(forgotten.conntrack(f.node()));
                    }
                }
            }
            this.balancers = scenario.balancers().isEmpty() ? null : new Balancers(scenario, net, sim, this.recorders);
            if (balancers != null) {
                balancers.listen(forgotten.balancers());
            }
            for (final Recorder r : this.recorders) {
                r.wired(net);
            }
            for (final dev.ftpsim.scenario.RouterSpec rs : scenario.routers().values()) {
                for (final dev.ftpsim.scenario.RouterSpec.Proxy px : rs.proxies()) {
                    for (int port = px.firstPort(); port <= px.lastPort(); port++) {
                        final Node node = net.node(rs.name());
                        UserlandProxy.start(net.tcp(node), port, px.toAddress(), px.toPort() + port - px.firstPort(),
                                (front, back) -> this.recorders.forEach(r -> r.relayed(node, front, back)));
                    }
                }
            }
            FtpBuilder.build(scenario, sim, net, live);
            this.probes = probes.bind(new ProbeRegistry.Context(java.util.Collections.unmodifiableMap(this.firewalls),
                    live::finished, scenario.record().tcp(), host -> net.builtTcp(net.node(host))));
            this.sampleValues = new long[this.probes.size()];
        } catch (final IllegalArgumentException e) {
            // The loader checked the file: what the engine refuses now is ftpsim's bug, not the user's input.
            throw new EngineFailure("building the scenario failed", 0, e);
        }
    }

    /** Tells the recorders that listen to firewalls of {@code fw}'s decisions, in their order. */
    private void listen(final String name, final Firewall fw) {
        final List<Firewall.Listener> ls = new ArrayList<>();
        for (final Recorder r : recorders) {
            final Firewall.Listener l = r.firewallBuilt(name, fw);
            if (l != null) {
                ls.add(l);
            }
        }
        if (ls.size() == 1) {
            fw.setListener(ls.get(0));
        } else if (!ls.isEmpty()) {
            fw.setListener(new Fanout(ls.toArray(new Firewall.Listener[0])));
        }
    }

    /** Several listeners of one firewall, told in order. */
    record Fanout(Firewall.Listener[] all) implements Firewall.Listener {
        @Override
        public void decided(final Firewall fw, final Hook hook, final Program.ChainCode chain, final int rule,
                final Packet p, final boolean dropped) {
            for (final Firewall.Listener l : all) {
                l.decided(fw, hook, chain, rule, p, dropped);
            }
        }

        @Override
        public void conntrackDrop(final Firewall fw, final Hook hook, final Packet p, final String reason) {
            for (final Firewall.Listener l : all) {
                l.conntrackDrop(fw, hook, p, reason);
            }
        }

        @Override
        public void tracked(final Firewall fw, final Hook hook, final Packet p) {
            for (final Firewall.Listener l : all) {
                l.tracked(fw, hook, p);
            }
        }
    }

    /** The time-series columns: {@code time_s}, then each probe's name. */
    public List<String> columns() {
        final List<String> c = new ArrayList<>();
        c.add("time_s");
        probes.forEach(p -> c.add(p.name()));
        return c;
    }

    /** The firewalls built, by node name, in the scenario's order. */
    public Map<String, Firewall> firewalls() {
        return java.util.Collections.unmodifiableMap(firewalls);
    }

    /**
     * Runs to the stop time, telling {@code progress} (when not null) the simulated time reached,
     * {@value #PROGRESS_STEPS} times; running in steps adds no event, the results are the same.
     */
    public RunSummary run(final LongConsumer progress, final RunSink out) throws IOException {
        this.sink = out;
        sink.begin(new ArrayList<>(firewalls.keySet()), columns());
        final long stop = scenario.stopNanos();
        nextSample = scenario.record().timeseriesNanos() > 0 ? 0 : Long.MAX_VALUE;
        try {
            final RuntimeException fail = failForTest;
            if (fail != null) {
                throw fail;
            }
            final java.util.function.Predicate<Scenario> failIf = failForTestIf;
            if (failIf != null && failIf.test(scenario)) {
                throw new IllegalArgumentException("an engine limit injected");
            }
            if (progress == null) {
                advance(stop);
            } else {
                for (int i = 1; i <= PROGRESS_STEPS; i++) {
                    advance(Math.max(sim.now(), i == PROGRESS_STEPS ? stop : stop / PROGRESS_STEPS * i));
                    progress.accept(sim.now());
                }
            }
            for (final Recorder r : recorders) {
                r.stopped();
            }
            live.stop();
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        } catch (final IllegalArgumentException e) {
            // A limit of the engine hit during the run (an event time past its clock's end): the file
            // loaded, so this is not the user's bad input but ftpsim's bug.
            throw new EngineFailure("the simulation failed", sim.now(), e);
        }
        final Map<String, Map<String, Long>> lost = InterfaceDrops.of(net.network());
        if (balancers != null) {
            InterfaceDrops.addBalancers(lost, balancers.all());
        }
        return summary.build(scenario.name(), seed, firewalls, lost, balancers == null ? Map.of() : balancers.logs());
    }

    /** A session ended: its row goes out now, and nothing of it stays but the summary's figures. */
    private void ended(final LiveSessions.Live p, final FtpSessionRecord record) {
        final FtpSessionRecord r = balancers == null ? record : balancers.diagnose(p.host.address(), record);
        final Map<String, String> paths = new LinkedHashMap<>();
        for (final Recorder rec : recorders) {
            rec.sessionEnded(p, r, paths);
        }
        final dev.ftpsim.scenario.FtpSpec.Clients pop = scenario.ftp().clients().get(p.population);
        summary.add(r, pop.name(), pop.host(), pop.profile());
        try {
            sink.session(new Results.Row(pop.name() + "#" + r.identity().session(), r, paths));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
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
        for (int i = 0; i < probes.size(); i++) {
            sampleValues[i] = probes.get(i).value().getAsLong();
        }
        try {
            sink.sample(time, sampleValues);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events executed so far. */
    public long events() {
        return sim.eventsExecuted();
    }

    /** Simulated time reached. */
    public long now() {
        return sim.now();
    }

    /** Sessions started and not ended: what a run keeps per session. */
    int liveSessions() {
        return live.size();
    }

    int pendingEvents() {
        return sim.pendingEvents();
    }

    /** Doubles the summary holds for its percentiles. */
    long summaryDoubles() {
        return summary.doublesHeld();
    }
}
