package dev.ftpsim.api;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.run.LadderRecorder;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.RunSummary;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.run.TimeSeries;
import dev.ftpsim.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * What a run produced, typed: each session's record and how each firewall judged its data
 * connection, per-firewall counters, the time series as numbers, and the summary that {@code
 * summary.json} holds.
 */
public final class RunResult {
    private final ScenarioRunner.Outcome o;

    RunResult(final ScenarioRunner.Outcome o) {
        this.o = o;
    }

    /** The scenario run. */
    public Scenario scenario() {
        return o.scenario();
    }

    /** The master seed of the run. */
    public long seed() {
        return o.seed();
    }

    /** Every session's row, in the order sessions ended (the unfinished ones last), as {@code sessions.csv} lists them. */
    public List<Results.Row> sessions() {
        return o.rows();
    }

    /** The summary, as {@code summary.json} holds it. */
    public RunSummary summary() {
        return o.summary();
    }

    /** The names of the firewall nodes, in the scenario's order. */
    public List<String> firewalls() {
        return List.copyOf(o.firewalls().keySet());
    }

    /**
     * The firewall on node {@code node}.
     *
     * @throws IllegalArgumentException naming the firewalls there are, when there is none on that node
     */
    public FirewallResult firewall(final String node) {
        final Firewall fw = o.firewalls().get(node);
        if (fw == null) {
            throw new IllegalArgumentException("no firewall on node " + node + "; there are " + firewalls());
        }
        final RunSummary s = o.summary();
        return new FirewallResult(node, s.conntrack().getOrDefault(node, Map.of()),
                s.drops().getOrDefault(node, Map.of()), s.conntrackPeak().getOrDefault(node, 0), fw);
    }

    /** The sampled time series, one column per probe (see {@link dev.ftpsim.run.ProbeRegistry}). */
    public TimeSeries timeseries() {
        return o.timeseries();
    }

    /** Events the simulator executed. */
    public long events() {
        return o.events();
    }

    /** Simulated time reached, in nanoseconds. */
    public long simulatedNanos() {
        return o.simulatedNanos();
    }

    /** Per firewall node, the channels its FTP traffic used, before any filter judged them. */
    public Map<String, List<ChannelRecorder.Channel>> channels() {
        return o.channels();
    }

    /** The ladder's recording, for a run made by {@link Ftpsim#ladder}; null otherwise. */
    public LadderRecorder ladder() {
        return o.ladder();
    }
}
