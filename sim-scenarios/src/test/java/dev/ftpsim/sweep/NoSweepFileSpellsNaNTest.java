package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoSweepFileSpellsNaNTest {
    @TempDir
    Path tmp;

    @Test
    void missingFiguresAreEmptyCellsInCsvAndNullInJsonAndSurviveAResume() throws Exception {
        final var spec = new SweepSpec(List.of(SweepPoint.of("a", "k", "1"), SweepPoint.of("b", "k", "2")), 2, 3L);
        final SweepTask task = (point, seed) -> {
            final var m = new LinkedHashMap<String, Double>();
            m.put("nan", Double.NaN);
            m.put("inf", Double.POSITIVE_INFINITY);
            m.put("missing", null);
            m.put("fine", 2.5);
            return m;
        };
        Sweep.run(spec, task, new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false));
        for (final String f : List.of("results.csv", "runs.csv", "points.jsonl")) {
            final String text = Files.readString(tmp.resolve(f));
            assertFalse(text.contains("NaN") || text.contains("Infinity"), f + ":\n" + text);
        }
        assertTrue(Files.readAllLines(tmp.resolve("points.jsonl")).get(0)
                .contains("{\"nan\":null,\"inf\":null,\"missing\":null,\"fine\":2.5}"));
        assertEquals("a,1,1,", Files.readAllLines(tmp.resolve("runs.csv")).get(1).substring(0, 6));
        assertTrue(Files.readAllLines(tmp.resolve("runs.csv")).get(1).endsWith(",,,,2.5"));
        assertTrue(Files.readAllLines(tmp.resolve("results.csv")).get(1).startsWith("a,1,,,,0,,,,0,,,,0,2.5,2.5,2.5,2"));

        // Resumed from the journal's nulls: the same bytes.
        final byte[] results = Files.readAllBytes(tmp.resolve("results.csv"));
        final byte[] runs = Files.readAllBytes(tmp.resolve("runs.csv"));
        final List<String> journal = Files.readAllLines(tmp.resolve("points.jsonl"));
        final Path again = tmp.resolve("again");
        Files.createDirectories(again);
        Files.copy(tmp.resolve("sweep.json"), again.resolve("sweep.json"));
        Files.write(again.resolve("points.jsonl"), journal.subList(0, 1));
        final SweepResult r = Sweep.run(spec, task, new SweepOptions(again, 1, SweepOptions.Progress.OFF, false));
        assertEquals(1, r.pointsResumed());
        assertEquals(new String(results), Files.readString(again.resolve("results.csv")));
        assertEquals(new String(runs), Files.readString(again.resolve("runs.csv")));
    }
}
