package dev.ftpsim.bench;

import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The reference workload, kept exactly so that it can be compared with other simulators: N client
 * hosts, each on its own 100 Mbps / 1 ms link to one router; the router to one server over 1 Gbps
 * / 5 ms; drop-tail queues of 100 packets; static routes; NewReno, MSS 1460, no timestamps,
 * delayed ACKs on; each client opens one TCP connection at a start time uniform in [0, 1 s) and
 * sends exactly 1 000 000 bytes; the run ends when the server has received them all.
 *
 * <p>With a 100-packet drop-tail queue in front of the 1 Gbps link, thousands of flows keep that
 * queue full for long stretches, so a few clients can lose all seven SYNs and fail after 127 s, as
 * Linux would. The run then ends when every connection has either delivered its bytes or failed,
 * and the failures are reported beside the figures.
 *
 * <p>A plain {@code main} (not JMH: one run is seconds long and its figures are the result):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.ReferenceWorkloadBenchmark [--fixed-window] [--slices=T,...] [N...]}
 * ({@code --fixed-window}: 128 KiB receive windows, as ns-3 has them, for the side-by-side run;
 * {@code --slices=15,40}: only the first 15, then up to 40 simulated seconds, see {@link #slices}).
 * With an N above 1000 it first measures N = 1000 on warm code (the median of 7 runs) and ends with
 * each N's events per CPU second as a share of that (the scale target: 80% at N = 100 000).
 * It prints simulated end time, events, wall seconds, events per second, server packets per
 * second, peak heap, failed connections, the simulating thread's CPU seconds and events per CPU
 * second (on a loaded machine wall time says little), the collectors' time, and heap bytes per
 * established idle connection (both endpoints).
 */
public final class ReferenceWorkloadBenchmark {
    static final long BYTES_PER_CLIENT = 1_000_000L;
    static final int SERVER_PORT = 5001;

    /** Outcome of one run. */
    public record Result(int clients, long simEndNanos, long events, double wallSeconds, long serverPackets,
            long bytesReceived, int failedConnections, double cpuSeconds, double gcSeconds) {
        double eventsPerSecond() {
            return events / wallSeconds;
        }

        /** Events per second of the simulating thread's CPU time: what a loaded machine changes least. */
        double eventsPerCpuSecond() {
            return events / cpuSeconds;
        }

        double serverPacketsPerSecond() {
            return serverPackets / wallSeconds;
        }
    }

    private ReferenceWorkloadBenchmark() {}

    /** Builds and runs the workload for {@code n} clients, Linux's TCP defaults (autotuned windows). */
    public static Result run(final int n, final long seed) {
        return run(n, seed, false);
    }

    /**
     * The same; {@code fixedWindow} keeps every receive window at 128 KiB, as ns-3's TcpSocket
     * (RcvBufSize 131072, no autotuning) does, so that both simulators compute the same dynamics.
     */
    public static Result run(final int n, final long seed, final boolean fixedWindow) {
        final Workload w = build(n, seed, fixedWindow);
        final Simulator sim = w.sim();
        final long[] tally = w.tally();
        final NetInterface s0 = w.serverIf();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long gc0 = gcMillis();
        final long cpu0 = threads.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        sim.run();
        final double wall = (System.nanoTime() - t0) / 1e9;
        final double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        final double gc = (gcMillis() - gc0) / 1e3;
        // A connection that fails after its handshake (tcp_retries2, as some do at N = 100 000) may
        // have delivered part of its bytes first.
        if (tally[0] < tally[1] * BYTES_PER_CLIENT || tally[0] > (tally[1] + tally[2]) * BYTES_PER_CLIENT
                || tally[2] == 0 && tally[0] != tally[1] * BYTES_PER_CLIENT || tally[1] + tally[2] != n) {
            throw new IllegalStateException("server received " + tally[0] + " bytes, " + tally[1] + " complete, "
                    + tally[2] + " failed of " + n);
        }
        return new Result(n, sim.now(), sim.eventsExecuted(), wall,
                s0.counters().rxPackets() + s0.counters().txPackets(), tally[0], (int) tally[2], cpu, gc);
    }

    /** A built workload, its clock at 0: the simulator, the server's tally (bytes, complete, failed) and interface. */
    private record Workload(Simulator sim, long[] tally, NetInterface serverIf) {}

    private static Workload build(final int n, final long seed, final boolean fixedWindow) {
        final Simulator sim = new Simulator(seed, 4 * n + 1024);
        final Network net = new Network(sim);
        final Router router = net.router("router");
        final Host server = net.host("server");
        final NetInterface rs = router.addInterface("srv", "10.255.255.1/30");
        final NetInterface s0 = server.addInterface("eth0", "10.255.255.2/30");
        server.defaultGateway("10.255.255.1");
        net.connect(rs, s0, LinkConfig.of(1_000_000_000L, 5_000_000L, 100));
        final TcpConfig linux = TcpConfig.linux().withMss(1460).withDelayedAck(true);
        final TcpConfig cfg = fixedWindow ? linux.withReceiveBuffer(131072) : linux;
        final TcpStack serverTcp = new TcpStack(server, cfg);
        // received bytes, finished connections, failed connections
        final long[] tally = new long[3];
        serverTcp.listen(SERVER_PORT, c -> new TcpHandler() {
            @Override
            public void receivedBulk(final TcpConnection conn, final long bytes) {
                tally[0] += bytes;
                if (conn.bytesReceived() == BYTES_PER_CLIENT && ++tally[1] + tally[2] == n) {
                    sim.stop();
                }
            }
        });
        final RandomStream starts = sim.streams().stream("bench/start");
        final int serverIp = s0.address();
        final TcpHandler sender = new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.send(BYTES_PER_CLIENT);
            }

            @Override
            public void failed(final TcpConnection c, final dev.ftpsim.core.tcp.FailReason reason) {
                if (tally[1] + ++tally[2] == n) {
                    sim.stop();
                }
            }
        };
        for (int i = 0; i < n; i++) {
            // client i on 10.a.b.0/24 with a.b = i + 1; the router is .1, the client .2
            final int net24 = Ipv4.parse("10.0.0.0") + ((i + 1) << 8);
            final Host h = net.host("c" + i);
            final NetInterface ri = router.addInterface("c" + i, Ipv4.format(net24 + 1) + "/24");
            final NetInterface hi = h.addInterface("eth0", Ipv4.format(net24 + 2) + "/24");
            h.defaultGateway(Ipv4.format(net24 + 1));
            net.connect(hi, ri, LinkConfig.of(100_000_000L, 1_000_000L, 100));
            final TcpStack tcp = new TcpStack(h, cfg);
            final long start = (long) (starts.nextDouble() * 1e9);
            sim.schedule(start, () -> tcp.connect(serverIp, SERVER_PORT, sender));
        }
        return new Workload(sim, tally, s0);
    }

    /**
     * The first {@code ends[k]} simulated seconds of the workload at {@code n} clients, printed slice
     * by slice: events and events per CPU second of the simulating thread. At N = 100 000 the first
     * 40 seconds take some 10 s of CPU against 2-3 minutes for the whole run, enough to compare two
     * builds run side by side (the events are the same in both, slice by slice).
     */
    static void slices(final int n, final boolean fixedWindow, final double[] ends) {
        final Workload w = build(n, 1, fixedWindow);
        final Simulator sim = w.sim();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("    N  until(s)      events    cpu(s)  events/cpu-s  bytes at server  allocated(MB)   gc(s)");
        for (final double end : ends) {
            final long e0 = sim.eventsExecuted();
            final long a0 = allocatedBytes();
            final long g0 = gcMillis();
            final long c0 = threads.getCurrentThreadCpuTime();
            sim.runUntil((long) (end * 1e9));
            final double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            final long events = sim.eventsExecuted() - e0;
            System.out.printf(Locale.ROOT, "%5d %9.1f %11d %9.2f %13.0f %16d %14.1f %7.2f%n", n, end, events, cpu,
                    events / cpu, w.tally()[0], (allocatedBytes() - a0) / 1e6, (gcMillis() - g0) / 1e3);
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's counter), or 0 where the JVM has none. */
    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                ? t.getCurrentThreadAllocatedBytes() : 0;
    }

    /** Milliseconds the collectors have spent so far (pauses and concurrent work alike). */
    private static long gcMillis() {
        long ms = 0;
        for (final GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, g.getCollectionTime());
        }
        return ms;
    }

    /**
     * Heap per established idle connection, both endpoints: {@code m} connections between two
     * hosts, measured as the growth of used heap after full GCs.
     */
    public static double heapBytesPerIdleConnection(final int m) {
        final TwoHosts h = TwoHosts.linked();
        final Simulator sim = h.sim();
        final TcpStack ta = h.client();
        final TcpStack tb = h.server();
        final NetInterface ib = h.serverIf();
        final TcpHandler idle = new TcpHandler() { };
        tb.listen(80, c -> idle);
        sim.run();
        final long before = usedHeapAfterGc();
        for (int i = 0; i < m; i++) {
            ta.connect(ib.address(), 80, idle);
        }
        sim.run();
        final long after = usedHeapAfterGc();
        if (ta.connectionCount() != m || tb.connectionCount() != m) {
            throw new IllegalStateException("not all connections established");
        }
        final double perConnection = (after - before) / (double) m;
        // keep both stacks reachable until after the measurement
        if (ta.node() == tb.node()) {
            throw new IllegalStateException();
        }
        return perConnection;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Warmed runs of N = 1000 that give the reference the scale target is a share of. */
    static final int WARM_REFERENCE_RUNS = 7;

    /**
     * N = 1000's events per CPU second on warm code, the figure the scale target is a share
     * of (at least 80% at N = 100 000): the median of {@link #WARM_REFERENCE_RUNS} runs, after as
     * many to warm up, as JMH's {@code WholeSimulationBenchmark} would measure it. Run before the
     * table, because a run of 100 000 clients leaves a heap (the collector's sizing, old garbage)
     * that a later small run would pay for.
     */
    private static double warmReference(final boolean fixed) {
        final double[] rates = new double[WARM_REFERENCE_RUNS];
        for (int i = 0; i < 2 * rates.length; i++) {
            final double r = run(1000, 1, fixed).eventsPerCpuSecond();
            if (i >= rates.length) {
                rates[i - rates.length] = r;
            }
        }
        Arrays.sort(rates);
        final double reference = rates[rates.length / 2];
        System.out.printf(Locale.ROOT, "N = 1000 warmed: %.0f events/cpu-s (median of %d runs, %.0f to %.0f)%n",
                reference, rates.length, rates[0], rates[rates.length - 1]);
        return reference;
    }

    public static void main(final String[] args) {
        final boolean fixed = Arrays.asList(args).contains("--fixed-window");
        final String sliced = Arrays.stream(args).filter(a -> a.startsWith("--slices=")).findFirst()
                .orElse(null);
        final int[] given = Arrays.stream(args).filter(a -> !a.startsWith("--"))
                .mapToInt(Integer::parseInt).toArray();
        if (sliced != null) {
            final double[] ends = Arrays.stream(sliced.substring("--slices=".length()).split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            for (final int n : given) {
                slices(n, fixed, ends);
            }
            return;
        }
        final int[] ns = given.length == 0 ? new int[] {100, 1000, 10000} : given;
        // Warm-up so that N=100 is not mostly JIT compilation.
        run(200, 99, fixed);
        final double reference = Arrays.stream(ns).anyMatch(n -> n > 1000) ? warmReference(fixed) : 0;
        System.out.println("    N   sim end(s)      events   wall(s)    events/s  server pkts/s  peak heap(MB)  failed"
                + "    cpu(s)  events/cpu-s   gc(s)");
        final Result[] results = new Result[ns.length];
        for (int i = 0; i < ns.length; i++) {
            final int n = ns[i];
            usedHeapAfterGc();
            HeapWatch.reset();
            final Result r = results[i] = run(n, 1, fixed);
            System.out.printf(Locale.ROOT, "%5d %11.3f %11d %9.2f %11.0f %14.0f %14.1f %7d %9.2f %13.0f %7.2f%n", n,
                    r.simEndNanos() / 1e9, r.events(), r.wallSeconds(), r.eventsPerSecond(),
                    r.serverPacketsPerSecond(), HeapWatch.peakUsed() / 1e6, r.failedConnections(), r.cpuSeconds(),
                    r.eventsPerCpuSecond(), r.gcSeconds());
        }
        if (reference > 0) {
            for (int i = 0; i < ns.length; i++) {
                System.out.printf(Locale.ROOT, "N = %d: %.1f%% of N = 1000's warmed events/cpu-s%n", ns[i],
                        100 * results[i].eventsPerCpuSecond() / reference);
            }
        }
        // After a run of 100,000 clients the heap it leaves (the collector's sizing, old-generation
        // garbage) made this figure read 4,124-4,170 bytes in some runs, where a fresh JVM reads about 1,050.
        if (Arrays.stream(ns).max().orElse(0) <= 10_000) {
            System.out.printf(Locale.ROOT, "heap per established idle connection (both endpoints): %.0f bytes%n",
                    heapBytesPerIdleConnection(10_000));
        } else {
            System.out.println("heap per established idle connection: not measured after a run this large (it would"
                    + " read the heap the run left); see IdleConnectionFootprint");
        }
    }
}
