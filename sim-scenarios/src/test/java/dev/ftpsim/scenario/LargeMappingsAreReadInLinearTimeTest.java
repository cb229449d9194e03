package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mapping of tens of thousands of keys (a file fits 90,000 under the size limit) is checked for
 * duplicates by hashing, not by comparing each key with all before it: that took minutes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeMappingsAreReadInLinearTimeTest {
    @Test
    void aDuplicateAmongFiftyThousandFilesIsFound() {
        final StringBuilder sb = new StringBuilder(NET + "ftp:\n  server:\n    host: server\n    files:\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("      /pub/f").append(i).append(": 1KB\n");
        }
        sb.append("      /pub/f7: 2KB\n");
        assertEquals(List.of("t.yaml:50013:7: /pub/f7: duplicate key '/pub/f7': a key may appear once"
                + " per mapping"), errors(sb.toString()));
    }
}
