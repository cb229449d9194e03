package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lftp profile sends what lftp 4.9.2 sends (src/ftpclass.cc), recorded with {@code lftp -d}
 * against vsftpd 3.0.3 and proftpd 1.3.8: {@code lftp -e 'get /pub/f.bin; bye'} sends FEAT before
 * USER; to proftpd, whose FEAT lists CLNT, LANG, UTF8 and HOST, then "CLNT lftp/4.9.2", "LANG",
 * "OPTS UTF8 ON" and "HOST <host>" (TuneConnectionAfterFEAT, each reply ignored); vsftpd lists none
 * of them. After login PWD, then per download TYPE I (on a change), "SIZE pub/f.bin" and "MDTM
 * pub/f.bin" (the path made relative to the folder PWD named, path_to_send; a 550 to either goes on),
 * PASV and "RETR pub/f.bin". {@code cd pub; ls; get f.bin} sends "CWD /pub" and LIST without TYPE
 * (the login's A). After a {@code put}, lftp sets the file's time: MFMT where FEAT lists it
 * (proftpd: "MFMT 20261207194052 up/y.bin"), else "SITE UTIME <time> up/x.bin" (vsftpd answered 550
 * to anonymous). The profile sent TYPE I, PASV and "RETR /pub/f.bin" only. These sessions log in
 * as user u, so lftp first tries AUTH TLS (ftp:ssl-allow yes; see
 * LftpTriesAuthTlsForANamedLoginTest), which neither server, without TLS, accepts.
 */
class LftpSendsTheCommandsLftp492SendsTest {

    private static List<String> commands(final ServerOptions server, final List<ClientOp> ops,
            final FailureReason expected) {
        final var fs = new MemoryFileSystem(0).file("/pub/f.bin", "x".getBytes(StandardCharsets.US_ASCII))
                .file("/pub/g.bin", "y".getBytes(StandardCharsets.US_ASCII));
        fs.mkdir("/up");
        final var l = new Loopback(server, fs, ClientProfiles.lftp().build(), ops);
        assertEquals(expected, l.run().reason());
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line()).toList();
    }

    private static ServerOptions vsftpd() {
        return ServerProfiles.vsftpd().users(Map.of("u", "p")).build();
    }

    private static ServerOptions proftpd() {
        return ServerProfiles.proftpd().users(Map.of("u", "p")).build();
    }

    private static final ClientOp LOGIN = new ClientOp.Login("u", "p");

    @Test
    void aDownloadAgainstVsftpd() {
        assertEquals(List.of("FEAT", "AUTH TLS", "USER u", "PASS p", "PWD", "TYPE I", "SIZE pub/f.bin", "MDTM pub/f.bin", "PASV",
                        "RETR pub/f.bin", "QUIT"),
                commands(vsftpd(), List.of(LOGIN, new ClientOp.Retr("/pub/f.bin")), FailureReason.NONE));
    }

    @Test
    void aDownloadAgainstProftpdTunesTheConnectionAsItsFeatOffers() {
        assertEquals(List.of("FEAT", "AUTH TLS", "CLNT lftp/4.9.2", "LANG", "OPTS UTF8 ON", "HOST 192.168.0.1", "USER u",
                        "PASS p", "PWD", "TYPE I", "SIZE pub/f.bin", "MDTM pub/f.bin", "PASV", "RETR pub/f.bin", "QUIT"),
                commands(proftpd(), List.of(LOGIN, new ClientOp.Retr("/pub/f.bin")), FailureReason.NONE));
    }

    @Test
    void cdThenListThenGetSendsTheAbsoluteFolderAndNamesRelativeToIt() {
        assertEquals(List.of("FEAT", "AUTH TLS", "USER u", "PASS p", "PWD", "CWD /pub", "PASV", "LIST", "TYPE I", "SIZE f.bin",
                        "MDTM f.bin", "PASV", "RETR f.bin", "QUIT"),
                commands(vsftpd(), List.of(LOGIN, new ClientOp.Cwd("pub"), new ClientOp.List("", false),
                        new ClientOp.Retr("f.bin")), FailureReason.NONE));
    }

    @Test
    void aMissingFileIsStillAskedForAfterSizeAndMdtmWere550() {
        // vsftpd 3.0.3: "550 Could not get file size.", "550 Could not get file modification time.",
        // then lftp sends PASV and RETR anyway and fails on "550 Failed to open file."
        assertEquals(List.of("FEAT", "AUTH TLS", "USER u", "PASS p", "PWD", "TYPE I", "SIZE pub/nope.bin", "MDTM pub/nope.bin",
                        "PASV", "RETR pub/nope.bin", "QUIT"),
                commands(vsftpd(), List.of(LOGIN, new ClientOp.Retr("/pub/nope.bin")), FailureReason.FILE_UNAVAILABLE));
    }

    @Test
    void anUploadSetsTheFilesTimeWithMfmtWhereFeatListsIt() {
        final var put = new ClientOp.Stor("/up/y.bin", "z".getBytes(StandardCharsets.US_ASCII), 1);
        assertEquals(List.of("FEAT", "AUTH TLS", "CLNT lftp/4.9.2", "LANG", "OPTS UTF8 ON", "HOST 192.168.0.1", "USER u",
                        "PASS p", "PWD", "TYPE I", "PASV", "STOR up/y.bin", "MFMT 19700101000000 up/y.bin", "QUIT"),
                commands(proftpd(), List.of(LOGIN, put), FailureReason.NONE));
    }

    @Test
    void anUploadToVsftpdTriesBothSiteUtimeFormsWhenTheServerDoesNotKnowThem() {
        // ftpclass.cc SendUTimeRequest: "SITE UTIME <time> <file>", and after 500/501/502 the older
        // "SITE UTIME <file> <atime> <mtime> <ctime> UTC"; vsftpd's handle_site answers both
        // "500 Unknown SITE command." for a local user (its "550 Permission denied." to anonymous
        // ends the attempts)
        final var put = new ClientOp.Stor("/up/x.bin", "z".getBytes(StandardCharsets.US_ASCII), 1);
        assertEquals(List.of("FEAT", "AUTH TLS", "USER u", "PASS p", "PWD", "TYPE I", "PASV", "STOR up/x.bin",
                        "SITE UTIME 19700101000000 up/x.bin",
                        "SITE UTIME up/x.bin 19700101000000 19700101000000 19700101000000 UTC", "QUIT"),
                commands(vsftpd(), List.of(LOGIN, put), FailureReason.NONE));
    }

    @Test
    void optsMlstAsksForTheFactsLftpWantsWhenTheServersSelectionDiffers() {
        // proftpd 1.3.8's FEAT line and lftp 4.9.2's answer to it after login (SendOPTS_MLST)
        assertEquals("modify;perm;size;type;UNIX.group;UNIX.mode;UNIX.owner;", ClientSession.lftpMlstFacts(
                "modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;UNIX.owner*;UNIX.ownername*;"));
        assertEquals(null, ClientSession.lftpMlstFacts("modify*;size*;type*;"));
        assertEquals("type;size;", ClientSession.lftpMlstFacts("type;size;unique*;"));
    }

    @Test
    void overTlsItAuthenticatesBeforeTuningAndAsksPwdBeforeProtectingTheData() {
        // ftpclass.cc: FEAT, then AUTH TLS ("Do connection tuning after AUTH TLS"), then the
        // tuning, USER and PASS; after login PWD, then "PBSZ 0" and "PROT P" (ssl_is_activated)
        final var sent = new java.util.ArrayList<String>();
        final var c = new ClientSession(ClientProfiles.lftp().build(), List.of(new ClientOp.AuthTls(), LOGIN,
                new ClientOp.Protect(true), new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        for (final String r : new String[] {"220 hi", "211-Features:\r\n CLNT\r\n AUTH TLS\r\n211 End", "234 go",
                "200 OK", "331 pw", "230 in", "257 \"/\" is the current directory", "200 PBSZ=0", "200 PROT P"}) {
            c.handle(new Input.ControlBytes((r + "\r\n").getBytes(StandardCharsets.US_ASCII))).stream()
                    .filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
        }
        assertEquals(List.of("FEAT", "AUTH TLS", "CLNT lftp/4.9.2", "USER u", "PASS p", "PWD", "PBSZ 0", "PROT P",
                "TYPE I"), sent);
    }
}
