package dev.ftpsim.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's namespaces and processes are gone after a cell, whether it ended well or not. */
class TheLabLeavesNothingBehindTest {
    private static final String SCENARIO = SynSchedule.CLIENT_ROUTER_SERVER + """
            firewall:
              fw: { nft: fw.nft }
            """;

    @BeforeAll
    static void theLabCanRunHere() {
        final var why = LabEnvironment.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "real-kernel cross-check skipped: " + why.orElse(""));
    }

    private static List<String> labNamespaces() {
        return Cmd.check("ip", "netns", "list").out().lines().map(l -> l.split(" ")[0])
                .filter(n -> n.startsWith(LabNetwork.PREFIX + ProcessHandle.current().pid() + "-")).toList();
    }

    @Test
    void closingRemovesTheNamespacesAndKillsTheProcesses(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n}\n");
        final Scenario s = ScenarioLoader.parse(SCENARIO, "t.yaml", dir);
        final Process sleeper;
        try (LabNetwork net = LabNetwork.build(s, dir, Map.of(), 21)) {
            assertTrue(labNamespaces().size() == 3, labNamespaces().toString());
            sleeper = net.spawn("server", List.of("sleep", "600"), dir.resolve("sleep.log"));
            assertTrue(sleeper.isAlive());
        }
        assertTrue(labNamespaces().isEmpty(), labNamespaces().toString());
        assertFalse(sleeper.isAlive());
    }

    @Test
    void aBuildThatFailsHalfwayLeavesNoNamespaceEither(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n}\n");
        final Scenario s = ScenarioLoader.parse(SCENARIO, "t.yaml", dir);
        final LabException e = assertThrows(LabException.class, () -> LabNetwork.build(s, dir,
                Map.of("client", Map.of("net.ipv4.no_such_sysctl", "1")), 21));
        assertTrue(e.getMessage().contains("no_such_sysctl"), e.getMessage());
        assertTrue(labNamespaces().isEmpty(), labNamespaces().toString());
    }
}
