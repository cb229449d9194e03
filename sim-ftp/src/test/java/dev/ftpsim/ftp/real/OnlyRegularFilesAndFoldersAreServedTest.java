package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, or a link to a device, is refused at once with 550 (vsftpd postlogin.c handle_retr:
 * "No games please", only regular files): no session hangs opening it, no thread is left behind.
 */
@Timeout(20)
class OnlyRegularFilesAndFoldersAreServedTest {

    @TempDir
    Path root;

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ftp-") && t.isAlive()).count();
    }

    @Test
    void aFifoAndALinkToADeviceAreRefusedAtOnceWithoutHangingOrLeakingThreads() throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start().waitFor());
        Files.createSymbolicLink(root.resolve("zero"), Path.of("/dev/zero"));
        Files.writeString(root.resolve("plain.txt"), "plain\n");
        final var options = ServerOptions.builder().anonymousWrite(true).build();
        try (var server = RealFtpServer.start(options, new DirectoryFileSystem(root, true), 0)) {
            final long before;
            try (var c = new RawFtp(server.port()).anonymous()) {
                before = serverThreads();
                for (final String name : new String[] {"fifo", "zero"}) {
                    assertEquals(550, c.download("RETR " + name).first().code(), name);
                    assertEquals(550, c.cmd("SIZE " + name).code(), name);
                    assertEquals(550, c.cmd("MDTM " + name).code(), name);
                    assertEquals(550, c.cmd("CWD " + name).code(), name);
                    assertEquals(553, c.upload("STOR " + name, new byte[] {1}).first().code(), name);
                }
                assertEquals(550, c.cmd("DELE fifo").code());
                final String list = new String(c.download("NLST").data(), StandardCharsets.UTF_8);
                assertFalse(list.contains("fifo"), list);
                assertTrue(list.contains("plain.txt"), list);
                assertEquals(200, c.cmd("NOOP").code()); // the session is alive and answering
                for (int i = 0; i < 100 && serverThreads() > before + 1; i++) {
                    Thread.sleep(20); // the last listing's data threads are ending
                }
                assertTrue(serverThreads() <= before + 1, "threads before " + before + ", now " + serverThreads());
                RawFtp.expect(221, c.cmd("QUIT"));
            }
            assertTrue(server.awaitIdle(5_000));
        }
        assertTrue(Files.exists(root.resolve("fifo")));
    }
}
