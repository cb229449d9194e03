package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In active mode the server connects to the client; a client whose host drops those SYNs (here a
 * listener whose backlog is full, which Linux answers by dropping them) and then ABORs, over and
 * over, must not leave a thread and a socket connecting for each try until the connect timeout
 * (60 s): the abort ends the connect at once, so the server's threads stay bounded.
 */
@Timeout(120)
class ServeLeavesNoThreadConnectingForAnAbortedTransferTest {

    private static final int TRIES = 100;

    @TempDir
    Path dir;

    private static int threads(final long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return (int) tasks.count();
        }
    }

    @Test
    void abortedActiveConnectsEndAtOnce() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        final List<SocketChannel> fill = new ArrayList<>();
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of(), Map.of(), "--root", root.toString());
             ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var c = new RawClient(serve.port).anonymous()) {
            final InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), deaf.getLocalPort());
            for (int i = 0; i < 4; i++) { // fill the backlog, never accepted
                final SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(at);
                fill.add(ch);
            }
            final long pid = serve.process.pid();
            final int before = threads(pid);
            final int p = deaf.getLocalPort();
            for (int i = 0; i < TRIES; i++) {
                RawClient.expect("200 ", c.cmd("PORT 127,0,0,1," + (p >> 8) + "," + (p & 255)));
                c.send("RETR hello.txt\r\nABOR\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("426 Connection closed; transfer aborted.", c.reply(), serve.log());
                assertEquals("226 ABOR successful.", c.reply());
            }
            int after = threads(pid);
            for (int i = 0; i < 100 && after > before + 10; i++) { // closed connects end on their own threads
                Thread.sleep(100);
                after = threads(pid);
            }
            assertTrue(after <= before + 10, "threads before " + before + ", after " + TRIES + " aborted connects " + after);
            assertEquals("200 NOOP ok.", c.cmd("NOOP"));
        } finally {
            for (final SocketChannel ch : fill) {
                ch.close();
            }
        }
    }
}
