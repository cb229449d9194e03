package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpsim trace --session}: of two sessions that run at once on one client behind two NATs,
 * one passive and one active, each trace shows its own connections only, the active session's data
 * connection included though it first meets a firewall where the client's address is not seen.
 */
class ASessionTraceLeavesOutTheOtherSessionsOnItsHostTest {
    private static List<String> trace(final String session) {
        final Cli r = Cli.run("trace", "../examples/double-nat-helpers.yaml", "--session", session);
        assertEquals(0, r.exit(), r.err());
        return Arrays.asList(r.out().split("\n"));
    }

    @Test
    void theActiveSessionsTraceHasItsPortDataConnectionAndNoPassiveOne() {
        final List<String> l = trace("active#0");
        assertEquals("trace of session 0 of active on client: ok", l.get(0));
        assertTrue(l.stream().anyMatch(x -> x.contains("fw-server ip ftpsim forward packet:")
                && x.contains("tcp sport 20") && x.contains("expected by ftp PORT")), String.join("\n", l));
        assertTrue(l.stream().anyMatch(x -> x.contains("fw-client ip ftpsim forward packet:")
                && x.contains("ip daddr 10.0.0.10 tcp sport 20")), String.join("\n", l));
        assertFalse(l.stream().anyMatch(x -> x.contains("expected by ftp PASV")), String.join("\n", l));
    }

    @Test
    void thePassiveSessionsTraceHasItsPasvDataConnectionAndNoActiveOne() {
        final List<String> l = trace("passive#0");
        assertEquals("trace of session 0 of passive on client: ok", l.get(0));
        assertTrue(l.stream().anyMatch(x -> x.contains("expected by ftp PASV")), String.join("\n", l));
        assertFalse(l.stream().anyMatch(x -> x.contains("expected by ftp PORT")), String.join("\n", l));
        assertFalse(l.stream().anyMatch(x -> x.contains("tcp sport 20 ")), "no connection from the server's port 20");
    }
}
