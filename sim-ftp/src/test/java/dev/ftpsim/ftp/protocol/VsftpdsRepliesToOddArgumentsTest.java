package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * Replies to odd arguments as vsftpd 3.0.3 sent them on the wire (postlogin.c handle_rest,
 * handle_port, handle_eprt, handle_pasv): a client that probes a server learns what the real one
 * would say.
 */
class VsftpdsRepliesToOddArgumentsTest {

    private final ServerHarness h = new ServerHarness().login();

    private String reply(String line) {
        return firstReply(h.send(line)).toString();
    }

    @Test
    void restTakesUpToFifteenDigitsAndAnythingElseAsZero() {
        assertEquals("350 Restart position accepted (5).", reply("REST 5"));
        assertEquals("350 Restart position accepted (7).", reply("REST 007"));
        assertEquals("350 Restart position accepted (123456789012345).", reply("REST 123456789012345"));
        for (String odd : new String[] {"REST", "REST x", "REST -5", "REST 12abc", "REST 1234567890123456"}) {
            assertEquals("350 Restart position accepted (0).", reply(odd), odd);
        }
    }

    @Test
    void aMalformedPortOrEprtGets500() {
        assertEquals("500 Illegal PORT command.", reply("PORT 1,2,3"));
        assertEquals("500 Illegal PORT command.", reply("PORT 127,0,0,1,300,1"));
        assertEquals("500 Bad EPRT protocol.", reply("EPRT |3|::1|5|"));
        assertEquals("500 Bad EPRT protocol.", reply("EPRT |2|::1|5000|"));
        assertEquals("500 Bad EPRT command.", reply("EPRT |1|198.51.100.2|70000|"));
    }

    @Test
    void epsvTakesItsFamilyAsAtoiDoes() {
        assertEquals("522 Bad network protocol.", reply("EPSV 2"));
        assertEquals("522 Bad network protocol.", reply("EPSV x"));
        assertNotNull(ServerHarness.find(h.send("EPSV 1x"), Action.ListenData.class));
    }

    @Test
    void acctIsNotImplemented() {
        assertEquals("502 ACCT not implemented.", reply("ACCT x"));
    }
}
