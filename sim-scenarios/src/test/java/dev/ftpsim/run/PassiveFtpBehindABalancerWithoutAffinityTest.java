package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * passive-balancer-no-affinity: sessions whose data connection was hashed to the other backend
 * fail with the balancer's own reason, the rest succeed; the client saw a refused connect.
 */
class PassiveFtpBehindABalancerWithoutAffinityTest {
    @Test
    void someSessionsFailBecauseTheDataConnectionReachedTheOtherBackend() throws Exception {
        final Scenario s = ScenarioLoader.load(Path.of("..", "examples", "passive-balancer-no-affinity.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final RunSummary r = Results.summarize(s.name(), s.seed(), o.rows(), o.firewalls());
        final var failed = r.sessions() - r.succeeded();
        assertTrue(r.succeeded() > 0 && failed > 0, r.succeeded() + " succeeded, " + failed + " failed");
        assertEquals(Map.of("data connection reached a backend that did not announce it", failed), r.failuresByReason());
        for (final Results.Row row : o.rows()) {
            if (!row.record().ok()) {
                assertEquals("data_connect_wrong_backend", row.record().reasonCode());
                assertEquals(227, row.record().outcome().lastReplyCode(), "it failed right after the 227");
                assertEquals(dev.ftpsim.core.tcp.FailReason.REFUSED, row.record().outcome().cause(),
                        "the other backend refused the connect");
            }
        }
    }
}
