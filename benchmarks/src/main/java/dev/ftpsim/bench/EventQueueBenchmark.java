package dev.ftpsim.bench;

import dev.ftpsim.core.kernel.EventQueue;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The classic hold model: pop the earliest event and push it back at its time + Exp(1), so the
 * queue size stays constant. One hold per invocation; the score is holds per second.
 *
 * <p>Every structure draws the same precomputed Exp(1) increments (in nanoseconds, or seconds for
 * SSJ's double clock), so the random-number cost is equal and small. Peers reuse their event
 * objects, as a careful user of each would: no peer pays for allocation. The returned time keeps
 * the work alive (JMH sample 08); a wrong result would be a time that does not grow.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class EventQueueBenchmark {
    /** Mean increment: 1 s in nanoseconds. */
    static final double MEAN_NS = 1e9;
    static final int GAP_MASK = (1 << 16) - 1;

    /** Shared increments: Exp(1) in nanoseconds, and the same values in seconds. */
    @State(Scope.Thread)
    public static class Gaps {
        final long[] ns = new long[GAP_MASK + 1];
        final double[] seconds = new double[GAP_MASK + 1];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            final SplittableRandom r = new SplittableRandom(20261123L);
            for (int i = 0; i <= GAP_MASK; i++) {
                ns[i] = 1 + (long) (-Math.log(1.0 - r.nextDouble()) * MEAN_NS);
                seconds[i] = ns[i] / 1e9;
            }
        }

        long nextNs() {
            return ns[next++ & GAP_MASK];
        }

        double nextSeconds() {
            return seconds[next++ & GAP_MASK];
        }
    }

    @State(Scope.Thread)
    public static class Ours {
        @Param({"100", "10000", "1000000"})
        int size;

        EventQueue queue;
        final Object target = new Object();

        @Setup(Level.Trial)
        public void setUp(final Gaps gaps) {
            queue = new EventQueue(size);
            for (int i = 0; i < size; i++) {
                queue.add(gaps.nextNs(), target, null);
            }
        }
    }

    /** A mutable event as a Java developer would write it for PriorityQueue. */
    static final class PqEvent {
        long time;
        long seq;
    }

    @State(Scope.Thread)
    public static class Pq {
        @Param({"100", "10000", "1000000"})
        int size;

        PriorityQueue<PqEvent> queue;
        long seq;

        @Setup(Level.Trial)
        public void setUp(final Gaps gaps) {
            queue = new PriorityQueue<>(size, Comparator.<PqEvent>comparingLong(e -> e.time)
                    .thenComparingLong(e -> e.seq));
            for (int i = 0; i < size; i++) {
                final PqEvent e = new PqEvent();
                e.time = gaps.nextNs();
                e.seq = seq++;
                queue.add(e);
            }
        }
    }

    /** SSJ's event type; the hold model never runs its actions. */
    static final class SsjEvent extends Event {
        SsjEvent(final umontreal.ssj.simevents.Simulator sim) {
            super(sim);
        }

        @Override
        public void actions() {}

        /** Sets the time directly, as SSJ's own Simulator does between removeFirst and add. */
        void moveTo(final double time) {
            eventTime = time;
        }
    }

    @State(Scope.Thread)
    public abstract static class Ssj {
        @Param({"100", "10000", "1000000"})
        int size;

        EventList list;

        abstract EventList create();

        @Setup(Level.Trial)
        public void setUp(final Gaps gaps) {
            list = create();
            final umontreal.ssj.simevents.Simulator sim = new umontreal.ssj.simevents.Simulator();
            for (int i = 0; i < size; i++) {
                final SsjEvent e = new SsjEvent(sim);
                e.setTime(gaps.nextSeconds());
                list.add(e);
            }
        }
    }

    @State(Scope.Thread)
    public static class Splay extends Ssj {
        @Override
        EventList create() {
            return new SplayTree();
        }
    }

    @State(Scope.Thread)
    public static class Henrik extends Ssj {
        @Override
        EventList create() {
            return new Henriksen();
        }
    }

    @Benchmark
    public long ftpsim(final Ours s, final Gaps gaps) {
        final EventQueue q = s.queue;
        q.poll();
        final long t = q.polledTime();
        q.add(t + gaps.nextNs(), s.target, null);
        return t;
    }

    @Benchmark
    public long priorityQueue(final Pq s, final Gaps gaps) {
        final PqEvent e = s.queue.poll();
        final long t = e.time;
        e.time = t + gaps.nextNs();
        e.seq = s.seq++;
        s.queue.add(e);
        return t;
    }

    @Benchmark
    public double ssjSplayTree(final Splay s, final Gaps gaps) {
        return hold(s.list, gaps);
    }

    @Benchmark
    public double ssjHenriksen(final Henrik s, final Gaps gaps) {
        return hold(s.list, gaps);
    }

    private static double hold(final EventList list, final Gaps gaps) {
        final SsjEvent e = (SsjEvent) list.removeFirst();
        final double t = e.time();
        e.moveTo(t + gaps.nextSeconds());
        list.add(e);
        return t;
    }
}
