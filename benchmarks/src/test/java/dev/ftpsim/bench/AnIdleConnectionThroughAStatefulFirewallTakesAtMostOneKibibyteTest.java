package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Heap per established idle connection, both endpoints plus the firewall's conntrack entry, stays
 * within 1 KiB (issue 16's target; 1,914 bytes before the connection became one object).
 */
class AnIdleConnectionThroughAStatefulFirewallTakesAtMostOneKibibyteTest {
    @Test
    void twentyThousandIdleConnectionsTakeAtMostOneKibibyteEach() {
        final int m = 20_000;
        final IdleConnectionFootprint.Growth g = IdleConnectionFootprint.measure(m);
        final double perConnection = g.totalBytes() / (double) m;
        assertTrue(perConnection <= 1024, perConnection + " bytes per idle connection: " + g.rows().subList(0, 5));
    }
}
