package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/** users and anonymous on servers: accounts log in on vsftpd and proftpd, start in their home, and see each server's replies. */
class AccountsLogInOnBothServerProfilesTest {
    private static FtpSessionRecord login(final String profile, final String server, final String login)
            throws Exception {
        return OneRouter.run(false, "", "forward: []", """
                server:
                  host: server
                  profile: %s
                  users: [{ name: alice, password: s3cret, home: /home/alice }]
                  files: { /home/alice/report.bin: 10KB, /pub/f.bin: 1KB }
                  %s
                clients:
                  - { host: client, script: [%s, get report.bin] }
                """.formatted(profile, server, login)).get(0);
    }

    @Test
    void anAccountLogsInOnVsftpdAndStartsInItsHome() throws Exception {
        final FtpSessionRecord r = login("vsftpd", "", "login alice s3cret");
        assertTrue(r.ok(), r.reasonText());
        assertEquals(10_000, r.transfer().bytes()); // "get report.bin" found in /home/alice
    }

    @Test
    void anAccountLogsInOnProftpd() throws Exception {
        final FtpSessionRecord r = login("proftpd", "", "login alice s3cret");
        assertTrue(r.ok(), r.reasonText());
        assertEquals(10_000, r.transfer().bytes());
    }

    @Test
    void aWrongPasswordGetsEachServersText() throws Exception {
        for (final String profile : new String[] {"vsftpd", "proftpd"}) {
            final FtpSessionRecord r = login(profile, "", "login alice wrong");
            assertFalse(r.ok());
            assertEquals("login failed", r.reasonText());
            assertEquals(530, r.outcome().lastReplyCode());
            assertEquals("Login incorrect.", r.outcome().lastReplyText());
        }
    }

    @Test
    void proftpdRefusesAnonymousUnlessItIsSwitchedOn() throws Exception {
        final FtpSessionRecord off = login("proftpd", "", "login anonymous");
        assertEquals("login failed", off.reasonText());
        final FtpSessionRecord on = login("proftpd", "anonymous: true", "login anonymous");
        assertFalse(on.ok()); // logged in at "/": report.bin is alice's
        assertEquals("file unavailable", on.reasonText());
        assertTrue(on.timings().loggedIn() > 0);
    }

    @Test
    void vsftpdWithAnonymousOffRefusesIt() throws Exception {
        final FtpSessionRecord r = login("vsftpd", "anonymous: false", "login anonymous");
        assertEquals("login failed", r.reasonText());
        assertEquals("Login incorrect.", r.outcome().lastReplyText());
    }

    @Test
    void vsftpdWithLocalEnableOffRefusesTheAccountAtUser() throws Exception {
        final FtpSessionRecord r = login("vsftpd", "local-enable: false", "login alice s3cret");
        assertEquals("login failed", r.reasonText());
        assertEquals(530, r.outcome().lastReplyCode());
        assertEquals("This FTP server is anonymous only.", r.outcome().lastReplyText());
        assertTrue(login("vsftpd", "local-enable: false", "login anonymous").timings().loggedIn() > 0);
    }
}
