package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code points.jsonl} of format {@code ftpsim-sweep-journal/2} written by the journal's former
 * hand-written JSON code (the resource file, byte for byte as it wrote it: escapes, a non-ASCII
 * name, the extreme seeds, NaN and the infinities as strings, -0.0) still resumes: both points
 * count as finished with exactly the values written, and the file is left as it was.
 */
class AJournalWrittenBeforeJacksonResumesTest {
    private static final String ODD = "odd \"name\"\n\t\u001f/\u00e9";

    @TempDir
    Path tmp;

    @Test
    void itsPointsAreFinishedWithTheirExactValues() throws Exception {
        final byte[] old = Files.readAllBytes(Path.of("src/test/resources/sweep/journal-v2-written-before-jackson.jsonl"));
        Files.write(tmp.resolve(Journal.FILE_NAME), old);
        final var spec = new SweepSpec(List.of(SweepPoint.of(ODD, "k,ey", "v\\al\u0001"), SweepPoint.of("plain", "k,ey", "0.001")),
                2, Long.MIN_VALUE, "sha256:0f3a");

        final Map<Integer, PointResult> finished = Journal.open(tmp, spec).finished();

        final Map<String, Double> m1 = extremes();
        final Map<String, Double> m2 = Map.of("a", 1e300, "f", Double.POSITIVE_INFINITY);
        assertEquals(Map.of(0, new PointResult(0, ODD, List.of(Long.MIN_VALUE, -1L), List.of(m1, m2)),
                1, new PointResult(1, "plain", List.of(Long.MAX_VALUE, 7L), List.of(m2, m1))), finished);
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(finished.get(0).replications().get(0).get("d")));
        assertArrayEquals(old, Files.readAllBytes(tmp.resolve(Journal.FILE_NAME)));
    }

    @Test
    void numbersAreWrittenAsBeforeAndWhatIsNoNumberAsNull() throws Exception {
        final List<String> old = Files.readAllLines(Path.of("src/test/resources/sweep/journal-v2-written-before-jackson.jsonl"));
        final var large = new LinkedHashMap<String, Double>();
        large.put("a", 1e300);
        large.put("f", Double.POSITIVE_INFINITY);
        // Format 3: JSON's null where format 2 wrote the strings "NaN", "Infinity", "-Infinity".
        assertEquals(old.get(2).replaceAll("\"-?(NaN|Infinity)\"", "null"),
                Journal.pointLine(new PointResult(1, "plain", List.of(Long.MAX_VALUE, 7L), List.of(large, extremes()))));
    }

    /** Metrics at the edges of what a double holds, in the order the journal keeps. */
    static Map<String, Double> extremes() {
        final var m = new LinkedHashMap<String, Double>();
        m.put("a", 0.1 + 0.2);
        m.put("b", Double.NaN);
        m.put("c", Double.NEGATIVE_INFINITY);
        m.put("d", -0.0);
        m.put("e", Double.MIN_VALUE);
        return m;
    }
}
