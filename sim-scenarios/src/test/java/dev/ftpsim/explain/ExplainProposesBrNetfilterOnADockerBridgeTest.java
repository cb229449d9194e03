package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container reaching a published port of a container on its own bridge fails without
 * br_netfilter (examples/docker-container-to-published-port.yaml with {@code br-netfilter: false}):
 * explain proposes turning it on, and that fix works.
 */
class ExplainProposesBrNetfilterOnADockerBridgeTest {
    @Test
    void brNetfilterIsTheWorkingFix() throws Exception {
        final Path file = Path.of("..", "examples", "docker-container-to-published-port.yaml");
        String text = Files.readString(file);
        text = text.substring(0, text.indexOf("\nsweep:") + 1).replace("br-netfilter: true", "br-netfilter: false");
        final Explainer e = new Explainer(text, file.toString(), file.toAbsolutePath().getParent(),
                FixCatalog.standard());
        final Explanation x = e.explain(e.scenario().seed());
        assertEquals(1, x.populations().size(), x.markdown());
        final List<String> works = x.populations().get(0).fixes().stream().filter(FixTrial::works)
                .map(f -> f.fix() + " " + f.edits()).toList();
        assertEquals(1, works.size(), x.markdown());
        assertTrue(works.get(0).startsWith("br_netfilter on docker0-bridge"), works.get(0));
        assertTrue(works.get(0).contains("switches.docker0-bridge.br-netfilter"), works.get(0));
    }
}
