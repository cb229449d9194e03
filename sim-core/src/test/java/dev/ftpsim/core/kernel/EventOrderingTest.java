package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventOrderingTest {
    @Test
    void eventsRunInTimeOrderWhateverTheSchedulingOrder() {
        final Simulator sim = new Simulator(1);
        final List<String> trace = new ArrayList<>();
        sim.schedule(30, () -> trace.add("c@" + sim.now()));
        sim.schedule(10, () -> trace.add("a@" + sim.now()));
        sim.schedule(20, () -> trace.add("b@" + sim.now()));
        sim.run();
        assertEquals(List.of("a@10", "b@20", "c@30"), trace);
        assertEquals(3, sim.eventsExecuted());
        assertEquals(30, sim.now());
    }

    @Test
    void eventsAtTheSameTimeRunInSchedulingOrder() {
        final Simulator sim = new Simulator(1);
        final List<Integer> trace = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            final int n = i;
            sim.schedule(5, () -> trace.add(n));
        }
        sim.run();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, trace.get(i));
        }
    }

    @Test
    void aZeroDelayEventRunsAfterTheEventsAlreadyDueNow() {
        final Simulator sim = new Simulator(1);
        final List<String> trace = new ArrayList<>();
        sim.schedule(5, () -> {
            trace.add("first");
            sim.schedule(0, () -> trace.add("spawned"));
        });
        sim.schedule(5, () -> trace.add("second"));
        sim.run();
        assertEquals(List.of("first", "second", "spawned"), trace);
    }

    @Test
    void handlerEventsReceiveTheirArgument() {
        final Simulator sim = new Simulator(1);
        final List<Object> got = new ArrayList<>();
        final EventHandler h = got::add;
        sim.schedule(2, h, "two");
        sim.schedule(1, h, "one");
        sim.schedule(3, h, null);
        sim.run();
        assertEquals(java.util.Arrays.asList("one", "two", null), got);
    }

    @Test
    void eventsScheduledFromEventsInterleaveCorrectly() {
        final Simulator sim = new Simulator(1);
        final List<Long> times = new ArrayList<>();
        final Runnable[] tick = new Runnable[1];
        final int[] ticks = {0};
        tick[0] = () -> {
            times.add(sim.now());
            if (++ticks[0] < 5) {
                sim.schedule(7, tick[0]);
            }
        };
        sim.schedule(0, tick[0]);
        sim.schedule(15, () -> times.add(-sim.now()));
        sim.run();
        assertEquals(List.of(0L, 7L, 14L, -15L, 21L, 28L), times);
    }
}
