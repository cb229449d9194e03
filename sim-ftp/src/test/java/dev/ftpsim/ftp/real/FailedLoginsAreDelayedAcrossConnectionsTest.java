package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed password is answered after the configured delay (vsftpd delay_failed_login), and
 * failures from one address on several connections at once wait one after the other: three
 * parallel guesses take three delays, not one. Only lower bounds on time are asserted.
 */
@Timeout(30)
class FailedLoginsAreDelayedAcrossConnectionsTest {

    private static final long DELAY_MILLIS = 200;

    @TempDir
    Path root;

    @Test
    void threeParallelFailuresFromOneAddressTakeThreeDelays() throws Exception {
        final var options = ServerOptions.builder().users(java.util.Map.of("user", "right")).build();
        try (var server = RealFtpServer.start(options, new RealFtpServer.Limits(0, DELAY_MILLIS),
                new DirectoryFileSystem(root, false), InetAddress.getLoopbackAddress(), 0, new RealFtpServer.Observer() {});
             var a = new RawFtp(server.port()); var b = new RawFtp(server.port()); var c = new RawFtp(server.port())) {
            final List<RawFtp> all = List.of(a, b, c);
            for (final RawFtp r : all) {
                RawFtp.expect(331, r.cmd("USER user"));
            }
            final long start = System.nanoTime();
            for (final RawFtp r : all) {
                r.send("PASS wrong\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            for (final RawFtp r : all) {
                assertEquals("530 Login incorrect.", r.reply().text());
            }
            final long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 3 * DELAY_MILLIS, "three failures answered within " + millis + " ms");
            // Guesses pipelined in one packet each wait their turn too.
            final long again = System.nanoTime();
            b.send("USER user\r\nPASS wrong1\r\nUSER user\r\nPASS wrong2\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                b.reply();
            }
            final long pipelined = (System.nanoTime() - again) / 1_000_000;
            assertTrue(pipelined >= 2 * DELAY_MILLIS, "two pipelined failures answered within " + pipelined + " ms");
            // The right password is not delayed, and the session goes on.
            RawFtp.expect(331, a.cmd("USER user"));
            RawFtp.expect(230, a.cmd("PASS right"));
        }
    }
}
