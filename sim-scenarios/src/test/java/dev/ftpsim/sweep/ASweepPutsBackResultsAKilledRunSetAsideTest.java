package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftpsim.run.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed between its commit's two renames leaves the previous results aside
 * ({@code .out.old-<pid>}) and no {@code out}. A sweep into {@code out} puts them back before it
 * makes the folder: otherwise the next run into {@code out} takes them for a killed run's leftover
 * and deletes them (and is then refused, the folder being a sweep's), and they are lost.
 */
class ASweepPutsBackResultsAKilledRunSetAsideTest {
    @TempDir
    Path tmp;

    @Test
    void thePreviousResultsSurviveASweepThenARun() throws Exception {
        final Path out = tmp.resolve("out");
        Files.writeString(Files.createDirectories(tmp.resolve(".out.old-4242")).resolve("summary.json"), "old\n");
        Sweep.run(new SweepSpec(FakeSimulation.grid(), 1, 5L), new FakeSimulation(),
                new SweepOptions(out, 1, SweepOptions.Progress.OFF, false));
        assertThrows(IOException.class, () -> OutputFolder.open(out).close(), "a sweep's folder is not a run's to replace");
        assertEquals("old\n", Files.readString(out.resolve("summary.json")));
        assertFalse(Files.exists(tmp.resolve(".out.old-4242")));
    }
}
