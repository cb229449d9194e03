package dev.ftpsim.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much of a cold client's cost an engine could win back by overlapping the misses of
 * independent events, on this machine, before anyone builds one (benchmarks/README.md, "What is
 * left: a cold client per event").
 *
 * <p>A model of the reference workload's event, not the engine: each of N clients owns three
 * objects the size of the engine's (an interface of 128 bytes, a connection of 328, a timer array of
 * 15 longs), reached one from the other as the engine reaches them, allocated in a shuffled order
 * so that a client's three lie far apart. An event picks a client at random, walks the chain and
 * does a fixed amount of work on the fields it reached (about what an event costs at N = 1000).
 * Run one event after the other (K = 1, today's engine), the chain's three loads wait one for the
 * other and the next event's for this one's. Run K events in lockstep (all K interfaces loaded,
 * then all K connections, then all K timer arrays, then the K events' work), the K chains' misses
 * are in flight together, as an engine that runs independent clients' events side by side (a
 * lockstep or a conservative parallel one) would have them.
 *
 * <p>{@code java -XX:+UseTransparentHugePages -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.MissOverlap [N...]}
 * (default 1000 10000 100000) prints nanoseconds per event for K = 1, 2, 4, 8 and 16, and each N's share of
 * N = 1000's events per second at the same K (the scale target asks 80% at N = 100,000).
 */
public final class MissOverlap {
    /** Events per measured lap: long enough that N = 100,000's clients are each visited hundreds of times. */
    private static final int EVENTS = 1 << 24;
    private static final int[] LOCKSTEP = {1, 2, 4, 8, 16};

    /** 128 bytes with its header, as the engine's interface. */
    static final class Iface {
        long rxPackets;
        long rxBytes;
        long txPackets;
        long txBytes;
        long queuedBytes;
        int head;
        int count;
        int address;
        int index;
        Conn conn;
        Object o1;
        Object o2;
        Object o3;
        Object o4;
        Object o5;
        Object o6;
        Object o7;
        Object o8;
        Object o9;
        Object o10;
        Object o11;
        Object o12;
        int pad;
    }

    /** 328 bytes with its header, as the engine's connection. */
    static final class Conn {
        long sndUna;
        long sndNxt;
        long sndMax;
        long sndWnd;
        long cwnd;
        long ssthresh;
        long srtt;
        long rttvar;
        long rto;
        long rcvNxt;
        long rcvWup;
        long rcvEdge;
        long bytesReceived;
        long retransStamp;
        long lastReceiveTime;
        long rttStart;
        long recover;
        long rcvUnread;
        long rcvSsthresh;
        long peerFin;
        long sndWl1;
        long sndWl2;
        long rttSeq;
        long spare1;
        long spare2;
        long spare3;
        long spare4;
        long spare5;
        long spare6;
        long spare7;
        long spare8;
        long spare9;
        long spare10;
        long spare11;
        long spare12;
        long spare13;
        long spare14;
        long spare15;
        int dupAcks;
        long[] timers;
    }

    private final Iface[] clients;
    private final int[] order;
    /**
     * Objects made between the clients' and kept for the whole run, as a run keeps its other
     * objects: without them a collection would close the gaps and pack the clients' objects.
     */
    private final Object[] others;

    MissOverlap(final int n, final int events, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        clients = new Iface[n];
        final Conn[] conns = new Conn[n];
        // The three kinds are made in three shuffled passes, with other objects between, so that a
        // client's interface, connection and timers are far apart, as in a run where they are made
        // at different times (topology, connect, first timer).
        final Object[] keep = others = new Object[3 * n];
        int k = 0;
        for (final int i : Permutations.shuffled(n, random)) {
            clients[i] = new Iface();
            keep[k++] = new long[random.nextInt(1, 40)];
        }
        for (final int i : Permutations.shuffled(n, random)) {
            conns[i] = new Conn();
            keep[k++] = new long[random.nextInt(1, 40)];
        }
        for (final int i : Permutations.shuffled(n, random)) {
            conns[i].timers = new long[15];
            keep[k++] = new long[random.nextInt(1, 40)];
            clients[i].conn = conns[i];
        }
        order = new int[events];
        for (int e = 0; e < events; e++) {
            order[e] = random.nextInt(n);
        }
    }

    /** One event's work on the three objects it reached: reads and writes of their fields, and arithmetic. */
    private static long work(final Iface f, final Conn c, final long[] t, final long salt) {
        f.rxPackets++;
        f.rxBytes += 1460;
        long x = c.sndUna ^ salt;
        for (int i = 0; i < 24; i++) { // about N = 1000's cost of an event, with the loads above
            x = x * 0x9E3779B97F4A7C15L + (x >>> 29) + i;
        }
        c.sndUna += 1460;
        c.cwnd = Math.max(c.cwnd, x & 0xFFFF);
        c.srtt += (x & 7) - (c.srtt >> 3);
        t[(int) (x & 7)] = x;
        f.txPackets++;
        return x;
    }

    /** Nanoseconds per event of the last {@link #lap}. */
    private double lastNanos;

    /**
     * Runs every event once with {@code k} in lockstep ({@code k} divides the event count) and
     * returns the sum of their work: the same for every {@code k}, since lockstep changes only when
     * the lines are loaded, not what the events compute, nor in which order.
     */
    long lap(final int k) {
        final int events = order.length;
        final Iface[] fs = new Iface[k];
        final Conn[] cs = new Conn[k];
        final long[][] ts = new long[k][];
        long sum = 0;
        final long t0 = System.nanoTime();
        for (int e = 0; e < events; e += k) {
            for (int j = 0; j < k; j++) {
                fs[j] = clients[order[e + j]];
            }
            // Each phase loads every line the work will read of one object kind, for all K events
            // at once; the loads of one phase do not wait for each other.
            long seen = 0;
            for (int j = 0; j < k; j++) {
                final Iface f = fs[j];
                cs[j] = f.conn;
                seen += f.rxPackets;
            }
            for (int j = 0; j < k; j++) {
                final Conn c = cs[j];
                ts[j] = c.timers;
                seen += c.sndUna;
            }
            for (int j = 0; j < k; j++) {
                seen += ts[j].length;
            }
            for (int j = 0; j < k; j++) {
                sum += work(fs[j], cs[j], ts[j], sum);
            }
            blackhole ^= seen;
        }
        lastNanos = (System.nanoTime() - t0) / (double) events;
        return sum;
    }

    /**
     * One event at a time, as {@link #lap} with K = 1, but loading the next event's interface
     * while this one runs, as the engine's queue does ({@code EventQueue.touch}): the engine's own
     * baseline, against which a lockstep engine would have to win.
     */
    long lapOneAhead() {
        final int events = order.length;
        long sum = 0;
        long seen = 0;
        final long t0 = System.nanoTime();
        for (int e = 0; e < events; e++) {
            final Iface f = clients[order[e]];
            if (e + 1 < events) {
                seen += clients[order[e + 1]].rxPackets;
            }
            final Conn c = f.conn;
            sum += work(f, c, c.timers, sum);
        }
        blackhole ^= seen;
        lastNanos = (System.nanoTime() - t0) / (double) events;
        return sum;
    }

    /** Where the loads ahead land, so that the compiler keeps them. */
    private long blackhole;

    private double nanosPerEvent(final int k) {
        if ((k == 0 ? lapOneAhead() : lap(k)) == 42 && blackhole == 42) {
            System.out.println(); // keeps the work alive
        }
        return lastNanos;
    }

    /** The best of {@code laps} laps after two to warm up; K = 0 is {@link #lapOneAhead}. */
    private double best(final int k, final int laps) {
        nanosPerEvent(k);
        nanosPerEvent(k);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < laps; i++) {
            best = Math.min(best, nanosPerEvent(k));
        }
        return best;
    }

    public static void main(final String[] args) {
        final int[] ns = args.length == 0 ? new int[] {1000, 10_000, 100_000} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        final double[][] table = new double[ns.length][LOCKSTEP.length];
        final double[] oneAhead = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            final MissOverlap m = new MissOverlap(ns[i], EVENTS, 20261207L);
            for (int j = 0; j < LOCKSTEP.length; j++) {
                table[i][j] = m.best(LOCKSTEP[j], 3);
            }
            oneAhead[i] = m.best(0, 3);
        }
        System.out.println("nanoseconds per event, best of 3 laps of " + EVENTS + " events");
        System.out.printf(Locale.ROOT, "%9s", "N \\ K");
        for (final int k : LOCKSTEP) {
            System.out.printf(Locale.ROOT, "%9d", k);
        }
        System.out.println();
        for (int i = 0; i < ns.length; i++) {
            System.out.printf(Locale.ROOT, "%9d", ns[i]);
            for (int j = 0; j < LOCKSTEP.length; j++) {
                System.out.printf(Locale.ROOT, "%9.1f", table[i][j]);
            }
            System.out.println();
        }
        System.out.println("share of the smallest N's events per second at the same K");
        for (int i = 1; i < ns.length; i++) {
            System.out.printf(Locale.ROOT, "%9d", ns[i]);
            for (int j = 0; j < LOCKSTEP.length; j++) {
                System.out.printf(Locale.ROOT, "%8.0f%%", 100 * table[0][j] / table[i][j]);
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "N = %d lockstep against today's one at a time: K = 16 takes %.0f%% of K = 1's time%n",
                ns[ns.length - 1], 100 * table[ns.length - 1][LOCKSTEP.length - 1] / table[ns.length - 1][0]);
        System.out.println("one at a time, the next event's interface loaded ahead (as the engine's queue does)");
        for (int i = 0; i < ns.length; i++) {
            System.out.printf(Locale.ROOT, "%9d%9.1f ns, %.0f%% of the smallest N's events per second%n", ns[i], oneAhead[i],
                    100 * oneAhead[0] / oneAhead[i]);
        }
    }
}
