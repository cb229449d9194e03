package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain} on each example whose sessions fail names a fix that works, and the fix is real:
 * this test applies the suggested changes to the example itself and runs it, and every session of
 * the population then succeeds. The examples whose failure is the point of the example and that no
 * single change of the advisor's repairs are listed, each with why, and left out.
 */
class ExplainNamesAFixThatWorksForEveryFailingExampleTest {
    /** Failing on purpose, with no fix in the advisor's catalog. */
    private static final Set<String> NO_FIX_EXPECTED = Set.of(
            "vsftpd-anonymous-only.yaml",            // a wrong password: no network change helps
            "curl-max-time.yaml",                    // the transfer is longer than --max-time allows
            "proftpd-no-transfer-timeout.yaml",      // the user's pause exceeds the server's TimeoutNoTransfer
            "passive-stateless-guarded-high-ports.yaml", // the outsider is meant to be kept out
            "passive-range-exhausted.yaml",          // more sessions at once than the range has ports
            "conntrack-storm.yaml",                  // a SYN flood fills the table; the clients' own timeouts fail too
            "scale-5000-clients.yaml",
            // kube-proxy spreads each Service port over the pods on its own, affinity too
            // (kubernetes/kubernetes#103000): only a Service per pod or one replica helps, an edit
            // of kube-proxy's rules rather than one key
            "kube-nodeport-ftp.yaml",
            "kube-nodeport-ftp-affinity.yaml");

    static Stream<Path> failingExamples() throws Exception {
        final List<Path> out = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (final Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                final Path golden = Path.of("src/test/resources/golden", f.getFileName().toString()
                        .replace(".yaml", ""), "summary.json");
                if (Files.exists(golden) && new ObjectMapper().readTree(golden.toFile()).get("failed").asInt() > 0
                        && !NO_FIX_EXPECTED.contains(f.getFileName().toString())) {
                    out.add(f);
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("failingExamples")
    void aSuggestedFixMakesThePopulationSucceed(final Path example) throws Exception {
        final Explainer e = Explainer.of(example);
        final Scenario s = e.scenario();
        final Explanation x = e.explain(s.seed());
        assertTrue(!x.populations().isEmpty(), "the example fails, so something is explained");
        final String name = example.getFileName().toString();
        for (final PopulationVerdict p : x.populations()) {
            final FixTrial fix = p.fixes().stream().filter(FixTrial::works).findFirst().orElse(null);
            assertTrue(fix != null, name + ": no working fix for " + p.population() + ":\n" + x.markdown());
            // Apply the suggestion ourselves, as a user would edit the file, and run it.
            final Scenario fixed = ScenarioLoader.parse(Files.readString(example), example.toString(),
                    example.toAbsolutePath().getParent(), fix.edits());
            final RunResult r = Ftpsim.run(fixed, s.seed());
            final List<Boolean> oks = r.sessions().stream().filter(row -> row.label().startsWith(p.population() + "#"))
                    .map(row -> row.record().ok()).toList();
            assertEquals(p.sessions(), oks.size(), name);
            assertTrue(oks.stream().allMatch(ok -> ok), name + ": " + fix.fix() + " " + fix.edits());
        }
    }
}
