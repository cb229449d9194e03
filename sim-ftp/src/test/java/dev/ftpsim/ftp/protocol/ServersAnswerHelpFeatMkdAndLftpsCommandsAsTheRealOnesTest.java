package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What lftp 4.9.2 sends around a session (FEAT, CLNT, LANG, HOST, MFMT), HELP and MKD, answered as
 * the real servers answered them: vsftpd 3.0.3 (Debian's package, anonymous with
 * anon_upload_enable and anon_mkdir_write_enable) and proftpd 1.3.8 (Debian's proftpd-core,
 * {@code proftpd -n -c FILE} with an {@code <Anonymous>} block), each asked over a raw socket.
 */
class ServersAnswerHelpFeatMkdAndLftpsCommandsAsTheRealOnesTest {

    private static String text(final Reply r) {
        return r == null ? null : String.join("\n", r.lines());
    }

    private static ServerHarness vsftpd() {
        final var h = new ServerHarness(ServerProfiles.vsftpd().users(Map.of("u", "p")).build());
        h.send("USER u");
        h.send("PASS p");
        return h;
    }

    private static ServerHarness proftpd() {
        return new ServerHarness(ServerProfiles.proftpd().users(Map.of("u", "p")).build());
    }

    @Test
    void vsftpdsFeatListsNoUtf8WithoutUtf8Filesystem() {
        // vsftpd 3.0.3, FEAT: EPRT EPSV MDTM PASV REST STREAM SIZE TVFS; so lftp sends no OPTS UTF8 ON
        assertEquals(List.of("Features:", " EPRT", " EPSV", " MDTM", " PASV", " REST STREAM", " SIZE", " TVFS", "End"),
                firstReply(vsftpd().send("FEAT")).lines());
        assertEquals("200 Always in UTF8 mode.", firstReply(vsftpd().send("OPTS UTF8 ON")).toString());
    }

    @Test
    void vsftpdsHelpNamesEveryCommandItKnows() {
        // vsftpd 3.0.3 "HELP" and "HELP RETR" alike
        final String help = String.join("\n", "The following commands are recognized.",
                " ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MKD",
                " MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REIN REST RETR RMD  RNFR",
                " RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD",
                " XPWD XRMD", "Help OK.");
        assertEquals(help, text(firstReply(vsftpd().send("HELP"))));
        assertEquals(help, text(firstReply(vsftpd().send("HELP RETR"))));
    }

    @Test
    void vsftpdsMkdNamesTheArgumentAsSentAfterTheFolder() {
        // vsftpd 3.0.3: "MKD up/new/" -> 257 "/up/new/" created; in /up "MKD ./dot" -> "/up/./dot"
        final var h = vsftpd();
        h.send("MKD /up");
        assertEquals("257 \"/up/new/\" created", firstReply(h.send("MKD up/new/")).toString());
        h.send("CWD up");
        assertEquals("257 \"/up/./dot\" created", firstReply(h.send("MKD ./dot")).toString());
        assertEquals("257 \"/up/abs/\" created", firstReply(h.send("MKD /up/abs/")).toString());
    }

    @Test
    void vsftpdKnowsNoneOfProftpdsOwnCommands() {
        final var h = vsftpd();
        for (final String c : new String[] {"CLNT me", "HOST foo", "LANG", "MFMT 20200101000000 x"}) {
            assertEquals("500 Unknown command.", firstReply(h.send(c)).toString(), c);
        }
    }

    @Test
    void proftpdsFeatListsClntHostLangAndMfmt() {
        // proftpd 1.3.8 listed CLNT CSID EPRT EPSV HOST LANG C.UTF-8* MDTM MFF ... MFMT MLST ... RANG
        // STREAM REST STREAM SIZE TVFS UTF8; the engine has no CSID, MFF or RANG
        assertEquals(List.of("Features:", " CLNT", " EPRT", " EPSV", " HOST", " LANG C.UTF-8*", " MDTM", " MFMT",
                " MLST modify*;size*;type*;", " REST STREAM", " SIZE", " TVFS", " UTF8", "End"),
                firstReply(proftpd().send("FEAT")).lines());
    }

    @Test
    void proftpdAnswersClntLangAndHostBeforeLoginAsLftpSendsThem() {
        final var h = proftpd();
        assertEquals("200 OK", firstReply(h.send("CLNT lftp/4.9.2")).toString());
        assertEquals("200 Using default language C.UTF-8", firstReply(h.send("LANG")).toString());
        assertEquals("504 Language en not supported", firstReply(h.send("LANG en")).toString());
        assertEquals("504 foo: Unknown hostname provided", firstReply(h.send("HOST foo")).toString());
        assertEquals("500 'HOST' not understood", firstReply(h.send("HOST")).toString());
        assertEquals("220 HOST command successful", firstReply(h.send("HOST 192.0.2.1")).toString());
        assertEquals("530 Please login with USER and PASS", firstReply(h.send("MFMT 1 x")).toString());
        h.send("USER u");
        h.send("PASS p");
        assertEquals("503 Bad sequence of commands", firstReply(h.send("HOST 192.0.2.1")).toString());
    }

    @Test
    void proftpdSetsAFilesTimeWithMfmt() {
        final var h = proftpd();
        h.fs.file("/up/y.bin", new byte[] {1});
        h.send("USER u");
        h.send("PASS p");
        assertEquals("213 Modify=20261207194052; up/y.bin", firstReply(h.send("MFMT 20261207194052 up/y.bin")).toString());
        assertEquals("213 20261207194052", firstReply(h.send("MDTM up/y.bin")).toString());
        assertEquals("550 up/nope: No such file or directory",
                firstReply(h.send("MFMT 20200101000000 up/nope")).toString());
        assertEquals("501 2020: Invalid argument", firstReply(h.send("MFMT 2020 up/y.bin")).toString());
        assertEquals("501 Invalid number of parameters", firstReply(h.send("MFMT 20200101000000")).toString());
    }

    @Test
    void proftpdRefusesMfmtUnderLimitWriteDenyAll() {
        // proftpd 1.3.8, an <Anonymous> folder with <Limit WRITE> DenyAll: "MFMT 20200101000000 ro/h.bin"
        final var h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build());
        h.send("USER anonymous");
        h.send("PASS a@b");
        assertEquals("550 Unable to handle command", firstReply(h.send("MFMT 20200101000000 pub/hello.txt")).toString());
        assertEquals("213 20231114221320", firstReply(h.send("MDTM pub/hello.txt")).toString());
    }

    @Test
    void proftpdsHelpListsItsModulesCommands() {
        assertEquals(String.join("\n", "The following commands are recognized (* =>'s unimplemented):",
                " CWD     XCWD    CDUP    XCUP    SMNT*   QUIT    PORT    PASV    ",
                " EPRT    EPSV    ALLO    RNFR    RNTO    DELE    MDTM    RMD     ",
                " XRMD    MKD     XMKD    PWD     XPWD    SIZE    SYST    HELP    ",
                " NOOP    FEAT    OPTS    HOST    CLNT    AUTH*   CCC*    CONF*   ",
                " ENC*    MIC*    PBSZ*   PROT*   TYPE    STRU    MODE    RETR    ",
                " STOR    STOU    APPE    REST    ABOR    RANG    USER    PASS    ",
                " ACCT*   REIN*   LIST    NLST    STAT    SITE    MLSD    MLST    ",
                "Direct comments to root@192.0.2.1"), text(firstReply(proftpd().send("HELP"))));
    }

    @Test
    void vsftpdsStatSaysWhatVsftpdSays() {
        // vsftpd 3.0.3, anonymous: "STAT", "STAT pub" (its "." and ".." first), "STAT /pub/g.txt"
        final var h = new ServerHarness(ServerProfiles.vsftpd().build());
        h.send("USER anonymous");
        h.send("PASS a@b");
        assertEquals(String.join("\n", "FTP server status:", "     Connected to 198.51.100.2", "     Logged in as ftp",
                "     TYPE: ASCII", "     No session bandwidth limit", "     Session timeout in seconds is 300",
                "     Control connection is plain text", "     Data connections will be plain text",
                "     At session startup, client count was 1", "     vsFTPd 3.0.5 - secure, fast, stable",
                "End of status"), text(firstReply(h.send("STAT"))));
        final List<String> dir = firstReply(h.send("STAT pub")).lines();
        assertEquals(List.of("Status follows:", " .", " ..", " big.bin", " hello.txt", "End of status"),
                dir.stream().map(l -> l.contains(" ") && !l.endsWith(":") && !l.startsWith("End")
                        ? l.substring(l.lastIndexOf(' ')) : l).toList());
        assertEquals(213, firstReply(h.send("STAT pub")).code());
        assertEquals(List.of("Status follows:", "End of status"), firstReply(h.send("STAT /nope")).lines());
    }

    @Test
    void proftpdsStatSaysWhatProftpdSays() {
        // proftpd 1.3.8 with UseIPv6 on, anonymous: "STAT", "STAT /pub", "STAT /pub/g.txt", "STAT /nope"
        final var h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build());
        h.send("USER anonymous");
        h.send("PASS a@b");
        assertEquals(String.join("\n", "Status of 'ProFTPD Default Installation'",
                " Connected from 198.51.100.2 (198.51.100.2)", " Logged in as ftp",
                " TYPE: ASCII, STRUcture: File, Mode: Stream", " No data connection", "End of status"),
                text(firstReply(h.send("STAT"))));
        final Reply dir = firstReply(h.send("STAT /pub"));
        assertEquals(212, dir.code());
        assertEquals("Status of /pub:", dir.lines().get(0));
        assertEquals(List.of(" .", " ..", " big.bin", " hello.txt"), dir.lines().subList(1, 5).stream()
                .map(l -> l.substring(l.lastIndexOf(' '))).toList());
        assertEquals(" drwxr-xr-x", " " + dir.lines().get(1).substring(1, 11));
        final Reply file = firstReply(h.send("STAT /pub/hello.txt"));
        assertEquals(213, file.code());
        assertEquals(List.of("Status of /pub/hello.txt:", " -rw-r--r--   1 ftp      ftp            12 Nov 14  2023 /pub/hello.txt",
                "End of status"), file.lines());
        assertEquals("450 /nope: No such file or directory", firstReply(h.send("STAT /nope")).toString());
    }

    @Test
    void proftpdsSiteCommands() {
        // proftpd 1.3.8, anonymous in a folder it may write to, and under <Limit WRITE> DenyAll
        final var h = proftpd();
        h.fs.file("/up/own.txt", new byte[] {1});
        h.send("USER u");
        h.send("PASS p");
        assertEquals(String.join("\n", "The following SITE commands are recognized (* =>'s unimplemented)", " HELP",
                " CHGRP", " CHMOD", "Direct comments to root@192.0.2.1"), text(firstReply(h.send("SITE HELP"))));
        assertEquals("200 SITE CHMOD command successful", firstReply(h.send("SITE CHMOD 600 up/own.txt")).toString());
        assertEquals("200 SITE CHMOD command successful", firstReply(h.send("SITE chmod 644 up/own.txt")).toString());
        assertEquals("550 up/nope: No such file or directory", firstReply(h.send("SITE CHMOD 600 up/nope")).toString());
        assertEquals("550 '999': invalid mode", firstReply(h.send("SITE CHMOD 999 up/own.txt")).toString());
        assertEquals(List.of("'SITE CHMOD 600' not understood", "SITE not understood"),
                firstReply(h.send("SITE CHMOD 600")).lines());
        assertEquals("500 'SITE FOO' not understood", firstReply(h.send("SITE FOO")).toString());
        assertEquals("500 'SITE' requires parameters", firstReply(h.send("SITE")).toString());
        assertEquals("200 SITE CHGRP command successful", firstReply(h.send("SITE CHGRP nogroup up/own.txt")).toString());
        final var anon = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build());
        anon.send("USER anonymous");
        anon.send("PASS a@b");
        assertEquals("550 CHMOD 600 pub/hello.txt: Permission denied",
                firstReply(anon.send("SITE CHMOD 600 pub/hello.txt")).toString());
    }

    @Test
    void vsftpdsStouStoresUnderANameNotTaken() {
        // vsftpd 3.0.3, anonymous with anon_upload_enable, in /up: "STOU" twice gave "150 FILE:
        // STOU.1" and "150 FILE: STOU.2", "STOU a.bin" twice "150 FILE: a.bin" and "150 FILE: a.bin.1";
        // without PASV "425 Use PORT or PASV first."
        final var h = new ServerHarness(ServerProfiles.vsftpd().anonymousWrite(true).build());
        h.send("USER anonymous");
        h.send("PASS a@b");
        h.send("MKD up");
        h.send("CWD up");
        assertEquals("425 Use PORT or PASV first.", firstReply(h.send("STOU")).toString());
        for (final String[] c : new String[][] {{"STOU", "STOU.1"}, {"STOU", "STOU.2"}, {"STOU a.bin", "a.bin"},
                {"STOU a.bin", "a.bin.1"}}) {
            h.send("PASV");
            h.feed(new Input.DataListening(30001));
            final var as = new java.util.ArrayList<>(h.send(c[0]));
            as.addAll(h.feed(new Input.DataConnected(ServerHarness.PEER, 40000))); // the 150 once it is up
            assertEquals("150 FILE: " + c[1], firstReply(as).toString(), c[0]);
            h.feed(new Input.DataClosed(false));
            assertEquals(FileSystem.Entry.class, h.fs.stat("/up/" + c[1]).getClass());
        }
    }

    @Test
    void proftpdsMlsdListsTheFolderAndItsParentToo() {
        // proftpd 1.3.8 "MLSD /pub": "modify=...;perm=fle;type=cdir;... ." and "...;type=pdir;... .." beside
        // the files (the engine offers modify, size and type)
        final var h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build());
        h.send("USER anonymous");
        h.send("PASS a@b");
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        final var as = new java.util.ArrayList<>(h.send("MLSD /pub"));
        as.addAll(h.feed(new Input.DataConnected(ServerHarness.PEER, 40000)));
        final String listing = as.stream().filter(a -> a instanceof Action.SendData).map(a -> new String(
                ((Action.SendData) a).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).findFirst().orElseThrow();
        assertEquals(List.of("modify=20231114221320;type=cdir; .", "modify=20231114221320;type=pdir; ..",
                "modify=20231114221320;size=100000000;type=file; big.bin",
                "modify=20231114221320;size=12;type=file; hello.txt"), List.of(listing.split("\r\n")));
    }
}
