package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two populations on one client host, one passive and one active, start together: the ladder of
 * one session draws its own connections only, named as sessions.csv names the session.
 */
class ALadderOfOneSessionLeavesOutTheOtherSessionsOnItsHostTest {
    private static String ladder(final Path dir, final String example, final String session) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/" + example + ".yaml", "--session", session, "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(example + ", session " + session + ": ok"), r.out());
        return Files.readString(dir.resolve("ladder.mmd"));
    }

    @Test
    void thePassiveSessionShowsItsPasvAndNoneOfTheActiveSessionsPort(@TempDir final Path tmp) throws Exception {
        final String mmd = ladder(tmp, "iptables-gateway-ct-helper", "client-1#0");
        assertTrue(mmd.contains("227 Entering Passive Mode"), mmd);
        assertFalse(mmd.contains("PORT 203,0,113,20"), "the active session's PORT is not drawn");
        assertFalse(mmd.contains("RELATED (ftp PORT") || mmd.contains("expected (ftp PORT"), "nor its data connection");
    }

    @Test
    void theActiveSessionShowsItsPortAndNoneOfThePassiveSessions(@TempDir final Path tmp) throws Exception {
        final String mmd = ladder(tmp, "iptables-gateway-ct-helper", "client-2#0");
        assertTrue(mmd.contains("PORT 203,0,113,20"), mmd);
        assertFalse(mmd.contains("227 Entering Passive Mode"), "the passive session's reply is not drawn");
    }

    @Test
    void throughTwoNatsTheActiveSessionsDataConnectionIsStillItsOwn(@TempDir final Path tmp) throws Exception {
        final String active = ladder(tmp.resolve("a"), "double-nat-helpers", "active#0");
        assertTrue(active.contains("PORT 10,0,0,10"), active);
        assertTrue(active.contains(":20 "), "the server's data connection from port 20 is drawn");
        assertFalse(active.contains("227 Entering Passive Mode"), active);
        final String passive = ladder(tmp.resolve("p"), "double-nat-helpers", "passive#0");
        assertTrue(passive.contains("227 Entering Passive Mode"), passive);
        assertFalse(passive.contains("PORT 10,0,0,10"), passive);
    }

    @Test
    void aHostWithTwoPopulationsIsNotAPopulationName(@TempDir final Path tmp) {
        final Cli r = Cli.run("ladder", "../examples/iptables-gateway-ct-helper.yaml", "--session", "client#0",
                "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exit());
        assertEquals("--session client#0: no client population is named 'client'; populations: client-1, client-2",
                r.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }
}
