package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {
    @Test
    void aCancelledEventNeverRuns() {
        final Simulator sim = new Simulator(1);
        final List<String> trace = new ArrayList<>();
        final long h = sim.schedule(10, () -> trace.add("cancelled"));
        sim.schedule(20, () -> trace.add("kept"));
        assertTrue(sim.isPending(h));
        assertTrue(sim.cancel(h));
        assertFalse(sim.isPending(h));
        sim.run();
        assertEquals(List.of("kept"), trace);
        assertEquals(1, sim.eventsExecuted());
    }

    @Test
    void cancellingTwiceOrAfterTheEventRanReturnsFalse() {
        final Simulator sim = new Simulator(1);
        final long a = sim.schedule(10, () -> {});
        final long b = sim.schedule(20, () -> {});
        assertTrue(sim.cancel(a));
        assertFalse(sim.cancel(a));
        sim.run();
        assertFalse(sim.cancel(b));
        assertFalse(sim.cancel(Simulator.NO_EVENT));
        assertFalse(sim.cancel(-5));
    }

    @Test
    void aStaleHandleDoesNotCancelTheEventThatReusedItsSlot() {
        final Simulator sim = new Simulator(1);
        final List<String> trace = new ArrayList<>();
        final long old = sim.schedule(1, () -> trace.add("old"));
        sim.run();
        // The slot of the finished event is recycled for the next one.
        final long fresh = sim.schedule(1, () -> trace.add("fresh"));
        assertEquals(old & EventQueue.ID_MASK, fresh & EventQueue.ID_MASK);
        assertFalse(sim.cancel(old));
        sim.run();
        assertEquals(List.of("old", "fresh"), trace);
    }

    @Test
    void cancellingMostOfAManyEventQueueKeepsTheRestInOrder() {
        final Simulator sim = new Simulator(1);
        final List<Long> ran = new ArrayList<>();
        final long[] handles = new long[10_000];
        for (int i = 0; i < handles.length; i++) {
            final long t = (i * 7919L) % 10_007;
            handles[i] = sim.schedule(t, () -> ran.add(sim.now()));
        }
        int kept = 0;
        for (int i = 0; i < handles.length; i++) {
            if (i % 10 != 0) {
                assertTrue(sim.cancel(handles[i]));
            } else {
                kept++;
            }
        }
        assertEquals(kept, sim.pendingEvents());
        sim.run();
        assertEquals(kept, ran.size());
        for (int i = 1; i < ran.size(); i++) {
            assertTrue(ran.get(i - 1) <= ran.get(i), "time went backwards at " + i);
        }
    }

    @Test
    void aTimerReArmedOnEveryEventFiresOnlyWhenLeftAlone() {
        // The TCP retransmission timer pattern: cancel and re-arm on every ACK.
        final Simulator sim = new Simulator(1);
        final List<Long> fired = new ArrayList<>();
        final long[] timer = {Simulator.NO_EVENT};
        final Runnable rto = () -> fired.add(sim.now());
        for (int i = 0; i < 100_000; i++) {
            sim.schedule(i, () -> {
                sim.cancel(timer[0]);
                timer[0] = sim.schedule(200, rto);
            });
        }
        sim.run();
        assertEquals(List.of(99_999L + 200), fired);
        assertEquals(0, sim.pendingEvents());
    }

    @Test
    void clearDropsEveryEventAndVoidsEveryHandle() {
        final EventQueue q = new EventQueue(4);
        final long[] h = new long[50];
        for (int i = 0; i < h.length; i++) {
            h[i] = q.add(i * 1000L, "e", i);
        }
        assertTrue(q.poll());
        q.clear();
        assertEquals(0, q.size());
        assertFalse(q.poll());
        for (final long handle : h) {
            assertFalse(q.cancel(handle));
        }
        final long again = q.add(5, "f", "x");
        assertTrue(q.isPending(again));
        assertTrue(q.poll());
        assertEquals("x", q.polledArg());
        assertFalse(q.poll());
    }
}
