package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, as Linux's {@code /dev/full} gives it (every write fails with ENOSPC): the error
 * names the file, where Java's own message is "No space left on device" alone, and a replace
 * leaves no half-written temporary file.
 */
class AFullDiskIsReportedNamingTheFileTest {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path tmp;

    @Test
    void aRunsStreamedFileNamesItself() throws Exception {
        assumeTrue(Files.exists(FULL), "needs Linux's /dev/full");
        Files.createSymbolicLink(tmp.resolve("sessions.csv"), FULL);
        final RunFiles files = new RunFiles(tmp, 10);
        files.begin(List.of("fw"), List.of("t"));
        final IOException e = assertThrows(IOException.class, files::finish);
        assertEquals("cannot write " + tmp.resolve("sessions.csv") + ": No space left on device", e.getMessage());
    }

    @Test
    void aReplaceNamesItsTargetAndLeavesNoTemporaryFile() throws Exception {
        assumeTrue(Files.exists(FULL), "needs Linux's /dev/full");
        Files.createSymbolicLink(tmp.resolve(".results.csv.tmp"), FULL);
        final IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(tmp.resolve("results.csv"), "x\n"));
        assertEquals("cannot write " + tmp.resolve("results.csv") + ": No space left on device", e.getMessage());
        assertFalse(Files.exists(tmp.resolve(".results.csv.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(tmp.resolve("results.csv")));
    }
}
