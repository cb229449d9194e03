package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event at {@link Long#MAX_VALUE} (a population's first Poisson arrival at a rate so rare that
 * its gap saturates, {@code poisson 0.000000000001/h}) stayed in the far heap when the calendar
 * emptied: the window clamped at the clock's end reached no further, and the next poll threw
 * "calendar count 0 but no bucket occupied", which ftpsim run reported as an internal error of a
 * valid scenario. It is queued like any other: a run ends before it, and a queue polled to the end
 * hands it out last.
 */
class AnEventAtTheClocksEndIsQueuedLikeAnyOtherTest {
    @Test
    void aRunToItsStopEndsBeforeIt() {
        final Simulator sim = new Simulator(1);
        final List<String> ran = new ArrayList<>();
        sim.scheduleAt(Long.MAX_VALUE, () -> ran.add("never"));
        sim.scheduleAt(5, () -> ran.add("at 5"));
        sim.runUntil(60_000_000_000L);
        assertEquals(List.of("at 5"), ran);
        assertEquals(60_000_000_000L, sim.now());
        assertEquals(Long.MAX_VALUE, sim.nextEventTime());
    }

    @Test
    void aQueuePolledToTheEndHandsItOutLast() {
        final EventQueue q = new EventQueue();
        q.add(Long.MAX_VALUE, "last", null);
        q.add(Long.MAX_VALUE - 1, "before", null);
        q.add(7, "first", null);
        assertTrue(q.pollUntil(Long.MAX_VALUE));
        assertEquals("first", q.polledTarget());
        assertFalse(q.pollUntil(Long.MAX_VALUE - 2));
        assertTrue(q.pollUntil(Long.MAX_VALUE));
        assertEquals("before", q.polledTarget());
        assertTrue(q.pollUntil(Long.MAX_VALUE));
        assertEquals("last", q.polledTarget());
        assertEquals(Long.MAX_VALUE, q.polledTime());
        assertTrue(q.isEmpty());
    }
}
