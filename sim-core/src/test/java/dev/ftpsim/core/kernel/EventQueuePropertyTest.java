package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The queue against a model (a sorted map on (time, seq)) under random interleavings of add,
 * cancel and poll: every poll yields the model's first entry.
 */
class EventQueuePropertyTest {
    /** Operation codes: 0-4 add with a small time offset (many ties), 5-6 cancel, 7-9 poll. */
    @Provide
    Arbitrary<List<Integer>> ops() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(1500);
    }

    @Property(tries = 300)
    void pollsYieldEventsInTimeThenSequenceOrder(@ForAll("ops") final List<Integer> ops) {
        check(ops, false);
    }

    /** Offsets from nanoseconds to days, so events cross the calendar, its window and the heap. */
    @Property(tries = 300)
    void orderHoldsAcrossTimeScales(@ForAll("ops") final List<Integer> ops) {
        check(ops, true);
    }

    private static final long[] SCALES = {0, 1, 1_000, 40_000, 1_000_000, 200_000_000L, 60_000_000_000L,
        7_200_000_000_000L, 432_000_000_000_000L};

    private static void check(final List<Integer> ops, final boolean scaled) {
        final EventQueue q = new EventQueue(4);
        final TreeMap<long[], Long> model = new TreeMap<>((x, y) ->
                x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        final List<long[]> keys = new ArrayList<>();
        final List<Long> handles = new ArrayList<>();
        long seq = 0;
        long floor = 0;
        for (final int op : ops) {
            final int kind = op % 10;
            if (kind < 5) {
                final long t = scaled
                        ? floor + SCALES[(op / 10) % SCALES.length] * (1 + (op / 100) % 3)
                        : floor + (op / 10) % 8;
                final long s = seq++;
                final long h = q.add(t, "e", s);
                final long[] k = {t, s};
                model.put(k, h);
                keys.add(k);
                handles.add(h);
            } else if (kind < 7) {
                if (!keys.isEmpty()) {
                    final int i = (op / 10) % keys.size();
                    final boolean live = model.containsKey(keys.get(i));
                    assertEquals(live, q.cancel(handles.get(i)));
                    model.remove(keys.get(i));
                }
            } else {
                if (model.isEmpty()) {
                    assertFalse(q.poll());
                } else {
                    final long[] first = model.firstKey();
                    assertEquals(first[0], q.peekTime());
                    assertTrue(q.poll());
                    assertEquals(first[0], q.polledTime());
                    assertEquals(first[1], q.polledArg());
                    model.remove(first);
                    floor = first[0];
                }
            }
            assertEquals(model.size(), q.size());
        }
        while (!model.isEmpty()) {
            final long[] first = model.pollFirstEntry().getKey();
            assertTrue(q.poll());
            assertEquals(first[1], q.polledArg());
        }
        assertFalse(q.poll());
    }

    @Test
    void aLongHoldRunWithTimersAtManyScalesStaysOrdered() {
        // Many more events than one tuning window, mixing packet gaps, RTOs and TIME_WAITs.
        final EventQueue q = new EventQueue(4);
        final java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        final TreeMap<long[], Long> model = new TreeMap<>((x, y) ->
                x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long seq = 0;
        long now = 0;
        final List<long[]> timers = new ArrayList<>();
        final List<Long> timerHandles = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            final long[] k = {r.nextLong(1_000_000), seq++};
            model.put(k, q.add(k[0], "e", k[1]));
        }
        for (int step = 0; step < 200_000; step++) {
            final long[] first = model.pollFirstEntry().getKey();
            assertTrue(q.poll());
            assertEquals(first[0], q.polledTime(), "step " + step);
            assertEquals(first[1], q.polledArg(), "step " + step);
            now = first[0];
            final int kind = r.nextInt(100);
            final long delay = kind < 80 ? r.nextLong(12_000) : kind < 95 ? 200_000_000L + r.nextLong(1000)
                    : 60_000_000_000L;
            final long[] k = {now + delay, seq++};
            final long h = q.add(k[0], "e", k[1]);
            model.put(k, h);
            if (kind >= 80 && kind < 95) {
                timers.add(k);
                timerHandles.add(h);
            }
            if (r.nextInt(4) == 0 && !timers.isEmpty()) {
                final int i = r.nextInt(timers.size());
                final long[] tk = timers.remove(i);
                final long th = timerHandles.remove(i);
                assertEquals(model.remove(tk) != null, q.cancel(th));
                final long[] again = {now + 200_000_000L, seq++};
                model.put(again, q.add(again[0], "e", again[1]));
            }
            assertEquals(model.size(), q.size());
        }
    }

    @Test
    void orderAndHandlesSurviveTheSequenceCounterRunningOut() {
        final EventQueue q = new EventQueue(4);
        final List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            handles.add(q.add(100 - i % 5, "e", i));
        }
        q.setNextSeqForTest(EventQueue.MAX_SEQ - 3);
        for (int i = 50; i < 100; i++) {
            handles.add(q.add(100 - i % 5, "e", i)); // forces a renumbering part way
        }
        assertTrue(q.cancel(handles.get(0)));
        assertTrue(q.cancel(handles.get(99)));
        int last = -1;
        long lastTime = 0;
        int n = 0;
        while (q.poll()) {
            final int arg = (Integer) q.polledArg();
            if (q.polledTime() == lastTime) {
                assertTrue(arg > last, "ties must stay in scheduling order");
            }
            lastTime = q.polledTime();
            last = arg;
            n++;
        }
        assertEquals(98, n);
    }
}
