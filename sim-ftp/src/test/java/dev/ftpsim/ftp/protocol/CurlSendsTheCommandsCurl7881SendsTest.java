package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The curl profile sends what curl 7.88.1 sends (recorded against a scripted server that logs
 * every command; lib/ftp.c): PWD after login, one CWD per folder of the URL path, the data setup,
 * and only then TYPE I, SIZE and the RETR of the file's own name. A second file in another folder
 * goes back to the login folder first. The profile used to send TYPE I, EPSV and "RETR /pub/f.bin",
 * three round trips fewer than curl.
 */
class CurlSendsTheCommandsCurl7881SendsTest {

    private static List<String> commands(final List<ClientOp> ops) {
        final var fs = new MemoryFileSystem(0).file("/pub/f.bin", "x".getBytes(StandardCharsets.US_ASCII))
                .file("/pub/g.bin", "y".getBytes(StandardCharsets.US_ASCII))
                .file("/up/h.bin", "z".getBytes(StandardCharsets.US_ASCII));
        final var l = new Loopback(ServerProfiles.vsftpd().users(Map.of("u", "p")).build(), fs,
                ClientProfiles.curl().build(), ops);
        assertEquals(FailureReason.NONE, l.run().reason());
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line()).toList();
    }

    @Test
    void aDownloadFromAFolder() {
        assertEquals(List.of("USER u", "PASS p", "PWD", "CWD pub", "EPSV", "TYPE I", "SIZE f.bin", "RETR f.bin", "QUIT"),
                commands(List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/pub/f.bin"))));
    }

    @Test
    void aSecondFileInTheSameFolderNeedsNoCwdAndAnotherFolderStartsFromTheLoginFolder() {
        assertEquals(List.of("USER u", "PASS p", "PWD", "CWD pub", "EPSV", "TYPE I", "SIZE f.bin", "RETR f.bin",
                        "EPSV", "SIZE g.bin", "RETR g.bin",
                        "CWD /", "CWD up", "EPSV", "SIZE h.bin", "RETR h.bin", "QUIT"),
                commands(List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/pub/f.bin"),
                        new ClientOp.Retr("/pub/g.bin"), new ClientOp.Retr("/up/h.bin"))));
    }

    @Test
    void aListingCwdsIntoItsFolderAndListsWithoutAnArgument() {
        assertEquals(List.of("USER u", "PASS p", "PWD", "CWD pub", "EPSV", "TYPE A", "LIST", "QUIT"),
                commands(List.of(new ClientOp.Login("u", "p"), new ClientOp.List("/pub", false))));
    }
}
