package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ftpsim serve} on loopback, an ephemeral port, with Apache Commons Net's FTPClient as the
 * user's client: listings and downloads in each data mode, the log a user reads, and bad options.
 */
@Timeout(60)
class ServeCommandTest {

    private static final Pattern URL = Pattern.compile("ftp://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;
    private byte[] payload;
    /** The command's stdout; writers wake {@link #awaitOutput} instead of it polling. */
    private final StringWriter out = new StringWriter() {
        @Override
        public void write(final String str, final int off, final int len) {
            synchronized (this) {
                super.write(str, off, len);
                notifyAll();
            }
        }

        @Override
        public void write(final char[] cbuf, final int off, final int len) {
            synchronized (this) {
                super.write(cbuf, off, len);
                notifyAll();
            }
        }
    };
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final ServeCommand serve = new ServeCommand();
    private Thread thread;
    private final FTPClient ftp = new FTPClient();

    @BeforeEach
    void files() throws IOException {
        payload = new byte[200_000];
        new Random(3).nextBytes(payload); // binary bytes, CR/LF included: TYPE I keeps them
        Files.write(dir.resolve("file.bin"), payload);
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
    }

    @AfterEach
    void stop() throws Exception {
        if (ftp.isConnected()) {
            ftp.disconnect();
        }
        if (thread != null) {
            serve.stop();
            thread.join(10_000);
            assertFalse(thread.isAlive(), "serve did not stop");
        }
    }

    private int execute(final String... args) {
        final CommandLine cl = Main.commandLine();
        // Our own instance, so the test can stop it.
        cl.getCommandSpec().removeSubcommand("serve");
        cl.addSubcommand(serve);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        final String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    /** Starts serve in a thread and returns the port its banner announces. */
    private int start(final String... args) throws InterruptedException {
        thread = new Thread(() -> {
            exit.set(execute(args));
            synchronized (out) {
                out.notifyAll(); // wake a waiter: the command ended
            }
        }, "serve-under-test");
        thread.start();
        awaitOutput(text -> URL.matcher(text).find() || !thread.isAlive());
        final Matcher m = URL.matcher(out.toString());
        assertTrue(m.find(), () -> "serve ended without a banner: " + out + err);
        return Integer.parseInt(m.group(1));
    }

    /** Waits (up to 10 s) until the output satisfies {@code done}. */
    private void awaitOutput(final java.util.function.Predicate<String> done) throws InterruptedException {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (out) {
            while (!done.test(out.toString()) && System.nanoTime() < deadline) {
                out.wait(100);
            }
        }
    }

    private void login(final int port) throws IOException {
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(10_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(10));
        ftp.connect(InetAddress.getLoopbackAddress(), port);
        ftp.setSoTimeout(10_000);
        assertTrue(ftp.login("anonymous", "secret@example.org"), ftp.getReplyString());
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE));
    }

    private void listAndDownload() throws IOException {
        final FTPFile[] files = ftp.listFiles("/");
        assertEquals(2, files.length, Arrays.toString(files));
        final FTPFile f = Arrays.stream(files).filter(x -> x.getName().equals("file.bin")).findFirst().orElseThrow();
        assertEquals(payload.length, f.getSize());
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("/file.bin", got), ftp.getReplyString());
        assertArrayEquals(payload, got.toByteArray());
    }

    private String log() {
        return out.toString();
    }

    @Test
    void aClientListsAndDownloadsInPassiveMode() throws Exception {
        login(start("--port", "0", "--root", dir.toString()));
        ftp.enterLocalPassiveMode();
        listAndDownload();
        assertTrue(log().contains(" C: PASV"), log());
        assertTrue(log().contains(" S: 227 Entering Passive Mode (127,0,0,1,"), log());
    }

    @Test
    void aClientListsAndDownloadsInExtendedPassiveMode() throws Exception {
        login(start("--port", "0", "--root", dir.toString()));
        ftp.enterLocalPassiveMode();
        ftp.setUseEPSVwithIPv4(true);
        listAndDownload();
        assertTrue(log().contains(" C: EPSV"), log());
        assertTrue(log().contains(" S: 229 "), log());
    }

    @Test
    void aClientListsAndDownloadsInActiveMode() throws Exception {
        login(start("--port", "0", "--root", dir.toString()));
        ftp.enterLocalActiveMode();
        listAndDownload();
        assertTrue(log().contains(" C: PORT 127,0,0,1,"), log());
        assertTrue(log().contains(" data: connecting to 127.0.0.1:"), log());
    }

    @Test
    void theLogShowsEachCommandAndReplyWithSessionAndClientButNeverThePassword() throws Exception {
        final int port = start("--port", "0", "--root", dir.toString());
        login(port);
        final String client = "127.0.0.1:" + ftp.getLocalPort();
        ftp.logout();
        ftp.disconnect();
        awaitOutput(text -> text.contains(client + " closed"));
        final String log = log();
        assertTrue(log.contains("ftp://127.0.0.1:" + port + "/ serving " + dir.toAbsolutePath().normalize()), log);
        assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} #1 " + Pattern.quote(client)
                + " C: USER anonymous$").matcher(log).find(), log);
        assertTrue(log.contains("#1 " + client + " S: 220 (vsFTPd 3.0.5)"), log);
        assertTrue(log.contains("#1 " + client + " C: PASS ****"), log);
        assertTrue(log.contains("#1 " + client + " S: 230 "), log);
        assertTrue(log.contains("#1 " + client + " C: QUIT"), log);
        assertTrue(log.contains("#1 " + client + " S: 221 "), log);
        assertTrue(log.contains("#1 " + client + " closed"), log);
        assertFalse(log.contains("secret@example.org"), log);
    }

    @Test
    void uploadsAreRefusedUnlessWritable() throws Exception {
        login(start("--port", "0", "--root", dir.toString()));
        ftp.enterLocalPassiveMode();
        assertFalse(ftp.storeFile("/new.txt", new ByteArrayInputStream(new byte[] {1, 2})));
        assertEquals(550, ftp.getReplyCode(), ftp.getReplyString());
        assertFalse(Files.exists(dir.resolve("new.txt")));
    }

    @Test
    void theLogPrintsNoControlCharacterAClientSentEvenWhereAReplyEchoesIt() throws Exception {
        // proftpd's 331 echoes the user name: an escape sequence would reach the operator's terminal
        try (var c = new RawClient(start("--port", "0", "--root", dir.toString(), "--profile", "proftpd"))) {
            assertEquals("331 Password required for a\u001b[2Jb", c.cmd("USER a\u001b[2Jb"));
            final String who = "127.0.0.1:" + c.control.getLocalPort();
            assertEquals("221 Goodbye.", c.cmd("QUIT"));
            awaitOutput(text -> text.contains(who + " closed"));
        }
        assertTrue(log().contains(" S: 331 Password required for a?[2Jb"), log());
        assertFalse(log().contains("\u001b"), log());
    }

    @Test
    void everyWritingCommandIsRefused550EvenWithoutADataSetup() throws Exception {
        // vsftpd postlogin.c answers them all "550 Permission denied." before any data check
        try (var c = new RawClient(start("--port", "0", "--root", dir.toString())).anonymous()) {
            for (final String cmd : new String[] {"STOR new.txt", "APPE hello.txt", "DELE hello.txt", "MKD d",
                "RMD d", "RNFR hello.txt"}) {
                assertEquals("550 Permission denied.", c.cmd(cmd), cmd);
            }
        }
        assertFalse(Files.exists(dir.resolve("new.txt")));
    }

    @Test
    void uploadsWorkWithWritable() throws Exception {
        login(start("--port", "0", "--root", dir.toString(), "--writable"));
        ftp.enterLocalPassiveMode();
        assertTrue(ftp.storeFile("/new.bin", new ByteArrayInputStream(payload)), ftp.getReplyString());
        ftp.logout();
        awaitOutput(text -> text.contains(" closed")); // the session, and so the file, is closed
        assertArrayEquals(payload, Files.readAllBytes(dir.resolve("new.bin")));
    }

    @Test
    void theProftpdProfileStillAllowsAnonymousLoginAndActiveMode() throws Exception {
        login(start("--port", "0", "--root", dir.toString(), "--profile", "proftpd", "--passive-ports", "40000-40100"));
        assertTrue(log().contains("S: 220 ProFTPD"), log());
        ftp.enterLocalActiveMode();
        listAndDownload();
    }

    @Test
    void stoppingEndsTheCommandWithStatus0() throws Exception {
        login(start("--port", "0", "--root", dir.toString()));
        serve.stop();
        thread.join(10_000);
        assertEquals(0, exit.get());
        assertTrue(log().contains("ftpsim serve: stopped"), log());
        assertTrue(log().contains(" closed"), log()); // the open session was closed too
        assertTrue(log().contains("S: 421 Service not available, closing control connection."), log());
        // The client is told why, not just cut off (Commons Net throws on 421, naming it).
        assertTrue(assertThrows(FTPConnectionClosedException.class, ftp::getReply).getMessage().contains("421"));
    }

    @Test
    void aRootThatIsNotADirectoryExitsWith2AndSaysSo() {
        final Path missing = dir.resolve("nope");
        assertEquals(2, execute("--port", "0", "--root", missing.toString()));
        assertTrue(err.toString().startsWith("--root " + missing + ": not a directory"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertFalse(log().contains("ftp://"), log());
    }

    @Test
    void aPortOutOfRangeExitsWith2AndSaysSo() {
        assertEquals(2, execute("--port", "70000", "--root", dir.toString()));
        assertTrue(err.toString().startsWith("--port 70000: must be 0..65535"), err.toString());
    }

    @Test
    void aBadPassivePortRangeExitsWith2AndSaysSo() {
        assertEquals(2, execute("--port", "0", "--passive-ports", "30000-20000"));
        assertTrue(err.toString().startsWith("--passive-ports 30000-20000: expected LO-HI"), err.toString());
    }

    @Test
    void aBindAddressThatIsNotAnIpv4LiteralExitsWith2AndSaysSo() {
        assertEquals(2, execute("--port", "0", "--bind", "localhost"));
        assertTrue(err.toString().startsWith("--bind localhost: expected an IPv4 address"), err.toString());
    }

    /** Reads one reply line from a raw control connection. */
    private static String line(final java.io.InputStream in) throws IOException {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int ch; (ch = in.read()) >= 0 && ch != '\n'; ) {
            b.write(ch);
        }
        return b.toString(java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    }

    @Test
    void anIdleConnectionIsClosedWith421TimeoutEvenBeforeLogin() throws Exception {
        final int port = start("--port", "0", "--root", dir.toString(), "--idle-timeout", "1");
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            assertTrue(line(s.getInputStream()).startsWith("220 "));
            assertEquals("421 Timeout.", line(s.getInputStream())); // vsftpd idle_session_timeout's reply
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void aConnectionOverMaxPerIpIsAnswered421AndTheLogSaysSo() throws Exception {
        final int port = start("--port", "0", "--root", dir.toString(), "--max-per-ip", "1");
        login(port);
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            assertEquals("421 There are too many connections from your internet address.", line(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
            final String who = "127.0.0.1:" + s.getLocalPort();
            awaitOutput(text -> text.contains(who + " refused"));
            assertTrue(log().contains(who + " refused: 421 There are too many connections"), log());
        }
        listAndDownload(); // the first session is unaffected
    }

    @Test
    void aFailedPasswordIsAnsweredAfterTheConfiguredDelay() throws Exception {
        final int port = start("--port", "0", "--root", dir.toString(), "--failed-login-delay", "0.3");
        ftp.connect(InetAddress.getLoopbackAddress(), port);
        ftp.setSoTimeout(10_000);
        final long t0 = System.nanoTime();
        assertFalse(ftp.login("root", "guess"));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "answered too early");
        assertEquals(530, ftp.getReplyCode());
    }

    @Test
    void badLimitsExitWith2AndSayWhich() {
        assertEquals(2, execute("--port", "0", "--max-sessions", "-1"));
        assertTrue(err.toString().startsWith("--max-sessions -1: must be 0 (unlimited) or more"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, execute("--port", "0", "--idle-timeout", "0"));
        assertTrue(err.toString().startsWith("--idle-timeout 0: must be 1 second or more"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, execute("--port", "0", "--failed-login-delay", "-1"));
        assertTrue(err.toString().startsWith("--failed-login-delay -1.0: must be 0..3600 seconds"), err.toString());
    }

    @Test
    void helpShowsExamples() {
        assertEquals(0, execute("--help"));
        assertTrue(log().contains("ftpsim serve --root ./pub"), log());
        assertTrue(log().contains("curl ftp://127.0.0.1:2121/file.txt"), log());
        for (final String option : new String[] {"--max-sessions", "--max-per-ip", "--idle-timeout",
            "--failed-login-delay"}) {
            assertTrue(log().contains(option), option + " missing from\n" + log());
        }
    }
}
