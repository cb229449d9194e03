package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind HAProxy with a backend that runs no FTP server, the advisor proposes the health checks
 * and {@code option redispatch} HAProxy users would add: the checks help every session after the
 * first check (HAProxy 2.6.12 marked the dead server down 1 s after start), redispatch every one.
 */
class ExplainProposesHealthChecksForADeadHaproxyBackendTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static List<FixTrial> fixes(final Path file) throws Exception {
        final Explainer e = Explainer.of(file);
        return e.explain(e.scenario().seed()).populations().get(0).fixes();
    }

    private static FixTrial named(final List<FixTrial> fixes, final String prefix) {
        return fixes.stream().filter(f -> f.fix().startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError(prefix + " not in " + fixes.stream().map(FixTrial::fix).toList()));
    }

    @Test
    void withoutChecksBothAreProposedAndRedispatchMakesEverySessionSucceed(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("no-checks.yaml");
        Files.writeString(file, Files.readString(EXAMPLES.resolve("haproxy-health-checks.yaml"))
                .replace("    health-check: { port: 21 }          # check port 21: inter 2s, rise 2, fall 3\n", ""));
        final List<FixTrial> fixes = fixes(file);
        final FixTrial checks = named(fixes, "health checks at HAProxy on lb");
        assertEquals("balancers.lb.health-check", checks.edits().get(0).path());
        assertFalse(checks.works(), "the first session came before the first check");
        assertTrue(checks.why().contains("backend 10.1.2.10 runs no FTP server on port 21"), checks.why());
        final FixTrial redispatch = named(fixes, "option redispatch at HAProxy on lb");
        assertEquals("balancers.lb.redispatch", redispatch.edits().get(0).path());
        assertTrue(redispatch.works(), "the refused data connect went on to the server that announced it");
    }

    @Test
    void withChecksOnlyRedispatchIsLeft() throws Exception {
        final List<FixTrial> fixes = fixes(EXAMPLES.resolve("haproxy-health-checks.yaml"));
        assertTrue(fixes.stream().noneMatch(f -> f.fix().startsWith("health checks")), fixes.toString());
        assertTrue(named(fixes, "option redispatch at HAProxy on lb").works());
    }

    @Test
    void withEveryBackendServingNeitherIsProposed() throws Exception {
        final List<FixTrial> fixes = fixes(EXAMPLES.resolve("haproxy-ftp-passive.yaml"));
        assertTrue(fixes.stream().noneMatch(f -> f.fix().contains("HAProxy")), fixes.toString());
    }
}
