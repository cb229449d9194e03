package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download ends with 226 only when the whole file went out: a client that resets the data
 * connection midway is told 426 (vsftpd's "Failure writing network stream.", postlogin.c
 * handle_retr), and a client that only shuts down its own sending side, as it may once it has
 * nothing to send, still gets every byte before the 226, as does one that closes its command side.
 */
@Timeout(60)
class ServeReportsADownloadTheClientCutTest {

    /** Far more than loopback socket buffers hold, so the server is still writing when the client cuts. */
    private static final long SIZE = 64L << 20;

    @TempDir
    Path dir;

    private ServeProcess serve() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            f.setLength(SIZE); // sparse: quick to make and to read
        }
        return ServeProcess.start(dir.resolve("serve.log"), List.of(), Map.of(), "--root", root.toString());
    }

    @Test
    void aDataConnectionResetMidwayIsAnswered426NotTransferComplete() throws Exception {
        try (var serve = serve(); var c = new RawClient(serve.port).anonymous()) {
            try (Socket data = c.pasv()) {
                RawClient.expect("150 ", c.cmd("RETR big.bin"));
                data.getInputStream().readNBytes(64 * 1024);
                data.setSoLinger(true, 0); // close with RST, as a client killed midway does
            }
            assertEquals("426 Failure writing network stream.", c.reply(), serve.log());
            assertEquals("200 NOOP ok.", c.cmd("NOOP"));
        }
    }

    @Test
    void aClientThatShutsDownItsSendingSideStillGetsTheWholeFile() throws Exception {
        try (var serve = serve(); var c = new RawClient(serve.port).anonymous()) {
            long got = 0;
            try (Socket data = c.pasv()) {
                RawClient.expect("150 ", c.cmd("RETR big.bin"));
                data.shutdownOutput(); // FIN: "I send nothing", not "stop sending"
                final InputStream in = data.getInputStream();
                final byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got += n;
                }
            }
            assertEquals(SIZE, got, serve.log());
            assertEquals("226 Transfer complete.", c.reply());
        }
    }

    @Test
    void aClientThatClosesItsCommandSideAfterRetrStillGetsTheWholeFileAndItsReply() throws Exception {
        // as a script piped into nc does: vsftpd reads no command during a transfer
        try (var serve = serve(); var c = new RawClient(serve.port).anonymous()) {
            long got = 0;
            try (Socket data = c.pasv()) {
                RawClient.expect("150 ", c.cmd("RETR big.bin"));
                c.control.shutdownOutput();
                final InputStream in = data.getInputStream();
                final byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got += n;
                }
            }
            assertEquals(SIZE, got, serve.log());
            assertEquals("226 Transfer complete.", c.reply());
            assertEquals(null, c.reply()); // then the session ends
        }
    }
}
