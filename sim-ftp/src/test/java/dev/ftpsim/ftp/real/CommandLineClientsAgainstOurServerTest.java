package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP clients people actually type, curl and Python's ftplib, against our server engine over
 * loopback: list, download and upload in each data mode, contents checked byte for byte, and the
 * data setup command each client really sent checked in the server's log. Skipped where the tool
 * is not installed (both are on the CI machine).
 */
@Timeout(120)
class CommandLineClientsAgainstOurServerTest {

    @TempDir
    Path dir;
    private RealFtpServer server;
    private byte[] payload;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        payload = new byte[400_000];
        new Random(11).nextBytes(payload); // CR, LF and 0xFF bytes: binary mode must keep them
        Files.createDirectory(dir.resolve("pub"));
        Files.write(dir.resolve("pub/data.bin"), payload);
        Files.writeString(dir.resolve("pub/readme.txt"), "hello\n");
        server = RealFtpServer.start(ServerOptions.builder().users(Map.of("alice", "secret"))
                        .idleNanos(60_000_000_000L).dataConnectNanos(20_000_000_000L).build(),
                new DirectoryFileSystem(dir), InetAddress.getLoopbackAddress(), 0, new RealFtpServer.Observer() {
                    @Override
                    public void opened(final int session, final InetSocketAddress client) {}

                    @Override
                    public void received(final int session, final Input input) {
                        if (input instanceof Input.ControlBytes c) {
                            for (String l : new String(c.bytes(), StandardCharsets.ISO_8859_1).split("\r\n")) {
                                if (!l.isBlank()) {
                                    commands.add(l.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT));
                                }
                            }
                        }
                    }
                });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private String url(final String path) {
        return "ftp://127.0.0.1:" + server.port() + path;
    }

    private static boolean runs(final String... command) {
        try {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a client to completion; its exit status must be 0. Returns its standard output. */
    private String run(final List<String> command) throws Exception {
        final Path out = Files.createTempFile(dir, "out", ".txt");
        final Path err = Files.createTempFile(dir, "err", ".txt");
        final Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client hung: " + command);
        assertEquals(0, p.exitValue(), () -> command + " failed: " + read(err) + "\nserver saw: " + commands);
        return read(out);
    }

    private static String read(final Path f) {
        try {
            return Files.readString(f, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return e.toString();
        }
    }

    // ---- curl: EPSV first by default (since 7.x), PASV with --disable-epsv; -P sends EPRT, then PORT ----

    private void curlListDownloadUpload(final String... modeFlags) throws Exception {
        assumeTrue(runs("curl", "--version"), "curl is not installed");
        final List<String> base = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-u", "alice:secret"));
        base.addAll(Arrays.asList(modeFlags));

        final List<String> list = new ArrayList<>(base);
        list.add(url("/pub/"));
        final String listing = run(list);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("-") && l.endsWith(" data.bin")
                && l.contains(" " + payload.length + " ")), listing);

        final Path got = dir.resolve("got.bin");
        final List<String> get = new ArrayList<>(base);
        get.addAll(List.of("-o", got.toString(), url("/pub/data.bin")));
        run(get);
        assertArrayEquals(payload, Files.readAllBytes(got));

        final Path up = dir.resolve("local-up.bin");
        Files.write(up, Arrays.copyOf(payload, 123_457));
        final List<String> put = new ArrayList<>(base);
        put.addAll(List.of("-T", up.toString(), url("/pub/up.bin")));
        run(put);
        assertArrayEquals(Files.readAllBytes(up), Files.readAllBytes(dir.resolve("pub/up.bin")));
    }

    @Test
    void curlWorksInExtendedPassiveMode() throws Exception {
        curlListDownloadUpload();
        assertTrue(commands.contains("EPSV"), commands.toString());
        assertTrue(!commands.contains("PASV"), commands.toString());
    }

    @Test
    void curlWorksInPassiveModeWithPasv() throws Exception {
        curlListDownloadUpload("--disable-epsv");
        assertTrue(commands.contains("PASV") && !commands.contains("EPSV"), commands.toString());
    }

    @Test
    void curlWorksInActiveModeWithEprt() throws Exception {
        curlListDownloadUpload("-P", "127.0.0.1");
        assertTrue(commands.contains("EPRT") && !commands.contains("PORT"), commands.toString());
    }

    @Test
    void curlWorksInActiveModeWithPort() throws Exception {
        curlListDownloadUpload("-P", "127.0.0.1", "--disable-eprt");
        assertTrue(commands.contains("PORT") && !commands.contains("EPRT"), commands.toString());
    }

    // ---- Python's ftplib: PASV (or PORT with set_pasv(False)) for IPv4, as its source does ----

    private static final String FTPLIB = String.join("\n",
            "import ftplib, sys",
            "port, passive, got, up = int(sys.argv[1]), sys.argv[2] == 'passive', sys.argv[3], sys.argv[4]",
            "f = ftplib.FTP()",
            "f.connect('127.0.0.1', port, timeout=30)",
            "f.login('alice', 'secret')",
            "f.set_pasv(passive)",
            "f.cwd('/pub')",
            "print(f.pwd())",
            "print('\\n'.join(sorted(f.nlst())))",
            "with open(got, 'wb') as o:",
            "    f.retrbinary('RETR data.bin', o.write)",
            "with open(up, 'rb') as i:",
            "    f.storbinary('STOR up.bin', i)",
            "print(f.size('up.bin'))",
            "f.quit()");

    private void ftplibSession(final String mode) throws Exception {
        assumeTrue(runs("python3", "-c", "import ftplib"), "python3 is not installed");
        final Path script = dir.resolve("client.py");
        Files.writeString(script, FTPLIB);
        final Path got = dir.resolve("got.bin");
        final Path up = dir.resolve("local-up.bin");
        Files.write(up, Arrays.copyOf(payload, 99_999));
        final String out = run(List.of("python3", script.toString(), Integer.toString(server.port()), mode,
                got.toString(), up.toString()));
        assertEquals(List.of("/pub", "data.bin", "readme.txt", "99999"), out.lines().toList());
        assertArrayEquals(payload, Files.readAllBytes(got));
        assertArrayEquals(Files.readAllBytes(up), Files.readAllBytes(dir.resolve("pub/up.bin")));
    }

    @Test
    void pythonFtplibWorksInPassiveMode() throws Exception {
        ftplibSession("passive");
        assertTrue(commands.contains("PASV") && !commands.contains("PORT"), commands.toString());
    }

    @Test
    void pythonFtplibWorksInActiveMode() throws Exception {
        ftplibSession("active");
        assertTrue(commands.contains("PORT") && !commands.contains("PASV"), commands.toString());
    }
}
