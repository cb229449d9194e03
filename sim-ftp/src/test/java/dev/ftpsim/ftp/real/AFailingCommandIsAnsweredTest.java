package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session thread never dies without a reply: a command the server fails on is answered 451
 * (RFC 959 section 4.2), reported to the observer, and the session goes on; a name the platform
 * cannot represent is simply absent.
 */
@Timeout(20)
class AFailingCommandIsAnsweredTest {

    @TempDir
    Path root;

    /** Fails on every file system call, as a bug or an unexpected platform error would. */
    private static final FileSystem BROKEN = new FileSystem() {
        private RuntimeException boom() {
            return new IllegalStateException("boom");
        }

        @Override public Entry stat(final String path) { throw boom(); }
        @Override public List<Entry> list(final String dir) { throw boom(); }
        @Override public byte[] read(final String path, final long offset) { throw boom(); }
        @Override public Sink store(final String path, final boolean append, final long offset) { throw boom(); }
        @Override public boolean delete(final String path) { throw boom(); }
        @Override public boolean mkdir(final String path) { throw boom(); }
        @Override public boolean rmdir(final String path) { throw boom(); }
        @Override public boolean rename(final String from, final String to) { throw boom(); }
    };

    @Test
    void aCommandTheServerFailsOnIsAnswered451AndTheSessionGoesOn() throws Exception {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final var observer = new RealFtpServer.Observer() {
            @Override
            public void failed(final int session, final RuntimeException error) {
                failures.add(session + " " + error.getMessage());
            }
        };
        try (var server = RealFtpServer.start(ServerOptions.builder().build(), RealFtpServer.Limits.VSFTPD, BROKEN,
                InetAddress.getLoopbackAddress(), 0, observer); var c = new RawFtp(server.port()).anonymous()) {
            assertEquals("451 Requested action aborted: local error in processing.", c.cmd("CWD somewhere").text());
            assertEquals(200, c.cmd("NOOP").code());
            assertEquals(List.of("1 boom"), failures);
        }
    }

    @Test
    void aNameThePlatformCannotRepresentIsAbsent() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        final var fs = new DirectoryFileSystem(root, true);
        assertNull(fs.stat("/a\0b")); // InvalidPathException inside: "Nul character not allowed"
        assertNull(fs.store("/a\0b", false, 0));
        assertEquals(false, fs.mkdir("/x\0"));
        assertNull(fs.open("/a\0b", 0));
    }

}
