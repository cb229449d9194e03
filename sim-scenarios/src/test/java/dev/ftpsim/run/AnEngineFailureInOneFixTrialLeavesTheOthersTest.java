package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.explain.Explainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explain tries each candidate fix on a copy of the scenario. When the engine failed on one of
 * them (an {@link EngineFailure}: ftpsim's bug, not the fix's), the whole explanation ended with an
 * internal error, and the user lost the fixes that work. Now that trial says "could not be tried:
 * internal error, please report it" and every other trial still answers.
 */
class AnEngineFailureInOneFixTrialLeavesTheOthersTest {
    @AfterEach
    void noMoreFailures() {
        Simulation.failForTestIf = null;
    }

    @Test
    void theTrialSaysItAndTheOthersAnswer(@TempDir final Path tmp) throws Exception {
        final Path examples = Path.of("../examples");
        final Path file = tmp.resolve("s.yaml");
        Files.copy(examples.resolve("ipv6-client-inet-fw.yaml"), file);
        final String nft = Files.readString(file).replaceAll("(?s).*\\bnft: *([^\\s#]+).*", "$1");
        Files.createDirectories(tmp.resolve(nft).getParent());
        Files.copy(examples.resolve(nft), tmp.resolve(nft));
        // The engine fails only on the copy that switches the client to passive mode.
        Simulation.failForTestIf = s -> s.ftp().clients().stream()
                .anyMatch(c -> c.mode() != null && !c.mode().active());
        final String md = Explainer.of(file).explain(1).markdown();
        assertTrue(md.contains("switch the client to passive mode") && md.contains(
                "could not be tried: internal error, please report it: the simulation failed at 0s simulated: an engine limit injected"), md);
        assertTrue(md.contains("let the server connect to another address than the client's (0 of 2 ok)"),
                "the other trial still answers: " + md);
    }
}
