package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code LANG=C} (file names in ASCII, {@code sun.jnu.encoding=ANSI_X3.4-1968}) a name
 * such as {@code caf\xe9} cannot become a path; {@code ftpsim serve} answers it as absent (550),
 * and the session answers the next command: no session dies without a reply.
 */
@Timeout(60)
class ServeAnswersNamesTheFileSystemCannotHoldTest {

    @TempDir
    Path dir;

    @Test
    void underLangCAnUnrepresentableNameIsAnswered550AndTheSessionGoesOn() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        final Map<String, String> c = Map.of("LANG", "C", "LC_ALL", "C");
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of(), c, "--root", root.toString(),
                "--writable"); Socket s = new Socket(InetAddress.getLoopbackAddress(), serve.port)) {
            s.setSoTimeout(10_000);
            final InputStream in = s.getInputStream();
            final OutputStream out = s.getOutputStream();
            assertTrue(line(in).startsWith("220 "));
            for (final String cmd : new String[] {"USER anonymous", "PASS x@y"}) {
                out.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
                line(in);
            }
            for (final String verb : new String[] {"CWD", "MKD", "SIZE", "MDTM", "DELE", "RMD", "RNFR"}) {
                out.write((verb + " caf").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[] {(byte) 0xe9, '\r', '\n'}); // "café" in ISO-8859-1
                final String reply = line(in);
                assertTrue(reply.startsWith("550 "), verb + ": " + reply + "\n" + serve.log());
            }
            out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("200 NOOP ok.", line(in));
            assertFalse(serve.log().contains("Exception"), serve.log());
        }
        try (var files = Files.list(root)) {
            assertEquals(0, files.count()); // nothing was created under a mangled name
        }
    }

    private static String line(final InputStream in) throws Exception {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int ch; (ch = in.read()) >= 0 && ch != '\n'; ) {
            b.write(ch);
        }
        return b.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
