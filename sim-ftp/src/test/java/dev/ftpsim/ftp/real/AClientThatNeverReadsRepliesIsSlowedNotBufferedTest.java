package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that pipelines commands and never reads the replies blocks the session on its replies;
 * the server then stops reading its commands (at most a megabyte is queued), so TCP slows the
 * client instead of the server buffering everything it sends.
 */
@Timeout(30)
class AClientThatNeverReadsRepliesIsSlowedNotBufferedTest {

    private static final long FLOOD = 256L << 20;

    @TempDir
    Path root;

    @Test
    void theServerStopsReadingLongBeforeTheClientHasSentEverything() throws Exception {
        try (var server = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(root, false), 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            final AtomicLong sent = new AtomicLong();
            final byte[] noops = "NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            final Thread writer = new Thread(() -> {
                try {
                    final OutputStream out = s.getOutputStream();
                    while (sent.get() < FLOOD) {
                        out.write(noops);
                        sent.addAndGet(noops.length);
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "flooding-client");
            writer.setDaemon(true);
            writer.start();
            long last = -1;
            for (int i = 0; i < 50 && sent.get() != last; i++) { // until the client's writes stop moving
                last = sent.get();
                Thread.sleep(200);
            }
            assertTrue(sent.get() < 64L << 20, "the server took " + (sent.get() >> 20) + " MiB of unread commands");
            s.close();
            writer.join(5_000);
        }
    }
}
