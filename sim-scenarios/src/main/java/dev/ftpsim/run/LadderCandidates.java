package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's report needs for the ladder of its first failing session, recorded during the run
 * itself so that drawing it does not run the scenario again: a {@link LadderRecording} of each
 * population whose sessions all run on one client node (other sessions on that node, of this
 * population or another, are told apart by their ports when the ladder is drawn), at most
 * {@value #MAX_POPULATIONS} of them, each keeping at most {@link LadderRecorder#MAX_ARROWS}
 * arrows as a second run would, and the first failed session of each. Recording costs a run 2-4
 * times its CPU, which a run that succeeds would pay for nothing: each recording stops after
 * {@value #MAX_HOPS} packet hops, so a long run pays little and draws its ladder by a second run, as
 * does any session not recorded.
 */
public final class LadderCandidates implements Recorder {
    /** Populations recorded at most: each may keep up to {@link LadderRecorder#MAX_ARROWS} arrows. */
    static final int MAX_POPULATIONS = 4;
    /** Packet hops each recording looks at before it stops: all of a run of a few thousand events. */
    static final long MAX_HOPS = 20_000;

    private final Scenario scenario;
    /** By population index; filled when the network is built. */
    private final Map<Integer, LadderRecording> recordings = new HashMap<>();
    /** Each recorded population's first failed session, by population index. */
    private final Map<Integer, FtpSessionRecord> firstFailed = new HashMap<>();
    /** Its client ports ({@link LadderRecording#ports}). */
    private final Map<Integer, int[]> firstFailedPorts = new HashMap<>();

    public LadderCandidates(final Scenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public void networkBuilt(final NetworkBuilder net) throws IOException {
        final List<FtpSpec.Clients> pops = scenario.ftp().clients();
        for (int i = 0; i < pops.size() && recordings.size() < MAX_POPULATIONS; i++) {
            if (net.clientNodes(pops.get(i).host()).size() == 1) {
                final LadderRecording r = new LadderRecording(scenario, i, 0, LadderRecorder.MAX_ARROWS);
                try {
                    r.networkBuilt(net);
                } catch (final RuntimeException | StackOverflowError e) {
                    continue; // a bug in it, not the run's: the report's ladder is drawn by a second run, which says why
                }
                r.ladder().stopAfter(MAX_HOPS);
                recordings.put(i, r);
            }
        }
    }

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        final List<Firewall.Listener> ls = new ArrayList<>();
        for (final LadderRecording r : recordings.values()) {
            ls.add(r.firewallBuilt(name, fw));
        }
        return ls.isEmpty() ? null : ls.size() == 1 ? ls.get(0) : new Simulation.Fanout(ls.toArray(new Firewall.Listener[0]));
    }

    @Override
    public void relayed(final dev.ftpsim.core.net.Node node, final dev.ftpsim.core.tcp.TcpConnection front,
            final dev.ftpsim.core.tcp.TcpConnection back) {
        for (final LadderRecording r : recordings.values()) {
            r.relayed(node, front, back);
        }
    }

    @Override
    public void sessionEnded(final LiveSessions.Live session, final FtpSessionRecord r, final Map<String, String> dataPaths) {
        if (r.ok()) {
            return;
        }
        if (recordings.containsKey(session.population) && firstFailed.putIfAbsent(session.population, r) == null) {
            firstFailedPorts.put(session.population, LadderRecording.ports(session));
        }
    }

    /**
     * The ladder of session {@code session} of population {@code population}, named {@code name},
     * from this run's recording, as {@link LadderDrawing#draw} would draw it by running the scenario
     * again; null when this run did not record it (then draw it that way).
     */
    public LadderDrawing drawing(final int population, final int session, final String name) {
        final LadderRecording r = recordings.get(population);
        final FtpSessionRecord rec = firstFailed.get(population);
        // A session still open at the stop ends where the run did: a second run (with no time series) knows where.
        if (r == null || r.ladder().stopped() || rec == null || rec.identity().session() != session
                || rec.timings().end() < 0) {
            return null;
        }
        return LadderDrawing.of(scenario, r.ladder(), rec, firstFailedPorts.get(population), name, rec.timings().end());
    }
}
