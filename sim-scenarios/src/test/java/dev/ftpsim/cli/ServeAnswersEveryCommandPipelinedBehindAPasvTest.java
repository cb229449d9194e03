package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands pipelined behind a PASV wait for its 227 and are then all answered, in order: none is
 * dropped however many there are, and a client that closes its sending side right after them
 * still reads every reply before the server closes (vsftpd reads one command at a time and
 * answers each).
 */
@Timeout(60)
class ServeAnswersEveryCommandPipelinedBehindAPasvTest {

    @TempDir
    Path dir;

    private ServeProcess serve() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        return ServeProcess.start(dir.resolve("serve.log"), List.of(), Map.of(), "--root", root.toString());
    }

    @Test
    void thirtyThousandNoopsBehindAPasvAreEachAnswered() throws Exception {
        final int n = 30_000; // 180 kB: more than the command decoder holds unread
        try (var serve = serve(); var c = new RawClient(serve.port).anonymous()) {
            c.send(("PASV\r\n" + "NOOP\r\n".repeat(n) + "PWD\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(c.reply().startsWith("227 "));
            for (int i = 0; i < n; i++) {
                assertEquals("200 NOOP ok.", c.reply(), "reply to NOOP " + (i + 1));
            }
            assertEquals("257 \"/\" is the current directory", c.reply());
        }
    }

    @Test
    void aClientThatStopsSendingAfterPasvStillReadsItsReplies() throws Exception {
        try (var serve = serve(); var c = new RawClient(serve.port).anonymous()) {
            c.send("PASV\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            c.control.shutdownOutput();
            assertTrue(c.reply().startsWith("227 "), serve.log());
            assertEquals("200 NOOP ok.", c.reply());
            assertNull(c.reply()); // then the server closes
        }
    }
}
