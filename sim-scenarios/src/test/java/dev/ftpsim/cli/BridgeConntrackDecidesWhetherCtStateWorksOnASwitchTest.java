package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The office switch's stateful bridge firewall ({@code ct state established,related accept}, policy
 * drop): with bridge conntrack (the default) active sessions succeed and passive ones fail on their
 * data connection; without it ({@code mode: stateless}) every frame is invalid and no session gets
 * even its control connection.
 */
class BridgeConntrackDecidesWhetherCtStateWorksOnASwitchTest {
    private static Map<String, Long> outcome(final RunResult r) {
        return r.summary().failuresByCode().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
    }

    @Test
    void withBridgeConntrackOnlyTheNewPassiveDataConnectionIsDropped() throws Exception {
        final RunResult r = Ftpsim.run(Ftpsim.load(Path.of("../examples/office-lan-switch-bridge-filter.yaml")));
        assertEquals(2, r.summary().succeeded());
        assertEquals(Map.of("data_connect_timed_out", 2L), outcome(r));
    }

    @Test
    void withoutBridgeConntrackNothingIsEstablishedAndEverySessionFails(@TempDir final Path tmp) throws Exception {
        final Path file = Cli.example(tmp, "office-lan-switch-bridge-filter", "  sw:\n    forward:",
                "  sw:\n    mode: stateless\n    forward:");
        final RunResult r = Ftpsim.run(Ftpsim.load(file));
        assertEquals(0, r.summary().succeeded());
        assertEquals(Map.of("control_connect_timed_out", 4L), outcome(r));
        assertEquals(Map.of(), r.firewall("sw").drops().entrySet().stream().filter(e -> !e.getKey().equals(
                "forward policy drop")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)), "the policy dropped every frame");
    }
}
