package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Behind a balancer every backend is the session's server: a data connection hashed to the backend
 * that did not announce the port meets a closed port there, which the failure's reason says
 * already. The chain used to treat only the first backend as the server, so it left out the
 * backend this session's connection reached (ftp1) and named the other one's segments (ftp2, the
 * other sessions') as if they were this session's.
 */
class ExplainChainOfABalancedSessionTest {
    @Test
    void noBackendsClosedPortsAreListedAsACauseOfTheSession() {
        final Cli r = Cli.run("explain", "../examples/passive-balancer-no-affinity.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Session client#1:\n\n- failed: data connection reached a backend that did not"
                + " announce it\n- the last reply the client read: 227 Entering Passive Mode (203,0,113,100,117,141).\n\n"),
                r.out());
        assertFalse(r.out().contains("TCP segment"), r.out());
        assertTrue(r.out().contains("- WORKS: source-address affinity at the balancer on lb (20 of 20 ok)"), r.out());
    }
}
