package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TYPE commands of a listing and two downloads on one connection, as recorded against a
 * scripted server: curl 7.88.1 ({@code curl ftp://h/d/ ftp://h/d/a ftp://h/d/b}) sent TYPE A before
 * LIST and TYPE I once (lib/ftp.c ftp_nb_type skips a type already set); Python 3.11 ftplib
 * (retrlines('LIST'), retrbinary twice) sent TYPE A before LIST and TYPE I before each RETR
 * (Lib/ftplib.py: retrlines and retrbinary each begin with voidcmd('TYPE ...')); lftp 4.9.2
 * ({@code ls; get a; get b}) sent no TYPE for LIST (the login's ASCII) and TYPE I once, and with
 * {@code get a; ls} TYPE A before the LIST.
 */
class EachClientSendsTypeAsItsProgramDoesTest {

    private static List<String> types(final String profile) {
        return types(profile, List.of(new ClientOp.List("", false), new ClientOp.Retr("/a"), new ClientOp.Retr("/b")));
    }

    private static List<String> types(final String profile, final List<ClientOp> ops) {
        final var fs = new MemoryFileSystem(0).file("/a", "x".getBytes(StandardCharsets.US_ASCII))
                .file("/b", "y".getBytes(StandardCharsets.US_ASCII));
        final var l = new Loopback(ServerOptions.builder().users(Map.of("u", "p")).build(), fs,
                ClientProfiles.of(profile).build(), java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(new ClientOp.Login("u", "p")), ops.stream()).toList());
        assertEquals(FailureReason.NONE, l.run().reason());
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line())
                .filter(c -> c.startsWith("TYPE") || c.startsWith("LIST") || c.startsWith("RETR")).toList();
    }

    @Test
    void curlSendsTypeABeforeAListingAndTypeIOnce() {
        // curl RETRs the file's own name after its CWDs (here none: the files are in the login folder)
        assertEquals(List.of("TYPE A", "LIST", "TYPE I", "RETR a", "RETR b"), types("curl"));
    }

    @Test
    void ftplibSendsTheTypeBeforeEveryTransfer() {
        assertEquals(List.of("TYPE A", "LIST", "TYPE I", "RETR /a", "TYPE I", "RETR /b"), types("python-ftplib"));
    }

    @Test
    void lftpListsInTheLoginsAsciiAndSendsTypeIOnce() {
        // lftp names a file relative to the folder PWD named (ftpclass.cc path_to_send)
        assertEquals(List.of("LIST", "TYPE I", "RETR a", "RETR b"), types("lftp"));
        assertEquals(List.of("TYPE I", "RETR a", "TYPE A", "LIST"),
                types("lftp", List.of(new ClientOp.Retr("/a"), new ClientOp.List("", false))));
    }
}
