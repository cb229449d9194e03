package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * What vsftpd 3.0.3 said on the wire (Debian 3.0.3-13+b2, {@code vsftpd FILE} with listen=YES,
 * anonymous_enable=YES, write_enable=YES, anon_upload_enable=YES, anon_other_write_enable=YES)
 * where the engine said otherwise: a path that names a file as a folder ("a.txt/") fails as the
 * kernel fails it, SMNT and REIN name themselves, EPRT splits at '|' only, and a refused PORT or
 * EPRT has already dropped the setup before it.
 */
class VsftpdOpensPathsAndDropsSetupsAsVsftpd303DoesTest {

    private final ServerHarness h = new ServerHarness();

    private String reply(String line) {
        return firstReply(h.send(line)).toString();
    }

    private void alice() {
        h.send("USER alice");
        h.send("PASS secret");
    }

    @Test
    void aFileNamedAsAFolderIsNotThere() {
        alice();
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        // open("a.txt/") and the like fail with ENOTDIR; the engine folded them into "a.txt"
        for (String odd : new String[] {"pub/hello.txt/", "pub/hello.txt/.", "pub/hello.txt/../hello.txt"}) {
            assertEquals("550 Failed to open file.", reply("RETR " + odd), odd);
            assertEquals("550 Could not get file size.", reply("SIZE " + odd), odd);
            assertEquals("550 Could not get file modification time.", reply("MDTM " + odd), odd);
        }
        assertEquals("550 Failed to change directory.", reply("CWD pub/hello.txt/.."));
        assertEquals("550 Delete operation failed.", reply("DELE pub/hello.txt/"));
        assertEquals("550 RNFR command failed.", reply("RNFR pub/hello.txt/"));
        assertEquals("553 Could not create file.", reply("STOR pub/hello.txt/"));
        // a folder may be named with a slash, and "." or ".." after a folder walk as usual
        assertEquals("213 12", reply("SIZE pub/./hello.txt"));
        assertEquals("213 12", reply("SIZE /pub/../pub//hello.txt"));
        assertEquals("250 Directory successfully changed.", reply("CWD pub/"));
        assertNotNull(find(h.send("RETR hello.txt"), Action.StartTimer.class));
    }

    @Test
    void smntAndReinNameThemselvesAndLprtIsUnknown() {
        alice();
        assertEquals("502 SMNT not implemented.", reply("SMNT x"));
        assertEquals("502 REIN not implemented.", reply("REIN"));
        assertEquals("500 Unknown command.", reply("LPRT 4,4,1,2,3,4,2,1,1"));
        assertEquals("500 Unknown command.", reply("LPSV"));
    }

    @Test
    void eprtTakesOnlyTheBarAsDelimiter() {
        alice();
        assertEquals("500 Bad EPRT command.", reply("EPRT !1!198.51.100.2!5000!"));
        assertEquals("200 EPRT command successful. Consider using EPSV.", reply("EPRT |1|198.51.100.2|5000|"));
    }

    @Test
    void aRefusedPortOrEprtDropsTheSetupBeforeIt() {
        alice();
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        var as = h.send("PORT 1,2,3");
        assertEquals("500 Illegal PORT command.", firstReply(as).toString());
        assertNotNull(find(as, Action.CloseData.class)); // the listening socket is closed
        assertEquals("425 Use PORT or PASV first.", reply("RETR pub/hello.txt"));
        assertEquals("200 PORT command successful. Consider using PASV.", reply("PORT 198,51,100,2,200,1"));
        assertEquals("500 Illegal EPRT command.", reply("EPRT |1|10.0.0.1|5000|"));
        assertEquals("425 Use PORT or PASV first.", reply("RETR pub/hello.txt"));
        h.send("PORT 198,51,100,2,200,1");
        assertEquals("500 Bad EPRT command.", reply("EPRT x"));
        assertEquals("425 Use PORT or PASV first.", reply("LIST"));
    }
}
