package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder that cannot be written is refused with exit 2 naming it, before the run: the
 * scenario here simulates a 20 GB download, which would take minutes to run before failing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputFolderIsCheckedBeforeTheRunTest {
    @TempDir
    Path tmp;

    private Path longRun() throws Exception {
        return Cli.example(tmp, "passive-stateful-server-fw-helper", "stop: 120s", "stop: 100000s",
                "/pub/file.bin: 1MB", "/pub/file.bin: 20GB");
    }

    private void refused(final Path out, final String why) throws Exception {
        final Cli r = Cli.run("run", longRun().toString(), "--no-progress", "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ftpsim: cannot write " + out + ": "), r.err());
        assertTrue(r.err().contains(why), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefusedBeforeTheRun() throws Exception {
        // /proc/self/fdinfo exists and is a folder, but not even root may create a file in it.
        refused(Path.of("/proc/self/fdinfo"), "");
    }

    @Test
    void aFileInTheWayIsRefusedBeforeTheRun() throws Exception {
        final Path file = Files.writeString(tmp.resolve("results"), "mine");
        refused(file, file + " is a file, not a folder");
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aParentThatCannotBeMadeIsRefusedBeforeTheRun() throws Exception {
        final Path file = Files.writeString(tmp.resolve("a-file"), "mine");
        refused(file.resolve("sub").resolve("out"), file + " is a file, not a folder");
    }

    @Test
    void aFolderHoldingOtherFilesIsNeverReplaced() throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(dir.resolve("thesis.tex"), "years of work");
        refused(dir, "thesis.tex, which ftpsim did not write");
        assertEquals("years of work", Files.readString(dir.resolve("thesis.tex")));
    }
}
