package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim serve --profile proftpd --writable} answers MFMT, which lftp 4.9.2 sends after
 * each upload to a server whose FEAT lists it: proftpd 1.3.8 set the time and said "213
 * Modify=20261207194052; up/y.bin"; serve said "501 up/y.bin: Operation not permitted", as its
 * folder could not set a time. It sets a regular file's time, never through a link (one leading
 * out of the root stays untouched), and nothing when read-only.
 */
class MfmtSetsAFileTimeInsideTheRootOnlyTest {

    @TempDir
    Path dir;

    @Test
    void aFilesTimeIsSetButNotALinksTargetNorOnAReadOnlyRoot() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("root"));
        final Path outside = Files.writeString(dir.resolve("secret.txt"), "s");
        final FileTime before = Files.getLastModifiedTime(outside);
        Files.writeString(root.resolve("y.bin"), "y");
        Files.createSymbolicLink(root.resolve("link"), outside);
        final var fs = new DirectoryFileSystem(root, true);
        assertTrue(fs.setMtime("/y.bin", 1_796_672_452L));
        assertEquals(1_796_672_452L, fs.stat("/y.bin").mtime());
        assertFalse(fs.setMtime("/link", 1L));
        assertEquals(before, Files.getLastModifiedTime(outside, LinkOption.NOFOLLOW_LINKS));
        assertFalse(fs.setMtime("/nope", 1L));
        assertFalse(new DirectoryFileSystem(root, false).setMtime("/y.bin", 1L));
        assertEquals(1_796_672_452L, fs.stat("/y.bin").mtime());
    }
}
