package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunControlTest {
    @Test
    void runUntilRunsEventsUpToAndIncludingTheEndThenSetsTheClock() {
        final Simulator sim = new Simulator(1);
        final List<Long> ran = new ArrayList<>();
        for (long t : new long[] {5, 10, 15}) {
            sim.schedule(t, () -> ran.add(sim.now()));
        }
        sim.runUntil(10);
        assertEquals(List.of(5L, 10L), ran);
        assertEquals(10, sim.now());
        assertEquals(1, sim.pendingEvents());
        sim.runUntil(12);
        assertEquals(12, sim.now());
        sim.run();
        assertEquals(List.of(5L, 10L, 15L), ran);
        assertEquals(15, sim.now());
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEventAndARunResumes() {
        final Simulator sim = new Simulator(1);
        final List<Long> ran = new ArrayList<>();
        sim.schedule(1, () -> ran.add(sim.now()));
        sim.schedule(2, () -> {
            ran.add(sim.now());
            sim.stop();
        });
        sim.schedule(3, () -> ran.add(sim.now()));
        sim.runUntil(100);
        assertEquals(List.of(1L, 2L), ran);
        assertEquals(2, sim.now(), "a stopped run leaves the clock at the last event");
        assertTrue(sim.isStopRequested());
        sim.run();
        assertEquals(List.of(1L, 2L, 3L), ran);
    }

    @Test
    void runOnAnEmptyQueueReturnsAtOnce() {
        final Simulator sim = new Simulator(1);
        sim.run();
        assertEquals(0, sim.now());
        assertEquals(0, sim.eventsExecuted());
        assertEquals(Long.MAX_VALUE, sim.nextEventTime());
    }

    @Test
    void schedulingInThePastIsRejectedWithAClearMessage() {
        final Simulator sim = new Simulator(1);
        sim.runUntil(1_000);
        final IllegalArgumentException a =
                assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(999, () -> {}));
        assertEquals("cannot schedule at t=999ns: it is in the past (now is 1000ns)", a.getMessage());
        final IllegalArgumentException b =
                assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> {}));
        assertEquals("cannot schedule -1ns in the past (at t=1000ns)", b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(Long.MAX_VALUE, () -> {}));
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(10));
    }

    @Test
    void schedulingAtTheCurrentInstantIsAllowed() {
        final Simulator sim = new Simulator(1);
        sim.runUntil(50);
        final List<Long> ran = new ArrayList<>();
        sim.scheduleAt(50, () -> ran.add(sim.now()));
        sim.run();
        assertEquals(List.of(50L), ran);
    }
}
