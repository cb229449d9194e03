package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * The order of checks for a new connection when the table is full: init_conntrack()
 * (net/netfilter/nf_conntrack_core.c) allocates the entry first, which fails on a full table
 * ("nf_conntrack: table full, dropping packet"), and only then looks for an expectation. So a data
 * SYN dropped for a full table leaves the expectation pending, and its retransmission, once there
 * is room, is still RELATED.
 */
class AFullConntrackTableLeavesTheExpectationPendingTest {
    private static final String SERVER = "203.0.113.10";
    private static final String CLIENT = "198.51.100.10";

    @Test
    void theDataSynDroppedForAFullTableDoesNotUseUpTheExpectation() {
        final Simulator sim = new Simulator(1);
        final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux().withMax(2));
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry control = ConntrackPackets.control(ct, CLIENT, 40000, SERVER);
        ConntrackPackets.control(ct, "198.51.100.11", 40001, SERVER); // the second and last slot
        assertTrue(control.is(ConnEntry.ASSURED), "an ASSURED entry is never early-dropped");
        ConntrackPackets.linesSeen(h, ct, control);
        assertTrue(h.help(ct.helperContext(), control, 1, ConntrackPackets.text(control, 1,
                "227 Entering Passive Mode (203,0,113,10,117,48).\r\n"), Order.IN_ORDER));
        assertEquals(1, ct.expectationCount());

        final Packet syn = ConntrackPackets.tcp(CLIENT, 50000, SERVER, 30000, Packet.SYN, 7000, 0);
        assertFalse(ConntrackPackets.pass(ct, syn));
        assertEquals(1, ct.stats().tableFull);
        assertEquals(1, ct.expectationCount(), "the expectation is still pending");

        // The other control connection ends (RST: CLOSE, 10 s), and a retransmission 11 s later
        // (by then the SYN's fourth, at 15 s on the doubling schedule) finds room.
        ConntrackPackets.pass(ct, ConntrackPackets.tcp("198.51.100.11", 40001, SERVER, 21, Packet.RST, 101, 0));
        sim.runUntil(11_000_000_000L);
        assertEquals(1, ct.count());
        final Packet again = ConntrackPackets.tcp(CLIENT, 50000, SERVER, 30000, Packet.SYN, 7000, 0);
        assertTrue(ConntrackPackets.pass(ct, again));
        assertEquals(CtState.RELATED, again.ctInfo);
        assertEquals(0, ct.expectationCount());
    }
}
