package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim serve} as a real process: a termination signal (what Ctrl-C and {@code kill}
 * send; SIGTERM here, since a test runner may start children with SIGINT ignored) closes the
 * open session and the listener, and the process exits with status 0.
 */
@Timeout(60)
class ServeStopsOnASignalTest {

    @TempDir
    Path dir;

    @Test
    void aSignalClosesTheOpenSessionAndExitsWithStatus0() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        final Path log = dir.resolve("serve.log"); // a file, not a pipe: the JDK may close a pipe under a reader at exit
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeProcessMain.class.getName(), "serve", "--port", "0", "--root", root.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final FTPClient ftp = new FTPClient();
        try {
            String port = null;
            for (int i = 0; i < 400 && port == null; i++) {
                Thread.sleep(50);
                final Matcher m = Pattern.compile("ftp://127\\.0\\.0\\.1:(\\d+)/").matcher(Files.readString(log));
                port = m.find() ? m.group(1) : null;
            }
            assertNotNull(port, Files.readString(log));
            ftp.setDefaultTimeout(10_000);
            ftp.connect(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
            assertTrue(ftp.login("anonymous", "x@y"));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop");
            final String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("#1 127.0.0.1:" + ftp.getLocalPort() + " closed"), out);
            assertTrue(out.contains("S: 421 Service not available"), out);
            assertTrue(assertThrows(FTPConnectionClosedException.class, ftp::getReply).getMessage().contains("421"));
            assertTrue(out.endsWith("ftpsim serve: stopped\n"), out);
        } finally {
            p.destroyForcibly();
            ftp.disconnect();
        }
    }
}
