package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload the disk could not hold whole (here a file size limit, as a full disk would) is
 * answered vsftpd's "451 Failure writing to local file." (postlogin.c handle_upload_common), not
 * 226: the client must not believe its file arrived. One that fits still gets 226.
 */
@Timeout(60)
class ServeReportsAnUploadTheDiskCouldNotHoldTest {

    /** The server's file size limit, in ulimit's 1024-byte blocks. */
    private static final int LIMIT_BLOCKS = 64;

    @TempDir
    Path dir;

    private static String upload(final RawClient c, final String name, final int size) throws Exception {
        try (Socket data = c.pasv()) {
            RawClient.expect("150 ", c.cmd("STOR " + name));
            data.getOutputStream().write(new byte[size]);
        }
        return c.reply();
    }

    @Test
    void anUploadCutByAFileSizeLimitIsAnswered451() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        // The JVM ignores SIGXFSZ, so a write past the limit fails with EFBIG as on a full disk.
        final List<String> limited = List.of("bash", "-c", "ulimit -f " + LIMIT_BLOCKS + " && exec \"$0\" \"$@\"");
        try (var serve = ServeProcess.startUnder(limited, dir.resolve("serve.log"), List.of(), Map.of(),
                "--root", root.toString(), "--writable"); var c = new RawClient(serve.port).anonymous()) {
            assertEquals("226 Transfer complete.", upload(c, "small.bin", 1000), serve.log());
            assertEquals("451 Failure writing to local file.", upload(c, "big.bin", 4 * LIMIT_BLOCKS * 1024),
                    serve.log());
            assertEquals("200 NOOP ok.", c.cmd("NOOP"));
        }
        assertEquals(1000, Files.size(root.resolve("small.bin")));
    }
}
