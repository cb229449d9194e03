package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writable server never reads or writes outside its root, whatever symbolic links inside it
 * point to (vsftpd's chroot), while links that stay inside keep working. DELE of a link removes
 * the link, never its target.
 */
@Timeout(30)
class ServerStaysInsideItsRootTest {

    @TempDir
    Path dir;
    private Path root;
    private Path outside;
    private RealFtpServer server;
    private RawFtp c;

    @BeforeEach
    void tree() throws Exception {
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET\n");
        Files.createDirectory(outside.resolve("sub"));
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("pub.txt"), "public\n");
        Files.createDirectory(root.resolve("inner"));
        Files.writeString(root.resolve("inner/in.txt"), "inside\n");
        Files.createSymbolicLink(root.resolve("out"), Path.of("../outside"));          // a folder outside
        Files.createSymbolicLink(root.resolve("passwd"), outside.resolve("secret.txt")); // a file outside
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("../outside/new.txt"));
        Files.createSymbolicLink(root.resolve("good"), Path.of("pub.txt"));             // inside
        Files.createSymbolicLink(root.resolve("gooddir"), Path.of("inner"));
        server = RealFtpServer.start(ServerOptions.builder().anonymousWrite(true).mlst(true).build(),
                new DirectoryFileSystem(root, true), 0);
        c = new RawFtp(server.port()).anonymous();
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private static String text(final RawFtp.Transfer t) {
        return new String(t.data(), StandardCharsets.UTF_8);
    }

    @Test
    void readsThroughLinksLeavingTheRootAreRefused() throws Exception {
        final String outsideBefore = TreeDigest.of(outside);
        assertEquals(550, c.download("RETR passwd").first().code());
        assertEquals(550, c.download("RETR out/secret.txt").first().code());
        assertEquals(550, c.download("RETR /out/../out/secret.txt").first().code());
        assertEquals(550, c.cmd("SIZE passwd").code());
        assertEquals(550, c.cmd("MDTM out/secret.txt").code());
        assertEquals(550, c.cmd("CWD out").code());
        assertEquals(550, c.cmd("MLST passwd").code());
        assertEquals(550, c.download("MLSD out").first().code());
        assertFalse(text(c.download("NLST out")).contains("secret"));
        assertFalse(text(c.download("LIST out")).contains("secret"));
        final String listing = text(c.download("NLST"));
        assertFalse(listing.contains("passwd") || listing.contains("out\r\n"), listing); // not shown: not servable
        assertTrue(listing.contains("pub.txt"), listing);
        assertEquals(outsideBefore, TreeDigest.of(outside));
    }

    @Test
    void linksThatStayInsideKeepWorking() throws Exception {
        assertArrayEquals("public\n".getBytes(StandardCharsets.US_ASCII), c.download("RETR good").data());
        assertEquals("213 7", c.cmd("SIZE good").text());
        assertTrue(text(c.download("NLST gooddir")).contains("in.txt"));
        assertEquals(250, c.cmd("CWD gooddir").code());
        assertArrayEquals("inside\n".getBytes(StandardCharsets.US_ASCII), c.download("RETR in.txt").data());
        assertEquals(226, c.upload("STOR /gooddir/up.txt", new byte[] {7}).last().code());
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(root.resolve("inner/up.txt")));
    }

    @Test
    void writesThroughLinksLeavingTheRootAreRefused() throws Exception {
        final String outsideBefore = TreeDigest.of(outside);
        assertEquals(553, c.upload("STOR out/new.txt", new byte[] {1}).first().code());
        assertEquals(553, c.upload("STOR passwd", new byte[] {1}).first().code());
        assertEquals(553, c.upload("APPE passwd", new byte[] {1}).first().code());
        assertEquals(553, c.upload("STOR dangling", new byte[] {1}).first().code()); // would create outside/new.txt
        assertEquals(550, c.cmd("MKD out/newdir").code());
        assertEquals(550, c.cmd("RMD out/sub").code());
        assertEquals(550, c.cmd("DELE out/secret.txt").code());
        // Rename out: the target's folder is outside.
        assertEquals(350, c.cmd("RNFR pub.txt").code());
        assertEquals(550, c.cmd("RNTO out/moved.txt").code());
        assertTrue(Files.exists(root.resolve("pub.txt")));
        // Rename in: the source is outside.
        assertEquals(550, c.cmd("RNFR out/secret.txt").code());
        assertEquals(503, c.cmd("RNTO stolen.txt").code());
        assertEquals(550, c.cmd("RNFR passwd").code());
        assertFalse(Files.exists(root.resolve("stolen.txt")));
        assertEquals(outsideBefore, TreeDigest.of(outside));
    }

    @Test
    void deletingALinkRemovesTheLinkNotItsTarget() throws Exception {
        assertEquals(250, c.cmd("DELE passwd").code());
        assertFalse(Files.exists(root.resolve("passwd"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("SECRET\n", Files.readString(outside.resolve("secret.txt")));
        assertEquals(550, c.cmd("RMD out").code()); // rmdir(2) refuses a link
        assertTrue(Files.isDirectory(outside.resolve("sub")));
    }

    @Test
    void renamesInsideTheRootStillWork() throws Exception {
        assertEquals(350, c.cmd("RNFR pub.txt").code());
        assertEquals(250, c.cmd("RNTO gooddir/moved.txt").code());
        assertEquals("public\n", Files.readString(root.resolve("inner/moved.txt")));
        assertEquals(257, c.cmd("MKD gooddir/made").code());
        assertTrue(Files.isDirectory(root.resolve("inner/made")));
    }
}
