package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small storm (3000 connections at 1000 a second into a table of 1024, a fifth of them through
 * the FTP helper) runs to the end, and its figures add up: every connection completed or failed,
 * the table never held more than its maximum, it overflowed, and the figures over time end where
 * the firewall's own counters do.
 */
class ConntrackStormFiguresAddUpTest {
    @Test
    void aSmallStormFillsTheTableAndItsFiguresAreConsistent() {
        final int n = 3000;
        final ConntrackStorm.Result r = ConntrackStorm.run(n, 1000, 0.2, 1024, 1_000_000_000L, x -> { });
        assertEquals(n, r.completed() + r.failed(), "every connection completed or failed");
        assertTrue(r.ftpCompleted() > 0 && r.ftpCompleted() <= r.completed(), "FTP connections through the helper completed");
        assertTrue(r.peak() <= 1024, "the table held at most its maximum, peak " + r.peak());
        assertTrue(r.stats().tableFull > 0, "a table of 1024 with 120 s TIME_WAIT overflows at 1000/s: " + r.stats());
        assertTrue(r.stats().inserted >= r.completed(), "each completed connection was inserted: " + r.stats());
        assertTrue(r.stats().lookups > r.stats().inserted, "each packet looks its connection up: " + r.stats());
        final List<ConntrackStorm.Sample> s = r.samples();
        for (int i = 1; i < s.size(); i++) {
            final ConntrackStorm.Sample a = s.get(i - 1);
            final ConntrackStorm.Sample b = s.get(i);
            assertTrue(b.entries() <= 1024);
            assertTrue(b.inserted() >= a.inserted() && b.tableFull() >= a.tableFull() && b.earlyDrops() >= a.earlyDrops()
                    && b.gcEarlyDrops() >= a.gcEarlyDrops() && b.lookups() >= a.lookups(), "counters only grow: " + a + " then " + b);
        }
        final ConntrackStorm.Sample last = s.get(s.size() - 1);
        assertEquals(r.stats().tableFull, last.tableFull());
        assertEquals(r.stats().earlyDrop, last.earlyDrops());
        assertEquals(r.stats().gcEarlyDrop, last.gcEarlyDrops());
        assertTrue(r.stats().gcEarlyDrop > 0, "table-full drops armed the gc worker, which killed TIME_WAIT entries");
        assertEquals(r.stats().inserted, last.inserted());
        assertEquals(r.completed(), last.completed());
        assertEquals(r.failed(), last.failed());
    }
}
