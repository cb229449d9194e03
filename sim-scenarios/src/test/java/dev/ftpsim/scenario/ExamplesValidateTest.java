package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every example under {@code examples/} validates, and the required ones exist. */
class ExamplesValidateTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static final List<String> REQUIRED = List.of("active-stateless-server-filter", "passive-stateless-server-filter",
            "active-stateful-server-fw", "passive-stateful-server-fw", "passive-stateful-server-fw-helper",
            "active-client-fw", "passive-client-fw", "active-client-masquerade", "active-client-masquerade-helper",
            "passive-server-dnat", "passive-server-dnat-helper", "long-transfer-trap", "long-transfer-trap-keepalive",
            "conntrack-storm", "scale-5000-clients", "sweep-mode-x-loss", "nft-ruleset");

    @TestFactory
    Stream<DynamicTest> everyExampleValidates() throws IOException {
        final List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            try {
                final Scenario s = ScenarioLoader.load(f);
                final String base = f.getFileName().toString().replaceFirst("\\.(yaml|json)$", "");
                assertEquals(base, s.name(), "the name matches the file");
                assertFalse(s.ftp().clients().isEmpty(), "there is traffic");
            } catch (final ScenarioException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }));
    }

    @Test
    void everyRequiredExampleExists() {
        for (final String name : REQUIRED) {
            assertTrue(Files.exists(EXAMPLES.resolve(name + ".yaml")), name);
        }
        assertTrue(Files.exists(EXAMPLES.resolve("nft/server-fw.nft")));
    }
}
