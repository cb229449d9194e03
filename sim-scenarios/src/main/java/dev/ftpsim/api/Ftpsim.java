package dev.ftpsim.api;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.run.ProbeRegistry;
import dev.ftpsim.run.RunSink;
import dev.ftpsim.run.ScenarioRunner;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Loads and runs scenarios: the entry point for embedders, and what the {@code ftpsim} commands
 * call. See the {@linkplain dev.ftpsim.api package docs} for an example.
 */
public final class Ftpsim {
    private Ftpsim() {}

    /**
     * Reads and checks a scenario file (YAML or JSON), as {@code ftpsim validate} does.
     *
     * @throws ScenarioException listing every error with its file, line, column and key
     */
    public static Scenario load(final Path file) throws ScenarioException {
        return ScenarioLoader.load(file);
    }

    /** Runs {@code scenario} with its own seed. */
    public static RunResult run(final Scenario scenario) throws IOException {
        return run(scenario, scenario.seed());
    }

    /** Runs {@code scenario} with {@code seed}, keeping every session and sample in memory. */
    public static RunResult run(final Scenario scenario, final long seed) throws IOException {
        return run(scenario, seed, ProbeRegistry.standard());
    }

    /** Runs {@code scenario} with {@code seed}, sampling {@code probes} into the time series. */
    public static RunResult run(final Scenario scenario, final long seed, final ProbeRegistry probes)
            throws IOException {
        return new RunResult(ScenarioRunner.runWith(scenario, seed, probes));
    }

    /**
     * Runs {@code scenario} handing each session's row and each sample to {@code sink} as they
     * happen, so memory grows with the live sessions only: for long runs. The result's sessions
     * and time series are empty; its summary, firewalls and channels are complete.
     *
     * @param pcapDir where to write captures of the scenario's {@code record.pcap} ends, or null
     * @param progress told the simulated time reached, {@value ScenarioRunner#PROGRESS_STEPS}
     *     times, or null
     */
    public static RunResult stream(final Scenario scenario, final long seed, final RunSink sink, final Path pcapDir,
            final LongConsumer progress) throws IOException {
        return new RunResult(ScenarioRunner.run(scenario, seed, pcapDir, progress, sink));
    }

    /** As above, recording also what {@code ladders} keeps for the report's ladder (null: nothing). */
    public static RunResult stream(final Scenario scenario, final long seed, final RunSink sink, final Path pcapDir,
            final LongConsumer progress, final dev.ftpsim.run.LadderCandidates ladders) throws IOException {
        return new RunResult(ScenarioRunner.run(scenario, seed, pcapDir, progress, sink, ladders));
    }

    /** Runs {@code scenario} recording session {@code session} of its first client population for a ladder diagram. */
    public static RunResult ladder(final Scenario scenario, final long seed, final int session) throws IOException {
        return new RunResult(ScenarioRunner.ladder(scenario, seed, session));
    }

    /** Runs {@code scenario} recording session {@code session} of client population {@code population} (from 0). */
    public static RunResult ladder(final Scenario scenario, final long seed, final int population, final int session)
            throws IOException {
        return new RunResult(ScenarioRunner.ladder(scenario, seed, population, session));
    }

    /**
     * For each firewall node, the channels the scenario's FTP traffic needs: derived from the
     * packets of a run with every firewall open.
     */
    public static Map<String, List<ChannelRecorder.Channel>> channels(final Scenario scenario, final long seed)
            throws IOException {
        return ScenarioRunner.channels(scenario, seed);
    }
}
