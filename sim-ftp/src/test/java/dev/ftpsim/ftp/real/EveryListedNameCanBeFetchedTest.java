package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name on disk whose bytes the platform's file-name encoding cannot decode (Latin-1 "café",
 * byte 0xE9, under a UTF-8 locale; Java's String of it holds U+FFFD) is listed as its bytes, as
 * vsftpd lists it, and those very bytes, sent back, name it: SIZE, MDTM, RETR, CWD and MLST work
 * on what LIST, NLST and MLSD showed.
 */
@Timeout(30)
class EveryListedNameCanBeFetchedTest {

    @TempDir
    Path root;

    /** The wire form of Latin-1 "café": one char per byte, as RawFtp sends it. */
    private static final String CAFE = "caf\u00e9";

    /** A path whose last name is exactly these bytes (each char one byte), whatever the platform's encoding. */
    private static Path raw(final Path dir, final String bytes) {
        final StringBuilder u = new StringBuilder(dir.toUri().toString());
        if (u.charAt(u.length() - 1) != '/') {
            u.append('/');
        }
        for (final char c : bytes.toCharArray()) {
            u.append('%').append(String.format("%02X", (int) c));
        }
        return Path.of(URI.create(u.toString()));
    }

    @Test
    void aNameTheLocaleCannotDecodeIsListedAndFetchedByItsBytes() throws Exception {
        final Path file = raw(root, CAFE + ".txt");
        Files.write(file, "latin-1 name\n".getBytes(StandardCharsets.US_ASCII));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        final Path folder = Files.createDirectory(raw(root, "d" + CAFE));
        Files.writeString(folder.resolve("inner.txt"), "in");
        try (var server = RealFtpServer.start(ServerOptions.builder().mlst(true).build(),
                new DirectoryFileSystem(root, false), 0); var c = new RawFtp(server.port()).anonymous()) {
            final RawFtp.Transfer nlst = c.download("NLST");
            assertEquals("226 Directory send OK.", nlst.last().text());
            assertEquals(CAFE + ".txt\r\nd" + CAFE + "\r\n", new String(nlst.data(), StandardCharsets.ISO_8859_1));
            final String list = new String(c.download("LIST").data(), StandardCharsets.ISO_8859_1);
            assertTrue(list.contains(" " + CAFE + ".txt\r\n"), list);
            final String mlsd = new String(c.download("MLSD").data(), StandardCharsets.ISO_8859_1);
            assertTrue(mlsd.contains("; " + CAFE + ".txt\r\n"), mlsd);

            assertEquals("213 13", c.cmd("SIZE " + CAFE + ".txt").text());
            assertEquals("213 20010909014640", c.cmd("MDTM " + CAFE + ".txt").text());
            final RawFtp.Transfer retr = c.download("RETR " + CAFE + ".txt");
            assertEquals("226 Transfer complete.", retr.last().text());
            assertEquals("latin-1 name\n", new String(retr.data(), StandardCharsets.US_ASCII));
            assertTrue(c.cmd("MLST " + CAFE + ".txt").text().contains("; /" + CAFE + ".txt"));
            assertEquals("250 Directory successfully changed.", c.cmd("CWD d" + CAFE).text());
            assertEquals("inner.txt\r\n", new String(c.download("NLST").data(), StandardCharsets.ISO_8859_1));
        }
    }
}
