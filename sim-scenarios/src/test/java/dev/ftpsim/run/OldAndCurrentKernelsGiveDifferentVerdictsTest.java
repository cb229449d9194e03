package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel examples: the same scenario on an old and a current kernel ends differently. */
class OldAndCurrentKernelsGiveDifferentVerdictsTest {
    private static ScenarioRunner.Outcome run(final Scenario s) throws Exception {
        return ScenarioRunner.run(s, s.seed(), null);
    }

    @Test
    void aBlackHoledDataConnectGivesUpAt131SecondsOn612And127On515() throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve("kernel-syn-schedule.yaml"));
        final ScenarioRunner.Outcome o = run(s);
        final Map<String, Results.Row> byClient = new HashMap<>();
        o.rows().forEach(r -> byClient.put(r.record().identity().client(), r));
        final var r612 = byClient.get("client-612").record();
        final var r515 = byClient.get("client-515").record();
        assertEquals("data connect timed out", r612.reasonText());
        assertEquals("data connect timed out", r515.reasonText());
        // The data connect starts 0.14 s in, after login and PASV.
        assertEquals(131.0, (r612.timings().end() - r612.timings().start()) / 1e9, 0.2);
        assertEquals(127.0, (r515.timings().end() - r515.timings().start()) / 1e9, 0.2);
        assertEquals(4.0, (r612.timings().end() - r515.timings().end()) / 1e9, 0.01);
        assertEquals(18, o.firewalls().get("fw").drops().get("forward policy drop"), "11 + 7 data SYNs");
    }

    @Test
    void aLoadedHelperWithoutARuleWorksOn44AndNotOn612() throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve("kernel-helper-by-port.yaml"));
        final Map<String, String> verdicts = new HashMap<>();
        final Map<String, Long> related = new HashMap<>();
        for (final var point : s.sweepPoints()) {
            final ScenarioRunner.Outcome o = run(point.scenario());
            final List<Results.Row> rows = o.rows();
            assertEquals(1, rows.size());
            final var rec = rows.get(0).record();
            final String kernel = point.values().get("routers.fw.kernel");
            verdicts.put(kernel, rec.ok() ? "ok" : rec.reasonText());
            related.put(kernel, o.firewalls().get("fw").conntrack().stats().expectUsed);
        }
        assertEquals(Map.of("4.4", "ok", "6.12", "data connect timed out"), verdicts);
        assertEquals(Map.of("4.4", 1L, "6.12", 0L), related);
    }

    @Test
    void aFullExpectationTableDelaysSessionsButLosesNone() throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve("expectation-table-full.yaml"));
        final ScenarioRunner.Outcome o = run(s);
        final RunSummary r = Results.summarize(s.name(), s.seed(), o.rows(), o.firewalls());
        assertEquals(r.sessions(), r.succeeded(), r.failuresByReason().toString());
        final var stats = o.firewalls().get("fw").conntrack().stats();
        assertTrue(stats.expectTableFull > 0, stats.toString());
        assertEquals(r.sessions(), stats.expectUsed, "every data connection RELATED in the end");
    }

    @Test
    void pendingExpectationsBeyond1024AreRefusedOn510ButNotOn612() throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve("kernel-expectation-limit.yaml"));
        final Map<String, Map<String, Integer>> reasons = new HashMap<>();
        final Map<String, Long> refused = new HashMap<>();
        for (final var point : s.sweepPoints()) {
            final Scenario p = point.scenario();
            final ScenarioRunner.Outcome o = run(p);
            final String kernel = point.values().get("routers.fw.kernel");
            reasons.put(kernel, Results.summarize(p.name(), p.seed(), o.rows(), o.firewalls()).failuresByReason());
            refused.put(kernel, o.firewalls().get("fw").conntrack().stats().expectTableFull);
        }
        assertEquals(Map.of("425 data connection failed", 1500), reasons.get("6.12"));
        assertEquals(0L, refused.get("6.12"));
        assertTrue(refused.get("5.10") > 0);
        assertTrue(reasons.get("5.10").getOrDefault("reply timed out", 0) > 0, reasons.get("5.10").toString());
    }

    @Test
    void aRetransmittedSynKeepsTheDataConnectionsEntryOn414ButNotOn612() throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve("kernel-syn-sent-renewal.yaml"));
        final Map<String, String> verdicts = new HashMap<>();
        final Map<String, Double> ends = new HashMap<>();
        final Map<String, Long> policyDrops = new HashMap<>();
        for (final var point : s.sweepPoints()) {
            final ScenarioRunner.Outcome o = run(point.scenario());
            final var rec = o.rows().get(0).record();
            final String kernel = point.values().get("routers.fw.kernel");
            verdicts.put(kernel, rec.ok() ? "ok" : rec.reasonText());
            ends.put(kernel, rec.timings().end() / 1e9);
            policyDrops.put(kernel, o.firewalls().get("fw").drops().getOrDefault("forward policy drop", 0L));
        }
        assertEquals(Map.of("4.14", "ok", "6.12", "data connect timed out"), verdicts);
        assertEquals(35.3, ends.get("4.14"), 0.2, "the SYN at 35 s got through");
        assertEquals(131.1, ends.get("6.12"), 0.2);
        assertEquals(Map.of("4.14", 0L, "6.12", 2L), policyDrops, "the SYNs at 35 and 67 s as NEW");
    }
}
