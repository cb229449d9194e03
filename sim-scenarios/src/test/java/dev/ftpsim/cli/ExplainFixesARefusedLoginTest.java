package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login refused with 530: {@code explain} names the server key that lets the user in (vsftpd's
 * local_enable, the missing account, anonymous access), and it works by simulation.
 */
class ExplainFixesARefusedLoginTest {
    @TempDir
    Path tmp;

    @Test
    void anAnonymousOnlyVsftpdGetsLocalEnable() {
        final Cli r = Cli.run("explain", "../examples/vsftpd-anonymous-only.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- the last reply the client read: 530 This FTP server is anonymous only."), r.out());
        assertTrue(r.out().contains("- WORKS: let local users log in (1 of 1 ok): vsftpd's local_enable=YES"), r.out());
        assertTrue(r.out().contains("  - `ftp.server.local-enable: true`"), r.out());
    }

    @Test
    void aUserTheServerDoesNotKnowGetsAnAccount() throws Exception {
        final Path f = Cli.example(tmp, "vsftpd-anonymous-only", "    local-enable: false\n", "",
                "login alice s3cret, get report.bin", "login bob pw, get /pub/f.bin");
        final Cli r = Cli.run("explain", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- the last reply the client read: 530 Login incorrect."), r.out());
        assertTrue(r.out().contains("- WORKS: add the account bob to the server (1 of 1 ok)"), r.out());
        assertTrue(r.out().contains("  - `ftp.server.users: first item { name: bob, password: pw }`"), r.out());
    }

    @Test
    void anAnonymousUserOfAServerWithoutAnonymousAccessGetsIt() throws Exception {
        final Path f = Cli.example(tmp, "vsftpd-anonymous-only", "local-enable: false", "anonymous: false");
        final Cli r = Cli.run("explain", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- WORKS: let the server accept anonymous logins (1 of 1 ok)"), r.out());
        assertTrue(r.out().contains("  - `ftp.server.anonymous: true`"), r.out());
    }
}
