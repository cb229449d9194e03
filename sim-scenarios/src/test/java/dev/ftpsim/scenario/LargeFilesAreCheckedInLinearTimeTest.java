package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A file of tens of thousands of keys or steps (90,000 fit under the size limit) is checked in
 * linear time: duplicates by hashing, not by comparing each key with all before it, and "did you
 * mean" suggestions within a budget. Each of these took minutes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeFilesAreCheckedInLinearTimeTest {
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

    @Test
    void tenThousandGetsOfMissingFilesAmongTenThousandAreReportedWithShortLists() {
        final StringBuilder sb = new StringBuilder(NET + "ftp:\n  server:\n    host: server\n    files:\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("      /pub/f").append(i).append(": 1KB\n");
        }
        sb.append("  clients:\n    - host: client\n      script:\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("        - get /pub/g").append(i).append('\n');
        }
        final List<String> e = errors(sb.toString());
        assertEquals(10_000, e.size());
        final String serves = "; it serves /pub/f0, /pub/f1, /pub/f2, /pub/f3, /pub/f4, /pub/f5, /pub/f6, /pub/f7,"
                + " /pub/f8, /pub/f9, /pub/f10, /pub/f11, ... (10000 in all)";
        assertEquals("t.yaml:10016:11: ftp.clients[0].script[0]: the server on server has no file /pub/g0 (did you"
                + " mean '/pub/f0'?)" + serves, e.get(0));
        assertEquals("t.yaml:20015:11: ftp.clients[0].script[9999]: the server on server has no file /pub/g9999"
                + serves, e.get(9999)); // past the budget: no suggestion
    }
}
