package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * STOR after REST writes from the offset and keeps what the file held beyond what it overwrote;
 * only a STOR without REST truncates (vsftpd postlogin.c handle_upload_common: "if (!is_append &&
 * offset == 0)" truncates, otherwise lseek to the offset, past the end too, leaving zeros). The
 * disk served by {@code ftpsim serve} and the simulations' memory file system agree.
 */
@Timeout(30)
class AnUploadAtARestOffsetKeepsTheRestTest {

    @TempDir
    Path root;

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void storAfterRestOverwritesFromTheOffsetOverRealSockets() throws Exception {
        Files.write(root.resolve("a.txt"), ascii("0123456789"));
        Files.write(root.resolve("b.txt"), ascii("0123456789"));
        try (var server = RealFtpServer.start(ServerOptions.builder().anonymousWrite(true).build(),
                new DirectoryFileSystem(root, true), 0); var c = new RawFtp(server.port()).anonymous()) {
            RawFtp.expect(350, c.cmd("REST 3"));
            assertEquals("226 Transfer complete.", c.upload("STOR a.txt", ascii("abc")).last().text());
            RawFtp.expect(350, c.cmd("REST 12"));
            assertEquals("226 Transfer complete.", c.upload("STOR b.txt", ascii("x")).last().text());
            assertEquals("226 Transfer complete.", c.upload("STOR c.txt", ascii("new")).last().text());
        }
        assertArrayEquals(ascii("012abc6789"), Files.readAllBytes(root.resolve("a.txt")));
        assertArrayEquals(ascii("0123456789\0\0x"), Files.readAllBytes(root.resolve("b.txt")));
        assertArrayEquals(ascii("new"), Files.readAllBytes(root.resolve("c.txt")));
    }

    @Test
    void theMemoryFileSystemStoresTheSame() {
        final MemoryFileSystem fs = new MemoryFileSystem(0).file("/a.txt", ascii("0123456789"))
                .file("/b.txt", ascii("0123456789")).file("/c.txt", ascii("0123456789"));
        write(fs.store("/a.txt", false, 3), "abc");
        write(fs.store("/b.txt", false, 12), "x");
        write(fs.store("/c.txt", false, 0), "new");
        assertArrayEquals(ascii("012abc6789"), fs.content("/a.txt"));
        assertArrayEquals(ascii("0123456789\0\0x"), fs.content("/b.txt"));
        assertArrayEquals(ascii("new"), fs.content("/c.txt"));
        assertEquals(13, fs.stat("/b.txt").size());
        write(fs.store("/far.txt", false, 999_999_999_999_999_999L), "x"); // REST's largest: a size, no array
        assertEquals(1_000_000_000_000_000_000L, fs.stat("/far.txt").size());
    }

    private static void write(final FileSystem.Sink sink, final String s) {
        sink.write(ascii(s), s.length());
        sink.close();
    }
}
