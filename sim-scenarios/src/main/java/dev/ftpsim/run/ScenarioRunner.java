package dev.ftpsim.run;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What each command runs: a {@link Simulation} with the recorders that command needs, the
 * scenario's firewalls and the standard helpers and probes. {@code run} records data paths and
 * channels (and pcaps when asked), {@code ladder} one session's packets and the data paths,
 * {@code channels} only the channels, with every firewall open.
 */
public final class ScenarioRunner {
    /**
     * What a run produced.
     *
     * @param rows every session's row, for a run that kept them (empty when they went to a sink)
     * @param timeseries the samples, for a run that kept them
     * @param channels per firewall node, the channels its FTP traffic used, before any filter
     *     judged them (see {@link ChannelRecorder}); empty when not recorded
     * @param ladder the ladder's recording, or null
     */
    public record Outcome(Scenario scenario, long seed, List<Results.Row> rows, Map<String, Firewall> firewalls,
            TimeSeries timeseries, long events, long simulatedNanos, Map<String, List<ChannelRecorder.Channel>> channels,
            LadderRecorder ladder, RunSummary summary) {}

    /** How many times a run reports its progress. */
    public static final int PROGRESS_STEPS = Simulation.PROGRESS_STEPS;

    private ScenarioRunner() {}

    /** Runs the scenario keeping every row and sample in memory: for small runs, embedders and tests. */
    public static Outcome runWith(final Scenario scenario, final long seed, final ProbeRegistry probes)
            throws IOException {
        return collect(scenario, seed, probes, null, null);
    }

    /** {@link #runWith(Scenario, long, ProbeRegistry)} with the standard probes, pcaps into {@code pcapDir} if not null. */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir) throws IOException {
        return collect(scenario, seed, ProbeRegistry.standard(), pcapDir, null);
    }

    /** As {@link #run(Scenario, long, Path)}, telling {@code progress} the simulated time reached. */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir, final LongConsumer progress)
            throws IOException {
        return collect(scenario, seed, ProbeRegistry.standard(), pcapDir, progress);
    }

    /**
     * Runs a scenario handing each session's row and each sample to {@code sink} as they happen;
     * the outcome's rows and time series are then empty, its summary complete.
     */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir,
            final LongConsumer progress, final RunSink sink) throws IOException {
        return recorded(scenario, seed, ProbeRegistry.standard(), pcapDir, progress, sink, null);
    }

    /** As above, recording also what {@code ladders} keeps for a report's ladder. */
    public static Outcome run(final Scenario scenario, final long seed, final Path pcapDir,
            final LongConsumer progress, final RunSink sink, final LadderCandidates ladders) throws IOException {
        return recorded(scenario, seed, ProbeRegistry.standard(), pcapDir, progress, sink, ladders);
    }

    /**
     * Runs the scenario for its summary alone (what a candidate fix's trial needs), handing each
     * row to {@code sink}: without the recorders and the time series, which only a run's files use
     * and which never change what is simulated, so the summary is the one a full run gives.
     */
    public static RunSummary summary(final Scenario scenario, final long seed, final RunSink sink) throws IOException {
        final Scenario.Recording r = scenario.record();
        final Scenario bare = scenario.withRecord(new Scenario.Recording(List.of(), 0, List.of(), r.startNanos(),
                r.snaplen()));
        return simulation(bare, seed, ProbeRegistry.standard(), List.of()).run(null, sink);
    }

    /** Runs the scenario recording session {@code session} of the first client population for a ladder. */
    public static Outcome ladder(final Scenario scenario, final long seed, final int session) throws IOException {
        return ladder(scenario, seed, 0, session);
    }

    /** Runs the scenario recording session {@code session} of client population {@code population} (from 0). */
    public static Outcome ladder(final Scenario scenario, final long seed, final int population, final int session)
            throws IOException {
        return ladder(scenario, seed, population, session, LadderRecorder.MAX_ARROWS);
    }

    /** As {@link #ladder(Scenario, long, int, int)}, keeping at most {@code maxArrows} arrows. */
    static Outcome ladder(final Scenario scenario, final long seed, final int population, final int session,
            final int maxArrows) throws IOException {
        final LadderRecording ladder = new LadderRecording(scenario, population, session, maxArrows);
        final Simulation sim = simulation(scenario, seed, ProbeRegistry.standard(),
                List.of(ladder, new DataPathRecorder()));
        final Collecting sink = new Collecting();
        return sink.outcome(outcome(scenario, seed, sim, sim.run(null, sink), Map.of(), ladder.ladder()));
    }

    /** Derives, for each firewall node, the channels the scenario's FTP traffic needs, with every firewall open. */
    public static Map<String, List<ChannelRecorder.Channel>> channels(final Scenario scenario, final long seed)
            throws IOException {
        return open(scenario, seed).channels();
    }

    /** Runs the scenario with every firewall open, keeping its rows and the channels its traffic used. */
    public static Outcome open(final Scenario scenario, final long seed) throws IOException {
        final ChannelsRecorder channels = new ChannelsRecorder(scenario);
        final Simulation sim = new Simulation(scenario, seed, FirewallBuilder.open(), ProbeRegistry.standard(),
                List.of(channels));
        final Collecting sink = new Collecting();
        return sink.outcome(outcome(scenario, seed, sim, sim.run(null, sink), channels.channels(), null));
    }

    /** How many samples a run of {@code scenario} takes: one per interval from 0 to its stop time. */
    public static long expectedSamples(final Scenario scenario) {
        final long interval = scenario.record().timeseriesNanos();
        return interval <= 0 ? 0 : scenario.stopNanos() / interval + 1;
    }

    private static Outcome collect(final Scenario scenario, final long seed, final ProbeRegistry probes,
            final Path pcapDir, final LongConsumer progress) throws IOException {
        final Collecting sink = new Collecting();
        return sink.outcome(recorded(scenario, seed, probes, pcapDir, progress, sink, null));
    }

    /** A run as {@code ftpsim run} records it: channels, data paths, and pcaps when {@code pcapDir} is set. */
    private static Outcome recorded(final Scenario scenario, final long seed, final ProbeRegistry probes,
            final Path pcapDir, final LongConsumer progress, final RunSink sink, final LadderCandidates ladders)
            throws IOException {
        final ChannelsRecorder channels = new ChannelsRecorder(scenario);
        final List<Recorder> recs = new ArrayList<>(List.of(channels, new DataPathRecorder()));
        if (pcapDir != null) {
            recs.add(new PcapRecorder(scenario, pcapDir));
        }
        if (ladders != null) {
            recs.add(ladders);
        }
        final Simulation sim = simulation(scenario, seed, probes, recs);
        return outcome(scenario, seed, sim, sim.run(progress, sink), channels.channels(), null);
    }

    private static Simulation simulation(final Scenario scenario, final long seed, final ProbeRegistry probes,
            final List<Recorder> recorders) throws IOException {
        return new Simulation(scenario, seed, FirewallBuilder.of(HelperRegistry.standard()), probes, recorders);
    }

    private static Outcome outcome(final Scenario scenario, final long seed, final Simulation sim,
            final RunSummary summary, final Map<String, List<ChannelRecorder.Channel>> channels,
            final LadderRecorder ladder) {
        return new Outcome(scenario, seed, List.of(), sim.firewalls(), new TimeSeries.Builder().build(), sim.events(),
                sim.now(), channels, ladder, summary);
    }

    /** For tests: runs with {@code sink}, handing the simulation and its data paths to {@code watch} at each progress step. */
    static Outcome watched(final Scenario scenario, final long seed, final RunSink sink,
            final Consumer<Watched> watch) throws IOException {
        final DataPathRecorder paths = new DataPathRecorder();
        final Simulation sim = simulation(scenario, seed, ProbeRegistry.standard(), List.of(paths));
        final Watched w = new Watched(sim, paths);
        return outcome(scenario, seed, sim, sim.run(t -> watch.accept(w), sink), Map.of(), null);
    }

    /** What a test watches of a running simulation. */
    record Watched(Simulation sim, DataPathRecorder paths) {}

    /** Keeps every row and sample. */
    private static final class Collecting implements RunSink {
        final List<Results.Row> rows = new ArrayList<>();
        final TimeSeries.Builder series = new TimeSeries.Builder();

        @Override
        public void begin(final List<String> firewalls, final List<String> columns) {
            series.begin(columns);
        }

        @Override
        public void sample(final long timeNanos, final long[] values) {
            series.add(timeNanos, values);
        }

        @Override
        public void session(final Results.Row row) {
            rows.add(row);
        }

        @Override
        public void forgotten(final List<String> cells) {
            // kept in forgotten.csv by a file sink; an in-memory outcome has no place for them
        }

        Outcome outcome(final Outcome o) {
            return new Outcome(o.scenario(), o.seed(), List.copyOf(rows), o.firewalls(), series.build(), o.events(),
                    o.simulatedNanos(), o.channels(), o.ladder(), o.summary());
        }
    }
}
