package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command line longer than vsftpd's VSFTP_MAX_COMMAND_LINE (4096 bytes) is answered as vsftpd
 * 3.0 answers it, "500 Input line too long.", and the session ends (ftpcmdio.c control_getline:
 * vsf_cmdio_write_exit); a long line under the limit is a command like any other.
 */
@Timeout(30)
class ACommandLineOverTheLimitTest {

    @TempDir
    Path root;

    @Test
    void aLineOverTheLimitIsAnsweredAndEndsTheSession() throws Exception {
        try (var server = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(root, false), 0);
             var c = new RawFtp(server.port()).anonymous()) {
            assertEquals("200 NOOP ok.", c.cmd("NOOP " + "A".repeat(4000)).text());
            c.send(("NOOP " + "A".repeat(5000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("500 Input line too long.", c.reply().text());
            assertTrue(c.closedByServer());
        }
    }
}
