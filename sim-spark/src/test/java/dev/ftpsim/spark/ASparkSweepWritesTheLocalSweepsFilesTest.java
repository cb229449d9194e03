package dev.ftpsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ASparkSweepWritesTheLocalSweepsFilesTest {
    @TempDir
    Path tmp;

    @Test
    void resultsJournalAndPlotsAreByteIdenticalToTheLocalSweepOfTheSameFile() throws Exception {
        final Path file = SparkTests.tinySweep(tmp.resolve("in"));
        SparkTests.localSweep(file, tmp.resolve("local"));

        final SparkSweep.Outcome o = SparkTests.sparkSweep(file, SparkTests.options(tmp.resolve("spark")));

        assertEquals(4, o.result().pointsRun());
        assertEquals(4 * 2, o.simulations(), "one Spark task per point and replication");
        final Map<String, String> local = SparkTests.files(tmp.resolve("local"));
        assertTrue(local.containsKey("results.csv") && local.containsKey("points.jsonl"), local.keySet().toString());
        assertEquals(local.keySet(), SparkTests.files(tmp.resolve("spark")).keySet());
        for (final String name : local.keySet()) {
            assertEquals(local.get(name), SparkTests.files(tmp.resolve("spark")).get(name), name + " differs");
        }
        assertTrue(Files.readString(tmp.resolve("spark/results.csv")).lines().count() > 4, "a row per point");
    }
}
