package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passive data connection the client opens, and uses, before its RETR or STOR: vsftpd accepts
 * it only when the transfer command comes (ftpdataio.c vsf_ftpdataio_get_pasv_fd, called from
 * postlogin.c handle_retr and handle_upload_common), so what the client did on it meanwhile is
 * still there to be read. A client that shut down its sending side first still gets the file;
 * bytes and the end of an upload sent before STOR are stored, not lost.
 */
@Timeout(30)
class ADataConnectionOpenedBeforeItsCommandTest {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    @TempDir
    Path root;

    /** Counts down when the server has taken the passive data connection (its reader then runs). */
    private final CountDownLatch accepted = new CountDownLatch(1);

    private RealFtpServer start(final ServerOptions options, final FileSystem fs) throws Exception {
        return RealFtpServer.start(options, RealFtpServer.Limits.VSFTPD, fs, InetAddress.getLoopbackAddress(), 0,
                new RealFtpServer.Observer() {
                    @Override
                    public void received(final int session, final Input input) {
                        if (input instanceof Input.DataConnected) {
                            accepted.countDown();
                        }
                    }
                });
    }

    private static Socket pasv(final RawFtp c) throws Exception {
        final Matcher m = PASV.matcher(RawFtp.expect(227, c.cmd("PASV")).text());
        if (!m.find()) {
            throw new AssertionError("no address in the 227");
        }
        final Socket data = new Socket();
        data.setSoTimeout(10_000);
        data.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6))), 10_000);
        return data;
    }

    @Test
    void aDataConnectionHalfClosedBeforeRetrStillCarriesTheFile() throws Exception {
        final byte[] file = "hello world\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(root.resolve("hello.txt"), file);
        try (var server = start(ServerOptions.builder().build(), new DirectoryFileSystem(root, false));
             var c = new RawFtp(server.port()).anonymous(); Socket data = pasv(c)) {
            data.shutdownOutput();
            accepted.await();
            RawFtp.expect(200, c.cmd("NOOP")); // a round trip more: the FIN is there well before the RETR
            assertEquals("150 Opening BINARY mode data connection for hello.txt (12 bytes).", c.cmd("RETR hello.txt").text());
            final ByteArrayOutputStream got = new ByteArrayOutputStream();
            data.getInputStream().transferTo(got);
            assertArrayEquals(file, got.toByteArray());
            assertEquals("226 Transfer complete.", c.reply().text());
        }
    }

    @Test
    void anUploadSentWholeBeforeStorIsStoredWhole() throws Exception {
        final byte[] upload = "sent before the STOR\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        try (var server = start(ServerOptions.builder().anonymousWrite(true).build(), new DirectoryFileSystem(root, true)); var c = new RawFtp(server.port()).anonymous();
             Socket data = pasv(c)) {
            data.getOutputStream().write(upload);
            data.shutdownOutput();
            accepted.await();
            RawFtp.expect(200, c.cmd("NOOP"));
            assertEquals("150 Ok to send data.", c.cmd("STOR up.txt").text());
            assertEquals("226 Transfer complete.", c.reply().text());
            assertArrayEquals(upload, Files.readAllBytes(root.resolve("up.txt")));
        }
    }
}
