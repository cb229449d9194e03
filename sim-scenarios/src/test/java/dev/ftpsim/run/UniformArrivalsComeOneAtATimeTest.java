package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Uniform arrivals are drawn in ascending order, one pending event per population: a population of
 * many sessions spread over a range costs no memory before they arrive, and session k is the k-th
 * to arrive.
 */
class UniformArrivalsComeOneAtATimeTest {
    private static Scenario scenario(final int sessions, final String arrivals, final String stop) throws Exception {
        return ScenarioLoader.parse("""
                name: uniform
                seed: 5
                stop: %s
                hosts:
                  clients: { count: 50, subnet: 10.1.0.0/16 }
                  server: { address: 10.1.255.10/16 }
                links:
                  - { ends: [clients, server], bandwidth: 1Gbps, delay: 1ms }
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                    - { host: clients, mode: passive, sessions: %d, arrivals: %s, script: [login anonymous, get /f] }
                """.formatted(stop, sessions, arrivals), "uniform.yaml", Path.of("."));
    }

    @Test
    void sessionsArriveInSessionOrderWithinTheRange() throws Exception {
        final Scenario s = scenario(2000, "uniform 1s-21s", "40s");
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final List<FtpSessionRecord> byIndex = new ArrayList<>(java.util.Collections.nCopies(2000, null));
        o.rows().forEach(r -> byIndex.set(r.record().identity().session(), r.record()));
        long last = 0;
        for (final FtpSessionRecord r : byIndex) {
            assertTrue(r.ok(), r.reasonText());
            final long start = r.timings().start();
            assertTrue(start >= 1_000_000_000L && start <= 21_000_000_000L, "start " + start);
            assertTrue(start >= last, "session " + r.identity().session() + " arrived before the one before it");
            last = start;
        }
        // Spread over the whole range: each 5 s quarter holds about a quarter of the sessions.
        final long[] quarters = new long[4];
        byIndex.forEach(r -> quarters[(int) Math.min(3, (r.timings().start() - 1_000_000_000L) / 5_000_000_000L)]++);
        for (final long q : quarters) {
            assertTrue(q > 400 && q < 600, "sessions per quarter " + java.util.Arrays.toString(quarters));
        }
    }

    @Test
    void aMillionUniformArrivalsLeaveOneEventPending() throws Exception {
        // Stopped at 1 s, before the first arrival at 30 s or later.
        final Scenario s = scenario(1_000_000, "uniform 30s-40s", "1s");
        final int[] pending = {0};
        final RunSink none = new RunSink() {
            @Override
            public void begin(final List<String> firewalls, final List<String> columns) {}

            @Override
            public void sample(final long timeNanos, final long[] values) {}

            @Override
            public void session(final Results.Row row) {}

            @Override
            public void forgotten(final List<String> cells) {}
        };
        ScenarioRunner.watched(s, s.seed(), none, r -> pending[0] = Math.max(pending[0], r.sim().pendingEvents()));
        assertTrue(pending[0] <= 5, "pending events before the first arrival: " + pending[0]);
    }
}
