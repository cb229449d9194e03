package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A command word is matched without regard to ASCII case only: the byte 0xDF (Latin-1 "ß") does
 * not stand for "SS", as it does not in vsftpd, whose str_upper leaves bytes over 127 alone.
 */
class OnlyAsciiLettersSpellAVerbTest {

    @Test
    void aSharpSIsNotTwoLettersS() {
        ServerHarness h = new ServerHarness();
        h.send("USER alice");
        Reply unknown = firstReply(h.send("PAX secret"));
        assertEquals(unknown, firstReply(h.send("PA\u00df secret")));
        assertEquals(530, firstReply(h.send("PWD")).code(), "still not logged in");
        assertEquals(230, firstReply(h.send("pAsS secret")).code());
    }
}
