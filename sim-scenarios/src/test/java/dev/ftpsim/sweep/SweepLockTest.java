package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondSweepInTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.grid(), 2, 1L);
        final var options = new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false);
        final var sim = new FakeSimulation();
        try (FileChannel ch = FileChannel.open(tmp.resolve(Sweep.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = ch.lock()) {
            final var e = assertThrows(IOException.class, () -> Sweep.run(spec, sim, options));
            assertEquals("output folder " + tmp + " is in use by another running sweep (it holds .sweep.lock)",
                    e.getMessage());
            assertEquals(0, sim.invocations.get());
            assertEquals(false, Files.exists(tmp.resolve("points.jsonl")));
        }
        Sweep.run(spec, sim, options);
        assertEquals(12, sim.invocations.get());
    }
}
