package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run keeps per finished session only the summary's figures (at most three doubles): rows are
 * handed out as sessions end, arrivals are scheduled one at a time, and the data-path observers
 * forget a session's endpoints once its row is written. Counted, not timed: live sessions, pending
 * events, observed endpoints and held doubles stay bounded while thousands of sessions run.
 */
class MemoryGrowsWithLiveSessionsNotSessionsRunTest {
    static final int SESSIONS = 3000;

    /**
     * {@code n} one-kilobyte downloads, one every 10 ms from 200 hosts, through a stateful firewall
     * with the helper; stopped 20 s after the last arrival.
     */
    static String scenario(final int n) {
        return """
                name: many-sessions
                seed: 3
                stop: %ds
                hosts:
                  clients: { count: 200, subnet: 10.1.0.0/16 }
                  server: { address: 203.0.113.10/24 }
                routers:
                  fw: { interfaces: { lan: 10.1.0.1/16, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [clients, fw.lan], bandwidth: 100Mbps, delay: 1ms }
                  - { ends: [fw.wan, server], bandwidth: 10Gbps, delay: 1ms, queue: 10000 packets }
                firewall:
                  fw:
                    conntrack: { max: 262144, helpers: [ftp], auto-helper-ports: [21] }
                    forward:
                      policy: drop
                      rules:
                        - ct state established,related accept
                        - iif lan oif wan tcp dport 21 ct state new accept
                ftp:
                  server: { host: server, passive-ports: 30000-59999, files: { /pub/1k.bin: 1KB } }
                  clients:
                    - { host: clients, mode: epsv, sessions: %d, arrivals: every 10ms, script: [login anonymous, get /pub/1k.bin] }
                """.formatted(n / 100 + 20, n);
    }

    @Test
    void liveStateStaysBoundedWhileThousandsOfSessionsRun() throws Exception {
        final Scenario s = ScenarioLoader.parse(scenario(SESSIONS), "many.yaml", java.nio.file.Path.of("."));
        final List<int[]> seen = new ArrayList<>();
        final long[] rows = new long[1];
        final RunSink counting = RunSink.sessions(row -> rows[0]++);
        final long[] doubles = new long[1];
        final ScenarioRunner.Outcome o = ScenarioRunner.watched(s, s.seed(), counting, r -> {
            seen.add(new int[] {r.sim().liveSessions(), r.paths().endpoints(), r.sim().pendingEvents()});
            doubles[0] = r.sim().summaryDoubles();
        });
        assertEquals(SESSIONS, rows[0]);
        assertEquals(SESSIONS, o.summary().succeeded(), o.summary().failuresByReason().toString());
        assertTrue(o.rows().isEmpty(), "rows were handed out, not kept");
        for (final int[] x : seen) {
            // Each session lasts about 30 ms: a handful run at once.
            assertTrue(x[0] <= 50, "live sessions " + x[0]);
            // Endpoints of live sessions, and the server's few shared ones (port 21, 20).
            assertTrue(x[1] <= 4 * 50 + 10, "observed endpoints " + x[1]);
        }
        // Early on, the timers of a few connections: not one arrival per session to come.
        assertTrue(seen.get(0)[2] < SESSIONS / 10, "pending events " + seen.get(0)[2]);
        // Three figures per successful session, with the arrays' growth slack.
        assertTrue(doubles[0] <= 3 * SESSIONS * 3 / 2 + 48, "doubles held " + doubles[0]);
    }
}
