package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A download in ASCII type (Commons Net's default file type) gets more bytes from proftpd than the
 * file has: proftpd 1.3.8 sent "TYPE A", "RETR /pub/g.txt" of 18 bytes in three lines as 21
 * bytes, every LF as CRLF, and "a\r\nb\nc\rd\n\n" (10 bytes) as 13, a CRLF or a lone CR as it was.
 * vsftpd 3.0.3 (ascii_download_enable=NO) sent the 18 bytes unchanged. The proftpd profile sent 18.
 */
class ProftpdSendsCrlfLineEndsInAsciiTypeTest {

    private static long received(final ServerOptions server, final String content) {
        final var fs = new MemoryFileSystem(0).file("/pub/g.txt", content.getBytes(StandardCharsets.ISO_8859_1));
        final var l = new Loopback(server, fs, ClientProfiles.commonsNet().mode(ClientOptions.DataMode.PASV).build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/pub/g.txt")));
        final SessionRecord r = l.run();
        assertEquals(FailureReason.NONE, r.reason());
        return r.dataBytes();
    }

    @Test
    void proftpdTurnsEachBareLfIntoCrlf() {
        final ServerOptions proftpd = ServerProfiles.proftpd().users(Map.of("u", "p")).build();
        assertEquals(21, received(proftpd, "line1\nline2\nline3\n"));
        assertEquals(13, received(proftpd, "a\r\nb\nc\rd\n\n"));
    }

    @Test
    void vsftpdSendsTheBytesAsTheyAre() {
        assertEquals(18, received(ServerProfiles.vsftpd().users(Map.of("u", "p")).build(), "line1\nline2\nline3\n"));
    }
}
