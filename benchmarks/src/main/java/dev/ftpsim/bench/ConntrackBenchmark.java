package dev.ftpsim.bench;

import dev.ftpsim.core.conntrack.FiveTuple;
import dev.ftpsim.core.conntrack.Tuple2IntHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.collections.Long2ObjectHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Conntrack lookups: {@link Tuple2IntHashMap} against the maps a Java developer would reach for,
 * each holding {@code size} random TCP/IPv4 5-tuples drawn from a fixed seed.
 *
 * <ul>
 *   <li>{@code *Hit}: a tuple in the table, in an order shuffled once so that neither the table
 *       nor the peers' objects are visited in memory order; one lookup per call.</li>
 *   <li>{@code *Miss}: a tuple drawn from the same distribution and known to be absent.</li>
 *   <li>{@code *Churn}: removes the oldest tuple and puts a fresh one (FIFO, as expiry does), so
 *       the size stays constant.</li>
 * </ul>
 * Peers: {@code HashMap<TupleRecord, Integer>} (looked up with an equal but distinct record, as a
 * packet parser would produce, and returning the boxed value without unboxing it); fastutil's
 * {@code Long2ObjectOpenHashMap} and Agrona's {@code Long2ObjectHashMap} keyed by one long mixed
 * from the tuple, the full tuple being checked in the value object. Probe keys are read
 * sequentially from arrays in probe order, so only the table's own memory accesses are random.
 *
 * <p>Results are returned (JMH sample 08); no loops in the methods (sample 11). A wrong result
 * looks like a hit rate other than 100% / 0%: {@code ftpsimHit} returning {@code MISSING} would
 * be measuring misses, which are cheaper; the setup checks 1000 probes of each kind first.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConntrackBenchmark {
    private static final long SEED = 0x5EED_C0FFEEL;
    private static final int TCP = FiveTuple.TCP;
    /** {@link Workload#probe} of the baseline, which has no table to check. */
    private static final int NO_TABLE = Integer.MIN_VALUE;

    /** What a Java developer would write for a 5-tuple key. */
    public record TupleRecord(int srcIp, int dstIp, int srcPort, int dstPort, int proto) {
        static TupleRecord of(final long ips, final long ports) {
            return new TupleRecord(FiveTuple.srcIp(ips), FiveTuple.dstIp(ips),
                FiveTuple.srcPort(ports), FiveTuple.dstPort(ports), FiveTuple.proto(ports));
        }
    }

    /** The library peers' value: the conntrack entry index and the tuple, checked on lookup. */
    static final class Conn {
        long ips;
        long ports;
        final int index;

        Conn(final long ips, final long ports, final int index) {
            this.ips = ips;
            this.ports = ports;
            this.index = index;
        }
    }

    /** The library peers' key: one long from the whole tuple; the value object settles the rest. */
    static long packedKey(final long ips, final long ports) {
        return ips ^ ports * 0x9E37_79B9_7F4A_7C15L;
    }

    /** The tuples; also the baseline, which reads a probe key and touches no table. */
    @State(Scope.Thread)
    public static class Workload {
        @Param({"10000", "1000000", "10000000"})
        public int size;

        /** Tuples in insertion order; for churn, a FIFO ring of what is in the table. */
        long[] ips;
        long[] ports;
        /** The same tuples, shuffled: hit probes. */
        long[] hitIps;
        long[] hitPorts;
        /** Absent tuples: miss probes. */
        long[] missIps;
        long[] missPorts;
        private int hit;
        private int miss;
        private int oldest;
        /** Fresh churn tuples come from a splitmix sequence, without allocation. */
        private long fresh = SEED;
        long freshIps;
        long freshPorts;

        @Setup(Level.Trial)
        public final void setUp() {
            final SplittableRandom rnd = new SplittableRandom(SEED);
            final Tuple2IntHashMap seen = Tuple2IntHashMap.withExpectedTuples(2 * size);
            ips = new long[size];
            ports = new long[size];
            for (int i = 0; i < size; i++) {
                do {
                    ips[i] = rnd.nextLong();
                    ports[i] = FiveTuple.ports(1024 + rnd.nextInt(65536 - 1024), rnd.nextInt(65536), TCP);
                } while (seen.put(ips[i], ports[i], 0) != Tuple2IntHashMap.MISSING);
            }
            final int[] order = Permutations.shuffled(size, rnd);
            hitIps = new long[size];
            hitPorts = new long[size];
            for (int i = 0; i < size; i++) {
                hitIps[i] = ips[order[i]];
                hitPorts[i] = ports[order[i]];
            }
            missIps = new long[size];
            missPorts = new long[size];
            for (int i = 0; i < size; i++) {
                do {
                    missIps[i] = rnd.nextLong();
                    missPorts[i] = FiveTuple.ports(1024 + rnd.nextInt(65536 - 1024), rnd.nextInt(65536), TCP);
                } while (seen.put(missIps[i], missPorts[i], 0) != Tuple2IntHashMap.MISSING);
            }
            build();
            // A wrong result would look like this: hit probes that miss, or the reverse.
            for (int i = 0; i < Math.min(size, 1000) && probe(ips[0], ports[0]) != NO_TABLE; i++) {
                if (probe(hitIps[i], hitPorts[i]) < 0 || probe(missIps[i], missPorts[i]) != -1) {
                    throw new IllegalStateException("a hit probe missed or a miss probe hit: " + i);
                }
            }
        }

        /** Fills the table under test with {@code ips[i], ports[i] -> i}. */
        void build() {
        }

        /** The table's answer for a tuple, -1 if absent: checks the probes before measuring. */
        int probe(final long ips, final long ports) {
            return NO_TABLE;
        }

        final int nextHit() {
            final int i = hit;
            hit = i + 1 == size ? 0 : i + 1;
            return i;
        }

        final int nextMiss() {
            final int i = miss;
            miss = i + 1 == size ? 0 : i + 1;
            return i;
        }

        /** Slot of the oldest tuple in the ring; the caller replaces it by {@code fresh*}. */
        final int nextOldest() {
            final int i = oldest;
            oldest = i + 1 == size ? 0 : i + 1;
            fresh += 0x9E37_79B9_7F4A_7C15L;
            freshIps = mix(fresh);
            freshPorts = (mix(~fresh) & 0xFFFF_FFFFL) << 8 | TCP;
            return i;
        }

        private static long mix(long z) {
            z = (z ^ z >>> 30) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ z >>> 27) * 0x94D0_49BB_1331_11EBL;
            return z ^ z >>> 31;
        }
    }

    @State(Scope.Thread)
    public static class Ftpsim extends Workload {
        Tuple2IntHashMap table;

        @Override
        void build() {
            table = Tuple2IntHashMap.withExpectedTuples(size);
            for (int i = 0; i < size; i++) {
                table.put(ips[i], ports[i], i);
            }
        }

        @Override
        int probe(final long ips, final long ports) {
            return table.get(ips, ports);
        }
    }

    @State(Scope.Thread)
    public static class JavaHashMap extends Workload {
        HashMap<TupleRecord, Integer> map;
        TupleRecord[] ring;
        TupleRecord[] hitKeys;
        TupleRecord[] missKeys;

        @Override
        void build() {
            map = new HashMap<>((int) (size / 0.75f) + 1);
            ring = new TupleRecord[size];
            for (int i = 0; i < size; i++) {
                ring[i] = TupleRecord.of(ips[i], ports[i]);
                map.put(ring[i], i);
            }
            // Allocated in probe order, so reading the probe key is sequential, as for the others.
            hitKeys = new TupleRecord[size];
            missKeys = new TupleRecord[size];
            for (int i = 0; i < size; i++) {
                hitKeys[i] = TupleRecord.of(hitIps[i], hitPorts[i]);
            }
            for (int i = 0; i < size; i++) {
                missKeys[i] = TupleRecord.of(missIps[i], missPorts[i]);
            }
        }

        @Override
        int probe(final long ips, final long ports) {
            final Integer v = map.get(TupleRecord.of(ips, ports));
            return v == null ? -1 : v;
        }
    }

    @State(Scope.Thread)
    public static class Fastutil extends Workload {
        Long2ObjectOpenHashMap<Conn> map;

        @Override
        void build() {
            map = new Long2ObjectOpenHashMap<>(size);
            for (int i = 0; i < size; i++) {
                map.put(packedKey(ips[i], ports[i]), new Conn(ips[i], ports[i], i));
            }
        }

        @Override
        int probe(final long ips, final long ports) {
            return check(map.get(packedKey(ips, ports)), ips, ports);
        }
    }

    @State(Scope.Thread)
    public static class Agrona extends Workload {
        Long2ObjectHashMap<Conn> map;

        @Override
        void build() {
            map = new Long2ObjectHashMap<>((int) (size / 0.65f) + 1, 0.65f);
            for (int i = 0; i < size; i++) {
                map.put(packedKey(ips[i], ports[i]), new Conn(ips[i], ports[i], i));
            }
        }

        @Override
        int probe(final long ips, final long ports) {
            return check(map.get(packedKey(ips, ports)), ips, ports);
        }
    }

    private static int check(final Conn c, final long ips, final long ports) {
        return c != null && c.ips == ips && c.ports == ports ? c.index : -1;
    }

    @Benchmark
    public long baseline(final Workload w) {
        final int i = w.nextHit();
        return w.hitIps[i] ^ w.hitPorts[i];
    }

    // ftpsim

    @Benchmark
    public int ftpsimHit(final Ftpsim s) {
        final int i = s.nextHit();
        return s.table.get(s.hitIps[i], s.hitPorts[i]);
    }

    @Benchmark
    public int ftpsimMiss(final Ftpsim s) {
        final int i = s.nextMiss();
        return s.table.get(s.missIps[i], s.missPorts[i]);
    }

    @Benchmark
    public int ftpsimChurn(final Ftpsim s) {
        final int i = s.nextOldest();
        final int value = s.table.remove(s.ips[i], s.ports[i]);
        s.ips[i] = s.freshIps;
        s.ports[i] = s.freshPorts;
        return s.table.put(s.freshIps, s.freshPorts, value) ^ value;
    }

    // java.util.HashMap

    @Benchmark
    public Integer hashMapHit(final JavaHashMap s) {
        return s.map.get(s.hitKeys[s.nextHit()]);
    }

    @Benchmark
    public Integer hashMapMiss(final JavaHashMap s) {
        return s.map.get(s.missKeys[s.nextMiss()]);
    }

    @Benchmark
    public Integer hashMapChurn(final JavaHashMap s) {
        final int i = s.nextOldest();
        final Integer value = s.map.remove(s.ring[i]);
        s.ring[i] = TupleRecord.of(s.freshIps, s.freshPorts);
        return s.map.put(s.ring[i], value);
    }

    // fastutil

    @Benchmark
    public int fastutilHit(final Fastutil s) {
        final int i = s.nextHit();
        final long ips = s.hitIps[i];
        final long ports = s.hitPorts[i];
        return check(s.map.get(packedKey(ips, ports)), ips, ports);
    }

    @Benchmark
    public int fastutilMiss(final Fastutil s) {
        final int i = s.nextMiss();
        final long ips = s.missIps[i];
        final long ports = s.missPorts[i];
        return check(s.map.get(packedKey(ips, ports)), ips, ports);
    }

    @Benchmark
    public int fastutilChurn(final Fastutil s) {
        final int i = s.nextOldest();
        final Conn c = s.map.remove(packedKey(s.ips[i], s.ports[i]));
        c.ips = s.ips[i] = s.freshIps;
        c.ports = s.ports[i] = s.freshPorts;
        s.map.put(packedKey(c.ips, c.ports), c);
        return c.index;
    }

    // Agrona

    @Benchmark
    public int agronaHit(final Agrona s) {
        final int i = s.nextHit();
        final long ips = s.hitIps[i];
        final long ports = s.hitPorts[i];
        return check(s.map.get(packedKey(ips, ports)), ips, ports);
    }

    @Benchmark
    public int agronaMiss(final Agrona s) {
        final int i = s.nextMiss();
        final long ips = s.missIps[i];
        final long ports = s.missPorts[i];
        return check(s.map.get(packedKey(ips, ports)), ips, ports);
    }

    @Benchmark
    public int agronaChurn(final Agrona s) {
        final int i = s.nextOldest();
        final Conn c = s.map.remove(packedKey(s.ips[i], s.ports[i]));
        c.ips = s.ips[i] = s.freshIps;
        c.ports = s.ports[i] = s.freshPorts;
        s.map.put(packedKey(c.ips, c.ports), c);
        return c.index;
    }
}
