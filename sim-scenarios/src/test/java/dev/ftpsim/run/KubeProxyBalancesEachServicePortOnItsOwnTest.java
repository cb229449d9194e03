package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes NodePort examples, as kube-proxy's nftables mode balances them: without
 * affinity every new connection draws its pod, so control connections reach both pods and some
 * data connections the wrong one; with sessionAffinity ClientIP every control connection reaches
 * one pod and every passive port one pod, but not always the same one, so sessions still fail.
 */
class KubeProxyBalancesEachServicePortOnItsOwnTest {
    private static final List<String> PORTS = List.of("ftp", "pasv-30100", "pasv-30101", "pasv-30102", "pasv-30103");

    @Test
    void withoutAffinityControlConnectionsReachBothPodsAndSomeDataConnectionsTheWrongOne() throws Exception {
        final ScenarioRunner.Outcome o = run("kube-nodeport-ftp");
        final Map<String, Integer> failures = Results.summarize("k", 1, o.rows(), o.firewalls()).failuresByReason();
        assertEquals(List.of("data connect refused"), List.copyOf(failures.keySet()));
        final int failed = failures.get("data connect refused");
        assertTrue(failed > 2 && failed < 10, failed + " of 12: about half");
        final long[] ftp = dnats(o.firewalls().get("node"), "ftp");
        assertTrue(ftp[0] > 0 && ftp[1] > 0, "control connections reached both pods: " + ftp[0] + ", " + ftp[1]);
        assertEquals(12, ftp[0] + ftp[1]);
    }

    @Test
    void withAffinityEachServicePortSticksToOnePodOfItsOwn() throws Exception {
        final ScenarioRunner.Outcome o = run("kube-nodeport-ftp-affinity");
        final Firewall node = o.firewalls().get("node");
        for (final String port : PORTS) {
            final long[] d = dnats(node, port);
            assertTrue(d[0] == 0 || d[1] == 0, port + " stuck to one pod: " + d[0] + ", " + d[1]);
        }
        final long[] ftp = dnats(node, "ftp");
        assertEquals(12, ftp[0] + ftp[1], "all twelve control connections on one pod");
        final int failed = Results.summarize("k", 1, o.rows(), o.firewalls()).failuresByReason()
                .getOrDefault("data connect refused", 0);
        assertTrue(failed > 0, "a passive port stuck to the other pod fails each time it is picked");
    }

    /** New connections each endpoint chain of a Service port DNATed: pod a's, pod b's. */
    private static long[] dnats(final Firewall fw, final String port) {
        final long[] out = new long[2];
        for (final Program.ChainCode c : fw.program().chains()) {
            final String n = c.name();
            if (n.contains("endpoint-") && n.contains("/tcp/" + port + "__")) {
                out[n.contains("__10.244.1.10/") ? 0 : 1] += fw.counter(c, c.size() - 1)[0];
            }
        }
        return out;
    }

    private static ScenarioRunner.Outcome run(final String name) throws Exception {
        final Scenario s = ScenarioLoader.load(ExamplesRunTest.EXAMPLES.resolve(name + ".yaml"));
        return ScenarioRunner.run(s, s.seed(), null);
    }
}
