package dev.ftpsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ASparkSweepResumesFromTheJournalTest {
    @TempDir
    Path tmp;

    @Test
    void onlyThePointsMissingFromTheJournalRunAndTheFilesEqualAFullRun() throws Exception {
        final Path file = SparkTests.tinySweep(tmp.resolve("in"));
        final Path full = tmp.resolve("full");
        SparkTests.localSweep(file, full);
        // A sweep stopped after two of its four points: sweep.json and the first two point lines.
        final List<String> journal = Files.readAllLines(full.resolve("points.jsonl"), StandardCharsets.UTF_8);
        assertEquals(4, journal.size());
        final Path partial = Files.createDirectories(tmp.resolve("partial"));
        Files.copy(full.resolve("sweep.json"), partial.resolve("sweep.json"));
        Files.write(partial.resolve("points.jsonl"), journal.subList(0, 2), StandardCharsets.UTF_8);

        final SparkSweep.Outcome o = SparkTests.sparkSweep(file, SparkTests.options(partial));

        assertEquals(2, o.result().pointsResumed());
        assertEquals(2, o.result().pointsRun());
        assertEquals(2 * 2, o.simulations(), "only the missing points' replications ran on Spark");
        assertEquals(SparkTests.files(full), SparkTests.files(partial));
    }
}
