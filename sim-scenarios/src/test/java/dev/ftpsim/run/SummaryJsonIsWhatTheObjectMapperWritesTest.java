package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code summary.json} is written without the object mapper, and reads byte for byte as the mapper
 * writes the same summary (as {@code run --json} prints it): for runs that succeed and fail, with
 * drops, NAT, several populations, profiles and groups, and for a summary of no sessions (NaN
 * percentiles, written as null).
 */
class SummaryJsonIsWhatTheObjectMapperWritesTest {
    @Test
    void theExamplesSummariesReadTheSame() throws Exception {
        for (final String example : List.of("passive-client-fw", "active-client-fw", "accounts",
                "passive-server-dnat-range", "passive-curl-epsv-then-pasv", "nft-ruleset", "haproxy-health-checks")) {
            final RunSummary s = Ftpsim.run(Ftpsim.load(Path.of("../examples", example + ".yaml"))).summary();
            assertEquals(Results.toJson(s), Results.summaryJson(s), example);
        }
    }

    @Test
    void noSessionsGiveNullPercentiles() throws Exception {
        final RunSummary s = new SummaryBuilder().build("empty", 7, Map.of(), Map.of());
        assertEquals(Results.toJson(s), Results.summaryJson(s));
        assertTrue(Results.summaryJson(s).contains("\"p50\" : null"));
    }
}
