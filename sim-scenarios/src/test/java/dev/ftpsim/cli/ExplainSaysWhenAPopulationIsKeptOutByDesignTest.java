package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population whose control connection a firewall drops by an explicit rule against its port is
 * kept out on purpose: {@code explain} says so (console and {@code keptOut} in JSON) and tries no
 * fix; the same population dropped by a chain's policy gets fixes as before.
 */
class ExplainSaysWhenAPopulationIsKeptOutByDesignTest {
    @TempDir
    Path tmp;

    @Test
    void theGuardedServicesOutsiderIsKeptOutAndNothingIsProposed() throws Exception {
        final Cli r = Cli.run("explain", "../examples/passive-stateless-guarded-high-ports.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Kept out by design: fw's forward rule 1 (ip daddr 203.0.113.10 tcp dport 8021 drop)"
                + " drops connections to 203.0.113.10:8021 on purpose"), r.out());
        assertFalse(r.out().contains("Fixes tried"), r.out());

        final Cli j = Cli.run("explain", "../examples/passive-stateless-guarded-high-ports.yaml", "--json");
        final JsonNode p = new ObjectMapper().readTree(j.out()).get("populations").get(0);
        assertEquals("outsider", p.get("population").asText());
        assertTrue(p.get("keptOut").asText().startsWith("fw's forward rule 1"), j.out());
        assertEquals(0, p.get("fixes").size());
    }

    @Test
    void aRuleAgainstAnotherPortIsNoReasonToGiveUp() throws Exception {
        // The drop rule guards port 8022 now: the outsider's port 8021 falls to the policy drop.
        final Path f = Cli.example(tmp, "passive-stateless-guarded-high-ports",
                "- ip daddr 203.0.113.10 tcp dport 8021 drop", "- ip daddr 203.0.113.10 tcp dport 8022 drop",
                "tcp dport 1024-65535 accept                              # ports > 1023 from anywhere",
                "tcp dport 30000-30100 accept");
        final Cli r = Cli.run("explain", f.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode p = new ObjectMapper().readTree(r.out()).get("populations").get(0);
        assertEquals("outsider", p.get("population").asText(), r.out());
        assertTrue(p.get("keptOut").isNull(), r.out());
    }
}
