package dev.ftpsim.api;

import dev.ftpsim.run.RunSummary;
import dev.ftpsim.run.ScenarioInputs;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.sweep.SweepPoint;
import dev.ftpsim.sweep.SweepSpec;
import dev.ftpsim.sweep.SweepTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's {@code sweep} block as a {@link SweepSpec} and the {@link SweepTask} that runs one
 * of its points: what {@code ftpsim sweep} runs locally and sim-spark runs on a cluster, so both
 * give the same journal and results.
 */
public final class ScenarioSweep {
    private final SweepSpec spec;
    private final Map<String, Scenario> byName;

    private ScenarioSweep(final SweepSpec spec, final Map<String, Scenario> byName) {
        this.spec = spec;
        this.byName = byName;
    }

    /**
     * The sweep of {@code s} (which has a sweep block) with master seed {@code masterSeed}; {@code
     * inputs} is the digest the journal is keyed by ({@link #inputs}).
     */
    public static ScenarioSweep of(final Scenario s, final long masterSeed, final String inputs) {
        return of(s, masterSeed, new ScenarioInputs.Digest(inputs, null));
    }

    /** The same, its journal keyed by {@code inputs} (each input's digest too: a refused resume names what changed). */
    public static ScenarioSweep of(final Scenario s, final long masterSeed, final ScenarioInputs.Digest inputs) {
        if (s.sweep() == null) {
            throw new IllegalArgumentException("scenario " + s.name() + " has no sweep block");
        }
        final Map<String, Scenario> byName = new HashMap<>();
        final List<SweepPoint> points = new ArrayList<>();
        for (final Scenario.SweepPoint p : s.sweepPoints()) {
            byName.put(p.name(), p.scenario());
            points.add(new SweepPoint(p.name(), new LinkedHashMap<>(p.values())));
        }
        return new ScenarioSweep(new SweepSpec(points, s.sweep().replications(), masterSeed, inputs.combined(),
                inputs.parts()), byName);
    }

    /**
     * The digest of what decides the results of {@code s}, loaded from {@code file}: the file, every
     * file it or a point loads, and {@code version}, read from disk now: right only if no file changed
     * since {@code s} was loaded (a sweep uses {@link #inputs(Path, Scenario, String,
     * dev.ftpsim.core.rules.SourceFiles)}, of the bytes the loader parsed).
     */
    public static String inputs(final Path file, final Scenario s, final String version) throws IOException {
        return ScenarioInputs.sha256(file, withPoints(s), version);
    }

    /**
     * The digest of what decides the results of {@code s}, loaded from {@code file} with {@code read}
     * recording what it read ({@code ScenarioLoader.load(Path, SourceFiles)}): of the bytes the
     * loader parsed, not of the files read again, so an edit since the load does not relabel the
     * results; each input's digest too.
     */
    public static ScenarioInputs.Digest inputs(final Path file, final Scenario s, final String version,
            final dev.ftpsim.core.rules.SourceFiles read) throws IOException {
        return ScenarioInputs.of(file, withPoints(s), version, read);
    }

    /** {@code s} and the scenario of each of its sweep points: together they load every file the sweep reads. */
    public static List<Scenario> withPoints(final Scenario s) {
        final List<Scenario> all = new ArrayList<>(List.of(s));
        s.sweepPoints().forEach(p -> all.add(p.scenario()));
        return all;
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Runs a point's scenario with a replication's seed and returns its {@link #metrics}. */
    public SweepTask task() {
        return (point, seed) -> metrics(byName.get(point.name()), seed);
    }

    /**
     * One simulation's figures: what a sweep compares across points. The simulation runs for its
     * summary alone: a sweep keeps no capture, time series, channel or data-path record of a
     * replication, and those recorders only watch (the figures are a full run's). The channel and
     * data-path recorders ran on every packet: 1-2% of a sweep's worker CPU in JFR's samples, and
     * code for the JIT to compile (benchmarks/README.md, "Sweeps", sixth round).
     */
    public static Map<String, Double> metrics(final Scenario s, final long seed) throws IOException {
        return figures(s, dev.ftpsim.run.ScenarioRunner.summary(s, seed, dev.ftpsim.run.RunSink.DISCARD));
    }

    /** The sweep's figures of {@code s}'s run summarized by {@code r}. */
    static Map<String, Double> figures(final Scenario s, final RunSummary r) {
        final Map<String, Double> m = new LinkedHashMap<>();
        m.put("success_rate", r.sessions() == 0 ? Double.NaN : (double) r.succeeded() / r.sessions());
        // the sessions that succeeded without retrying: a point whose successes waited for a 425's
        // retry or a reconnect reads 1 above but not here
        m.put("ok_first_try_rate", r.sessions() == 0 ? Double.NaN
                : (double) (r.succeeded() - r.succeededAfterRetrying()) / r.sessions());
        m.put("throughput_mbps_p50", r.throughputMbps().p50());
        m.put("session_s_p50", r.sessionSeconds().p50());
        m.put("first_byte_s_p50", r.firstByteSeconds().p50());
        m.put("conntrack_peak", (double) r.conntrackPeak().values().stream().mapToInt(Integer::intValue).max().orElse(0));
        // Who fails and why: each population's success rate, each failure code's count (a code
        // absent from a replication counted 0 there: sweep.Metrics).
        for (final dev.ftpsim.scenario.FtpSpec.Clients c : s.ftp().clients()) {
            final dev.ftpsim.run.Breakdown b = r.populations().get(c.name());
            m.put("success_rate[" + c.name() + "]", b == null ? Double.NaN : b.successRate());
        }
        r.failuresByCode().forEach((code, n) -> m.put(dev.ftpsim.sweep.Metrics.failures(code), (double) n));
        return m;
    }
}
