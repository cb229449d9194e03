package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Behind a balancer that hashes each connection, the advisor's first working fix is source-address
 * affinity, written as the key to set; applied to the file, every session succeeds.
 */
class ExplainProposesAffinityBehindABalancerTest {
    @Test
    void affinityIsTheFixAndItWorks() throws Exception {
        final Path example = Path.of("..", "examples", "passive-balancer-no-affinity.yaml");
        final Explainer e = Explainer.of(example);
        final Explanation x = e.explain(e.scenario().seed());
        final FixTrial fix = x.populations().get(0).fixes().stream().filter(FixTrial::works).findFirst().orElseThrow();
        assertTrue(fix.fix().startsWith("source-address affinity at the balancer on lb"), x.markdown());
        assertEquals("balancers.lb.algorithm", fix.edits().get(0).path(), x.markdown());
        assertTrue(x.markdown().contains("`balancers.lb.algorithm: source`"), x.markdown());
        final Scenario fixed = ScenarioLoader.parse(Files.readString(example), example.toString(),
                example.toAbsolutePath().getParent(), fix.edits());
        final RunResult r = Ftpsim.run(fixed, e.scenario().seed());
        assertTrue(r.sessions().stream().allMatch(row -> row.record().ok()));
    }
}
