package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim run} explains a failed run after it ends, which for a long run is hours after the
 * file was loaded. The candidate fixes are tried on the scenario as the run loaded it: an edit of
 * the scenario file or of a ruleset it loads, made meanwhile, changes neither the explanation nor
 * the fixes it proposes (they used to be tried on the files read again).
 */
class ExplainTriesFixesOnTheScenarioAsLoadedTest {
    private static final Path EXAMPLES = Path.of("../examples");

    @Test
    void anEditMadeAfterTheLoadChangesNothing(@TempDir final Path tmp) throws Exception {
        final Path file = tmp.resolve("s.yaml");
        Files.copy(EXAMPLES.resolve("ipv6-client-inet-fw.yaml"), file);
        final String nft = Files.readString(file).replaceAll("(?s).*\\bnft: *([^\\s#]+).*", "$1");
        Files.createDirectories(tmp.resolve(nft).getParent());
        Files.copy(EXAMPLES.resolve(nft), tmp.resolve(nft));
        final String before = Explainer.of(file).explain(1).markdown();
        assertTrue(before.contains("WORKS: switch the client to passive mode"), before);

        final SourceFiles read = new SourceFiles();
        ScenarioLoader.load(file, read);
        // Edited while the run simulates: the ruleset now accepts everything, the scenario is broken.
        Files.writeString(tmp.resolve(nft), "table inet filter {\n}\n");
        Files.writeString(file, "name: [broken\n");

        assertEquals(before, Explainer.of(file, read).explain(1).markdown());
    }

    @Test
    void theOneReplicaFixRewritesTheRulesetAsLoadedNotAsEditedSince(@TempDir final Path tmp) throws Exception {
        final Path file = tmp.resolve("k.yaml");
        Files.copy(EXAMPLES.resolve("kube-nodeport-ftp.yaml"), file);
        final Path nft = tmp.resolve("nft/kube-proxy-nodeport-ftp.nft");
        Files.createDirectories(nft.getParent());
        Files.copy(EXAMPLES.resolve("nft/kube-proxy-nodeport-ftp.nft"), nft);
        final String before = Explainer.of(file).explain(1).markdown();
        assertTrue(before.contains("WORKS: run the FTP server as one replica (pod-a, 10.244.1.10)"), before);

        final SourceFiles read = new SourceFiles();
        ScenarioLoader.load(file, read);
        // Edited while the run simulates: the first pod moved to another address in the ruleset.
        Files.writeString(nft, Files.readString(nft).replace("10.244.1.10", "10.244.9.10"));

        assertEquals(before, Explainer.of(file, read).explain(1).markdown());
    }
}
