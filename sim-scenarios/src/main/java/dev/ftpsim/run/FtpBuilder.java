package dev.ftpsim.run;

import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.ftp.agent.FtpClientAgent;
import dev.ftpsim.ftp.agent.FtpServerAgent;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a scenario's FTP servers on their hosts, with their files, and schedules its client
 * populations' arrivals; each session started and ended is told to {@link LiveSessions}.
 */
final class FtpBuilder {
    private final Simulator sim;
    private final NetworkBuilder net;
    private final LiveSessions live;

    private FtpBuilder(final Simulator sim, final NetworkBuilder net, final LiveSessions live) {
        this.sim = sim;
        this.net = net;
        this.live = live;
    }

    static void build(final Scenario scenario, final Simulator sim, final NetworkBuilder net, final LiveSessions live) {
        final FtpBuilder b = new FtpBuilder(sim, net, live);
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
            new FtpServerAgent(net.tcp(net.node(s.host())), s.options(), fs, s.port());
        }
        for (int c = 0; c < scenario.ftp().clients().size(); c++) {
            b.population(c, scenario.ftp().clients().get(c));
        }
    }

    private static void parents(final MemoryFileSystem fs, final String path) {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            fs.mkdir(path.substring(0, i));
        }
    }

    /**
     * Schedules a population's arrivals with one pending event per population, however many
     * sessions it has: Poisson, fixed-interval and uniform arrivals come in time order, each
     * arrival scheduling the next; simultaneous ({@code at}) arrivals start together in one event,
     * in session order.
     */
    private void population(final int index, final FtpSpec.Clients spec) {
        final Population pop = new Population(index, spec);
        if (spec.sessions() == 0) {
            return;
        }
        if (spec.arrivals() instanceof FtpSpec.At a) {
            sim.scheduleAt(a.nanos(), () -> {
                for (int k = 0; k < spec.sessions(); k++) {
                    pop.start(k, ClientScripts.script(spec, pop.sizes));
                }
            });
            return;
        }
        sim.scheduleAt(pop.nextArrival(), pop);
    }

    /** A client population: its random streams and the next session to arrive. */
    private final class Population implements Runnable {
        final int index;
        final FtpSpec.Clients spec;
        final List<? extends Node> members;
        final RandomStream arrivals;
        final RandomStream sizes;
        int next;
        long t;
        /** The last uniform arrival drawn, as a fraction of the range. */
        double uniform;

        Population(final int index, final FtpSpec.Clients spec) {
            this.index = index;
            this.spec = spec;
            this.members = net.clientNodes(spec.host());
            this.arrivals = sim.streams().stream("ftp/clients[" + index + "]/arrivals");
            this.sizes = sim.streams().stream("ftp/clients[" + index + "]/sizes");
        }

        /** The arrival time of session {@code next}, drawing it if random; advances {@code next}. */
        long nextArrival() {
            final int k = next++;
            if (spec.arrivals() instanceof FtpSpec.At a) {
                return a.nanos();
            } else if (spec.arrivals() instanceof FtpSpec.Uniform u) {
                // The sessions' uniform times drawn in ascending order, so that session k is the
                // k-th to arrive and nothing is drawn ahead: each next one is the minimum of the
                // n still to come, 1 - (1 - u) * V^(1/n) (Bentley and Saxe, "Generating sorted
                // lists of random numbers", ACM TOMS 6(3), 1980).
                final int n = spec.sessions() - k;
                uniform = 1 - (1 - uniform) * Math.pow(arrivals.nextDouble(), 1.0 / n);
                return u.fromNanos() + (long) (uniform * (u.toNanos() - u.fromNanos()));
            } else if (spec.arrivals() instanceof FtpSpec.Poisson p) {
                // A rare rate's gap can pass the clock's end (Long.MAX_VALUE): it never comes, and
                // the sum must not wrap to a time in the past.
                final long gap = (long) arrivals.exponential(1e9 / p.perSecond());
                t = gap > Long.MAX_VALUE - t ? Long.MAX_VALUE : t + gap;
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
            final Node host = members.get(k % members.size());
            final LiveSessions.Live l = live.start(host, index);
            // An agent holds nothing but the stack: one per session, none kept per member.
            final FtpClientAgent agent = new FtpClientAgent(net.tcp(host));
            final int dial = spec.serverAddress6() == null ? spec.serverAddress() : host.network().ipv6().parse(spec.serverAddress6());
            l.session = agent.start(dial, spec.port(), spec.options(), script, k, r -> live.end(l, r));
        }
    }
}
