package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ServerProfiles;
import org.junit.jupiter.api.Test;

/**
 * Where a command word ends: vsftpd 3.0.3 at the first space only, proftpd 1.3.8 at the first of
 * C's isspace characters; neither trims other control characters (both checked on the wire, logged
 * in: vsftpd "NOOP\t" and "\t" are "500 Unknown command.", proftpd "NOOP\t" is NOOP, and
 * "NOOP\u001c" is unknown to both). The engine trimmed with Java's strip(), which takes \u001c
 * to \u001f for blanks and made "\t" a blank line that got no reply.
 */
class CommandWordsEndWhereEachServerEndsThemTest {

    @Test
    void vsftpdEndsAWordAtASpaceOnly() {
        ServerHarness h = new ServerHarness().login();
        assertEquals("500 Unknown command.", firstReply(h.send("NOOP\t")).toString());
        assertEquals("500 Unknown command.", firstReply(h.send("\t")).toString());
        assertEquals("500 Unknown command.", firstReply(h.send("NOOP\u001c")).toString());
        assertEquals("200 NOOP ok.", firstReply(h.send("NOOP ")).toString());
    }

    @Test
    void proftpdEndsAWordAtAnyCSpace() {
        ServerHarness h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build()).login();
        assertEquals("200 NOOP command successful", firstReply(h.send("NOOP\t")).toString());
        assertEquals("200 Type set to I", firstReply(h.send("TYPE\tI")).toString());
        assertEquals("500 NOOP\u001c not understood", firstReply(h.send("NOOP\u001c")).toString());
    }
}
