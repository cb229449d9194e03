package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server's observer sees each session open, its inputs and actions in order, and its end; close() ends open sessions with 421. */
@Timeout(30)
class RealFtpServerObserverTest {

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private final RealFtpServer.Observer observer = new RealFtpServer.Observer() {
        @Override
        public void opened(final int session, final InetSocketAddress client) {
            note(session + " opened " + client.getPort());
        }

        @Override
        public void received(final int session, final Input input) {
            if (input instanceof Input.ControlBytes c) {
                note(session + " C " + new String(c.bytes(), StandardCharsets.ISO_8859_1).strip());
            }
        }

        @Override
        public void performed(final int session, final Action action) {
            if (action instanceof Action.SendReply r) {
                note(session + " S " + r.reply().code());
            }
        }

        @Override
        public void closed(final int session) {
            note(session + " closed");
        }
    };

    private void note(final String entry) {
        synchronized (seen) {
            seen.add(entry);
            seen.notifyAll();
        }
    }

    private void await(final String entry) throws InterruptedException {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        synchronized (seen) {
            while (!seen.contains(entry) && System.nanoTime() < deadline) {
                seen.wait(100);
            }
        }
        assertTrue(seen.contains(entry), seen.toString());
    }

    @Test
    void theObserverSeesASessionFromConnectToCloseInOrder() throws Exception {
        try (var server = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(dir),
                InetAddress.getLoopbackAddress(), 0, observer)) {
            final FTPClient ftp = new FTPClient();
            ftp.setDefaultTimeout(10_000);
            ftp.connect(InetAddress.getLoopbackAddress(), server.port());
            final int port = ftp.getLocalPort();
            assertTrue(ftp.login("anonymous", "x@y"));
            ftp.logout();
            ftp.disconnect();
            await("1 closed");
            assertEquals(List.of("1 opened " + port, "1 S 220", "1 C USER anonymous", "1 S 331", "1 C PASS x@y",
                    "1 S 230", "1 C QUIT", "1 S 221", "1 closed"), seen);
        }
    }

    @Test
    void closingTheServerEndsTheOpenSessions() throws Exception {
        final var server = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(dir),
                InetAddress.getLoopbackAddress(), 0, observer);
        final FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(10_000);
        ftp.connect(InetAddress.getLoopbackAddress(), server.port());
        assertTrue(ftp.login("anonymous", "x@y"));
        server.close();
        assertTrue(server.awaitIdle(5_000), "sessions still open: " + server.sessions());
        assertEquals(0, server.sessions());
        assertEquals(List.of("1 S 421", "1 closed"), seen.subList(seen.size() - 2, seen.size()));
        // RFC 959 section 4.2: 421 may answer any command when the service shuts down.
        // Commons Net reports a 421 by throwing, with the code in its message.
        final var e = assertThrows(FTPConnectionClosedException.class, ftp::getReply);
        assertTrue(e.getMessage().contains("421"), e.getMessage());
        assertTrue(ftp.getReplyString().startsWith("421 Service not available, closing control connection."),
                ftp.getReplyString());
        ftp.disconnect();
    }
}
