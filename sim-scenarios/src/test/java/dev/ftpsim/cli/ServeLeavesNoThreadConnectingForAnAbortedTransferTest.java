package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * In active mode the server connects to the client; a client whose host drops those SYNs (here a
 * listener whose backlog is full, which Linux answers by dropping them) and then ABORs, over and
 * over, must not leave a thread and a socket connecting for each try until the connect timeout
 * (60 s): the abort ends the connect at once. {@code serve} runs in this JVM, so the test waits
 * for the end of each try's connecting thread itself ({@link Thread#join}): were a connect left
 * running, the first join would outlast the test's timeout, well under the 60 s.
 */
@Timeout(30)
class ServeLeavesNoThreadConnectingForAnAbortedTransferTest {

    private static final int TRIES = 100;
    /** The name of the thread that makes an active data connection (Pump.connect). */
    private static final String CONNECTING = "ftp-data-connect";
    private static final Pattern URL = Pattern.compile("ftp://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    /** Connecting threads alive now that were not alive before the test. */
    private static List<Thread> connecting(final Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(CONNECTING) && !before.contains(t)).toList();
    }

    @Test
    void abortedActiveConnectsEndAtOnce() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        final Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        final ServeCommand serve = new ServeCommand();
        final CountDownLatch banner = new CountDownLatch(1);
        final StringWriter out = new StringWriter() {
            @Override
            public void flush() {
                if (URL.matcher(toString()).find()) {
                    banner.countDown(); // the banner is flushed once printed
                }
            }
        };
        final CommandLine cl = Main.commandLine();
        cl.getCommandSpec().removeSubcommand("serve");
        cl.addSubcommand(serve);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        final Thread server = new Thread(() -> {
            cl.execute("serve", "--port", "0", "--root", root.toString());
            banner.countDown(); // ended without a banner: the assertion below says so
        }, "serve-under-test");
        server.start();
        final List<SocketChannel> fill = new ArrayList<>();
        try {
            banner.await();
            final Matcher m = URL.matcher(out.toString());
            assertTrue(m.find(), out::toString);
            try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 var c = new RawClient(Integer.parseInt(m.group(1))).anonymous()) {
                final InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), deaf.getLocalPort());
                for (int i = 0; i < 4; i++) { // fill the backlog, never accepted
                    final SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(at);
                    fill.add(ch);
                }
                final int p = deaf.getLocalPort();
                for (int i = 0; i < TRIES; i++) {
                    RawClient.expect("200 ", c.cmd("PORT 127,0,0,1," + (p >> 8) + "," + (p & 255)));
                    c.send("RETR hello.txt\r\nABOR\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("426 Connection closed; transfer aborted.", c.reply(), out::toString);
                    assertEquals("226 ABOR successful.", c.reply());
                    // The connect started before the 426 was sent; the ABOR ended it: its thread ends.
                    for (final Thread t : connecting(before)) {
                        t.join();
                    }
                }
                assertEquals(List.of(), connecting(before));
                assertEquals("200 NOOP ok.", c.cmd("NOOP"));
            }
        } finally {
            for (final SocketChannel ch : fill) {
                ch.close();
            }
            serve.stop();
            server.join();
        }
    }
}
