package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FEAT offers UTF8 and OPTS UTF8 ON answers "Always in UTF8 mode.", so a client sends names as
 * UTF-8: under a UTF-8 locale those bytes name the file whose name is those bytes, listings carry
 * the names' UTF-8 bytes, and a folder made with MKD gets the name the client typed (vsftpd passes
 * name bytes through unchanged).
 */
@Timeout(60)
class ServePassesUtf8NamesAsTheirBytesTest {

    private static final Map<String, String> UTF8 = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

    @TempDir
    Path dir;

    /** A command as a UTF-8 client sends it, in RawClient's one-char-per-byte form. */
    private static String utf8(final String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aUtf8ClientFindsListsAndCreatesNonAsciiNames() throws Exception {
        // The test itself makes and reads the names: it needs a UTF-8 file-name encoding too.
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding")).equals(StandardCharsets.UTF_8));
        final Path root = Files.createDirectory(dir.resolve("pub"));
        Files.writeString(root.resolve("café.txt"), "c");
        Files.writeString(root.resolve("日本.txt"), "nihon");
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of(), UTF8, "--root", root.toString(),
                "--writable"); var c = new RawClient(serve.port).anonymous()) {
            assertEquals("200 Always in UTF8 mode.", c.cmd("OPTS UTF8 ON"));
            assertEquals("213 1", c.cmd(utf8("SIZE café.txt")), serve.log());
            final byte[] names;
            try (Socket data = c.pasv()) {
                RawClient.expect("150 ", c.cmd("NLST"));
                names = data.getInputStream().readAllBytes();
            }
            RawClient.expect("226 ", c.reply());
            assertArrayEquals("café.txt\r\n日本.txt\r\n".getBytes(StandardCharsets.UTF_8), names);
            final byte[] content;
            try (Socket data = c.pasv()) {
                RawClient.expect("150 ", c.cmd(utf8("RETR 日本.txt")));
                content = data.getInputStream().readAllBytes();
            }
            RawClient.expect("226 ", c.reply());
            assertEquals("nihon", new String(content, StandardCharsets.UTF_8));
            assertEquals(utf8("257 \"/ñandú\" created"), c.cmd(utf8("MKD ñandú")));
        }
        assertTrue(Files.isDirectory(root.resolve("ñandú")), "the folder has the name the client typed");
    }
}
