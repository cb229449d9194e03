package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file on disk may have a CR or LF in its name. Listings show it as '?' (as {@code ls -q}), so
 * the name stays on its own line: it cannot pass for two entries in NLST or LIST, nor start a
 * reply line of its own in STAT's reply, which is answered like any other folder's.
 */
@Timeout(60)
class ServeListsANameWithALineBreakOnOneLineTest {

    @TempDir
    Path dir;

    private static byte[] transfer(final RawClient c, final String command) throws Exception {
        final byte[] got;
        try (Socket data = c.pasv()) {
            RawClient.expect("150 ", c.cmd(command));
            got = data.getInputStream().readAllBytes();
        }
        RawClient.expect("226 ", c.reply());
        return got;
    }

    @Test
    void namesWithCrOrLfStayOnOneLineInNlstListAndStat() throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        Files.writeString(root.resolve("a\n226 injected"), "x");
        Files.writeString(root.resolve("b\rc"), "y");
        Files.writeString(root.resolve("ok.txt"), "z");
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of(), Map.of(), "--root", root.toString());
             var c = new RawClient(serve.port).anonymous()) {
            assertEquals("a?226 injected\r\nb?c\r\nok.txt\r\n",
                    new String(transfer(c, "NLST"), StandardCharsets.ISO_8859_1));
            final String[] list = new String(transfer(c, "LIST"), StandardCharsets.ISO_8859_1).split("\r\n");
            assertEquals(3, list.length, String.join("|", list));
            assertTrue(list[0].endsWith(" a?226 injected"), list[0]);
            final String[] stat = c.cmd("STAT /").split("\r\n");
            // vsftpd 3.0.3 lists a folder's "." and ".." first
            assertEquals(7, stat.length, String.join("|", stat) + "\n" + serve.log());
            assertEquals("213-Status follows:", stat[0]);
            assertTrue(stat[1].endsWith(" .") && stat[2].endsWith(" .."), stat[1] + stat[2]);
            assertTrue(stat[3].endsWith(" a?226 injected"), stat[3]);
            assertTrue(stat[4].endsWith(" b?c"), stat[4]);
            assertEquals("213 End of status", stat[6]);
        }
    }
}
