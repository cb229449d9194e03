package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions are bounded as vsftpd bounds them (max_clients, then max_per_ip; prelogin.c
 * check_limits): a connection over a limit is answered 421 with vsftpd's text and closed by the
 * acceptor, without a thread of its own, so hundreds of idle connections neither starve a normal
 * client from another address nor grow the server's threads. Other client addresses are
 * 127.0.0.2 and 127.0.0.3: Linux routes all of 127.0.0.0/8 to the loopback interface.
 */
@Timeout(60)
class SessionsAreBoundedTest {

    private static final String TOO_MANY = "421 There are too many connected users, please try later.";
    private static final String TOO_MANY_HERE = "421 There are too many connections from your internet address.";

    @TempDir
    Path root;

    private static InetAddress loopback(final int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private RealFtpServer start(final int maxSessions, final int maxPerIp) throws Exception {
        return RealFtpServer.start(ServerOptions.builder().maxSessions(maxSessions).build(),
                new RealFtpServer.Limits(maxPerIp, 0), new DirectoryFileSystem(root, false),
                InetAddress.getLoopbackAddress(), 0, new RealFtpServer.Observer() {});
    }

    /** Threads of ftp servers and sessions in this JVM. */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ftp-") && t.isAlive()).count();
    }

    @Test
    void aConnectionOverTheServersLimitIsAnswered421AndClosed() throws Exception {
        try (var server = start(2, 0); var a = new RawFtp(server.port()); var b = new RawFtp(loopback(2), server.port());
             var c = new RawFtp(loopback(3), server.port())) {
            assertEquals(220, a.greeting.code());
            assertEquals(220, b.greeting.code());
            assertEquals(TOO_MANY, c.greeting.text());
            assertTrue(c.closedByServer());
            RawFtp.expect(221, a.cmd("QUIT"));
            a.closedByServer();
            for (int i = 0; i < 100 && server.sessions() > 1; i++) {
                Thread.sleep(20);
            }
            try (var d = new RawFtp(server.port())) {
                assertEquals(220, d.greeting.code()); // a slot is free again
            }
        }
    }

    @Test
    void aConnectionOverTheLimitPerAddressIsAnswered421AndClosedWhileOtherAddressesAreServed() throws Exception {
        try (var server = start(0, 2); var a = new RawFtp(server.port()); var b = new RawFtp(server.port());
             var c = new RawFtp(server.port()); var other = new RawFtp(loopback(2), server.port())) {
            assertEquals(220, a.greeting.code());
            assertEquals(220, b.greeting.code());
            assertEquals(TOO_MANY_HERE, c.greeting.text());
            assertTrue(c.closedByServer());
            assertEquals(220, other.greeting.code());
        }
    }

    @Test
    void with300IdleConnectionsOpenADownloadStillSucceedsAndServerThreadsStayBounded() throws Exception {
        final byte[] payload = new byte[1 << 20];
        new Random(5).nextBytes(payload);
        Files.write(root.resolve("file.bin"), payload);
        final long baseline = serverThreads();
        final List<RawFtp> idle = new ArrayList<>();
        try (var server = start(50, 10)) {
            int served = 0;
            int refused = 0;
            for (int i = 0; i < 300; i++) {
                final RawFtp r = new RawFtp(server.port());
                idle.add(r);
                if (r.greeting.code() == 220) {
                    served++;
                } else if (r.greeting.text().equals(TOO_MANY_HERE)) {
                    refused++;
                }
            }
            assertEquals(10, served);
            assertEquals(290, refused);
            // Per idle session: its loop and its control reader; plus the acceptor and the shared timer thread.
            final long threads = serverThreads() - baseline;
            assertTrue(threads <= 10 * 2 + 2, "server threads with 300 connections: " + threads);
            try (var client = new RawFtp(loopback(2), server.port()).anonymous()) {
                final RawFtp.Transfer t = client.download("RETR file.bin");
                assertEquals(226, t.last().code(), t.last().text());
                assertArrayEquals(payload, t.data());
            }
        } finally {
            for (final RawFtp r : idle) {
                r.close();
            }
        }
    }
}
