package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * port-promiscuous and connect-timeout on a vsftpd server: a PORT naming a masqueraded client's
 * private address is refused (500 Illegal PORT command.), or with port_promiscuous=YES accepted
 * and then connected to in vain until connect_timeout gives 425 Failed to establish connection.
 */
class ServerPortChecksAndDataTimeoutsTest {
    private static FtpSessionRecord run(final String server) throws Exception {
        return OneRouter.run(true, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, %s files: { /pub/f.bin: 10KB } }
                clients:
                  - { host: client, mode: active, reply-timeout: 120s, script: [login anonymous, get /pub/f.bin] }
                """.formatted(server)).get(0);
    }

    @Test
    void aPortToAnotherAddressIsRefusedByDefault() throws Exception {
        final FtpSessionRecord r = run("");
        assertEquals("data setup refused", r.reasonText());
        assertEquals("Illegal PORT command.", r.outcome().lastReplyText());
    }

    @Test
    void portPromiscuousAcceptsItAndConnectTimeoutEndsTheConnect() throws Exception {
        final FtpSessionRecord r = run("port-promiscuous: true, connect-timeout: 5s,");
        assertEquals("425 data connection failed", r.reasonText());
        assertEquals("Failed to establish connection.", r.outcome().lastReplyText());
        // login, curl's PWD and CWD, and the PORT take about 0.2 s before the 5 s connect
        assertEquals(5.2, OneRouter.seconds(r), 0.1);
    }
}
