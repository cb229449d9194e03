package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.explain.Explainer;
import dev.ftpsim.explain.Explanation;
import dev.ftpsim.explain.FixTrial;
import dev.ftpsim.explain.RulesetEdit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Behind kube-proxy's nftables mode each Service port draws its pod on its own, so the passive
 * data connection reaches the pod that did not announce it. explain says what to do in Kubernetes
 * (one replica) and the rule kube-proxy then writes, tried by simulation on a copy of the ruleset.
 */
class ExplainScalesKubeProxysServiceToOnePodTest {
    @Test
    void explainSaysToScaleToOneReplicaAndShowsTheOneEndpointRule() throws Exception {
        final Path file = Path.of("..", "examples", "kube-nodeport-ftp-affinity.yaml");
        final Cli r = Cli.run("explain", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- WORKS: run the FTP server as one replica (pod-a, 10.244.1.10): every service"
                + " of node to that pod (12 of 12 ok): scale the FTP Deployment behind Service ftp/vsftpd to 1 replica"
                + " (kubectl -n ftp scale deployment/NAME --replicas=1; or a Service per pod, or hostNetwork): kube-proxy then writes each service chain's map with the one pod"), r.out());
        assertTrue(r.out().contains("  - in nft/kube-proxy-nodeport-ftp-affinity.nft (firewall node), each balancing"
                + " rule becomes"), r.out());
        assertTrue(r.out().contains("    - `add rule ip kube-proxy service-LMHM3YYT-ftp/vsftpd/tcp/pasv-30100 numgen"
                + " random mod 1 vmap { 0 : goto endpoint-7IU76E5B-ftp/vsftpd/tcp/pasv-30100__10.244.1.10/30100 }`"),
                r.out());
        assertFalse(r.out().contains("one replica (pod-b"), "one replica is proposed once:\n" + r.out());
    }

    @Test
    void theRewrittenRulesetKeepsNothingOfTheOtherPod() throws Exception {
        final Path file = Path.of("..", "examples", "kube-nodeport-ftp.yaml");
        final Explainer e = Explainer.of(file);
        final Explanation x = e.explain(e.scenario().seed());
        final FixTrial fix = x.populations().get(0).fixes().get(0);
        assertTrue(fix.works(), x.markdown());
        final RulesetEdit edit = fix.rulesets().get(0);
        assertEquals("nft/kube-proxy-nodeport-ftp.nft", edit.file());
        assertEquals(5, edit.changes().size(), "one rule per Service port");
        assertFalse(edit.text().contains("10.244.2.10"), edit.text());
        assertTrue(edit.text().contains("add element ip kube-proxy service-nodeports { tcp . 30100 : goto"
                + " external-LMHM3YYT-ftp/vsftpd/tcp/pasv-30100 }"), edit.text());
        assertFalse(Files.readString(file.resolveSibling(edit.file())).contains("mod 1 vmap"),
                "the example's own file is untouched");
    }
}
