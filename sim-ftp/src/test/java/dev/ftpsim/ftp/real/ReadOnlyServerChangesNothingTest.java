package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without write permission, every verb that writes is answered 550 "Permission denied." (vsftpd
 * postlogin.c, FTP_NOPERM) before the disk is touched: the served tree is byte-identical after a
 * session that tried them all, names, sizes, contents and modification times.
 */
@Timeout(30)
class ReadOnlyServerChangesNothingTest {

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws Exception {
        Files.writeString(root.resolve("a.txt"), "alpha\n");
        Files.createDirectories(root.resolve("full/inner"));
        Files.writeString(root.resolve("full/b.txt"), "beta\n");
        Files.createDirectory(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
        for (final Path p : List.of(root.resolve("a.txt"), root.resolve("full/b.txt"), root.resolve("empty"),
                root.resolve("full/inner"), root.resolve("full"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
        }
    }

    private static final List<String> WRITING = List.of(
            "DELE a.txt", "DELE link", "DELE /full/b.txt", "RMD empty", "XRMD empty", "RMD full",
            "MKD new", "XMKD new", "MKD /full/new", "RNFR a.txt", "RNTO b.txt", "SITE CHMOD 777 a.txt",
            "SITE UMASK 000", "STOU");

    private void triesEverything(final ServerOptions options, final DirectoryFileSystem fs, final String user,
                                 final String password) throws Exception {
        final String before = TreeDigest.of(root);
        try (var server = RealFtpServer.start(options, fs, 0); var c = new RawFtp(server.port())) {
            RawFtp.expect(331, c.cmd("USER " + user));
            RawFtp.expect(230, c.cmd("PASS " + password));
            for (final String line : WRITING) {
                final RawFtp.Reply r = c.cmd(line);
                assertEquals(550, r.code(), line + ": " + r);
                assertEquals("550 Permission denied.", r.text(), line);
            }
            for (final String verb : List.of("STOR a.txt", "STOR new.txt", "APPE a.txt", "STOU")) {
                final RawFtp.Transfer t = c.upload(verb, "overwritten".getBytes(StandardCharsets.US_ASCII));
                assertEquals("550 Permission denied.", t.first().text(), verb);
            }
            RawFtp.expect(221, c.cmd("QUIT"));
        }
        assertEquals(before, TreeDigest.of(root));
    }

    @Test
    void anAnonymousSessionTryingEveryWritingVerbLeavesTheTreeByteIdentical() throws Exception {
        triesEverything(ServerOptions.builder().build(), new DirectoryFileSystem(root, false), "anonymous", "x@y");
    }

    @Test
    void theEngineRefusesBeforeAskingTheFileSystemEvenWhenTheFileSystemWouldWrite() throws Exception {
        triesEverything(ServerOptions.builder().build(), new DirectoryFileSystem(root, true), "anonymous", "x@y");
    }

    @Test
    void aReadOnlyFileSystemRefusesEvenAUserAllowedToWrite() throws Exception {
        final String before = TreeDigest.of(root);
        final var options = ServerOptions.builder().users(Map.of("user", "pw")).build();
        try (var server = RealFtpServer.start(options, new DirectoryFileSystem(root, false), 0);
             var c = new RawFtp(server.port())) {
            RawFtp.expect(331, c.cmd("USER user"));
            RawFtp.expect(230, c.cmd("PASS pw"));
            assertEquals(550, c.cmd("DELE a.txt").code());
            assertEquals(550, c.cmd("RMD empty").code());
            assertEquals(550, c.cmd("MKD new").code());
            assertEquals(550, c.cmd("RNFR a.txt").code() == 350 ? c.cmd("RNTO z.txt").code() : 550);
            assertEquals(553, c.upload("STOR a.txt", new byte[] {1}).first().code());
        }
        assertEquals(before, TreeDigest.of(root));
    }
}
