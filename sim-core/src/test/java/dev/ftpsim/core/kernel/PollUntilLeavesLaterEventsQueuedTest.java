package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link EventQueue#pollUntil} takes events up to its end, in order, and leaves later ones, near or far, queued. */
class PollUntilLeavesLaterEventsQueuedTest {
    @Test
    void eventsAfterTheEndStayQueuedAndComeOutLaterInOrder() {
        final EventQueue q = new EventQueue();
        q.add(10, "b", null);
        q.add(5, "a", null);
        q.add(1_000_000_000_000L, "far", null);
        assertTrue(q.pollUntil(7));
        assertEquals("a", q.polledTarget());
        assertEquals(5, q.polledTime());
        assertFalse(q.pollUntil(7));
        assertEquals(2, q.size());
        assertEquals(10, q.peekTime());
        assertTrue(q.pollUntil(10));
        assertEquals("b", q.polledTarget());
        assertFalse(q.pollUntil(999_999_999_999L));
        assertTrue(q.pollUntil(Long.MAX_VALUE));
        assertEquals("far", q.polledTarget());
        assertFalse(q.pollUntil(Long.MAX_VALUE));
        assertTrue(q.isEmpty());
    }
}
