package dev.ftpsim.core.conntrack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Connection-tracking hash table: IPv4 5-tuple (two packed longs, see {@link FiveTuple}) to a
 * conntrack entry index. Each entry is put twice, under its original and its reply tuple, with
 * the same value; the entries themselves live elsewhere ({@link Conntrack} keeps them as objects
 * in an array indexed by that value).
 *
 * <p>Theory of operation. Open addressing with linear probing over a power-of-two number of
 * slots, in two arrays:
 * <ul>
 *   <li>{@code slots}: one 16-byte slot per tuple, {@code [2s] = ips} and
 *       {@code [2s + 1] = ports << 24 | value}. Key and value share one cache line, so a hit reads
 *       one line of the big array. This is why values are limited to 24 bits ({@link #MAX_VALUE},
 *       16.7M entries, far above any {@code nf_conntrack_max} a simulation needs): a full int
 *       would need a third long and slots that straddle two lines.</li>
 *   <li>{@code ctrl}: one control byte per slot, 0 when empty, else {@code 0x80 | 7 bits} of the
 *       hash, as SwissTable/hashbrown do. A lookup reads the 8 control bytes from its home slot as
 *       one long and finds, without a branch per slot, the slots whose byte matches and whether
 *       the cluster ends in this group. At 1M tuples {@code ctrl} is 2 MB and stays in cache while
 *       {@code slots} (32 MB) does not, so a miss is answered from {@code ctrl} alone (a false
 *       match costs one slot read, 1 time in 128 per occupied byte).</li>
 * </ul>
 * A hit in its home slot (3 in 4 at load 0.48, 5 in 8 at the 0.75 bound) is tested first, behind a
 * branch on the home control byte: the slot's address comes from the hash alone, so once that
 * branch is predicted the DRAM load of the slot starts together with the control load, not after
 * it, and consecutive lookups overlap. Other hits take the general scan, which loads the slot the
 * control bytes point to. On the shared 2-core test machine, ConntrackBenchmark measured this at
 * about twice the hit rate of the first design (which always went control bytes, then slot), with
 * misses also faster; reading 2 or 4 slots from home without waiting for the control bytes was
 * slower than reading one, since each extra line costs memory parallelism. The hash is one multiply
 * per word, slot from the top bits and control byte from the 7 below: at this size the lookups in
 * flight are bounded by the instructions each one takes, so short code is fast code. {@code ctrl}
 * has {@link #GROUP} extra bytes mirroring its first ones, so a group read near the end needs no
 * wrap-around check.
 *
 * <p>Removal shifts the following entries of the cluster back into the hole (as Agrona's
 * {@code compactChain}), so there are no tombstones and lookups never slow down with churn. The
 * table doubles when its size passes {@code loadFactor * capacity}; nothing else allocates.
 *
 * <p>Not thread-safe. Do not put or remove while a {@link #forEachValue} sweep is running: a
 * backward shift may move an entry across the sweep's position. Collect, then remove.
 */
public final class Tuple2IntHashMap {
    /** Returned for a tuple that is not in the table. */
    public static final int MISSING = -1;
    /** Largest value the table holds: values are stored in 24 bits beside the key. */
    public static final int MAX_VALUE = (1 << 24) - 1;
    /** Control bytes read per probe step. */
    static final int GROUP = 8;

    private static final int VALUE_BITS = 24;
    private static final int MIN_CAPACITY = 16;
    /** {@code slots} has 2 longs per slot and Java arrays hold at most 2^31 - 1 elements. */
    private static final int MAX_CAPACITY = 1 << 29;
    private static final long LSB = 0x0101_0101_0101_0101L;
    private static final long MSB = 0x8080_8080_8080_8080L;
    /** Reads 8 control bytes as one little-endian long, unaligned: byte i is bits 8i..8i+7. */
    private static final VarHandle GROUP_VIEW =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final float loadFactor;
    private byte[] ctrl;
    private long[] slots;
    private int mask;
    /** 64 - log2(capacity): a tuple's home slot is {@code hash >>> shift}. */
    private int shift;
    private int size;
    private int resizeThreshold;

    /** An empty table of 16 slots and load factor 0.75. */
    public Tuple2IntHashMap() {
        this(MIN_CAPACITY, 0.75f);
    }

    /**
     * @param initialCapacity slots to start with, rounded up to a power of two (at least 16)
     * @param loadFactor fraction of slots in use above which the table doubles, in [0.1, 0.9]
     */
    public Tuple2IntHashMap(final int initialCapacity, final float loadFactor) {
        if (!(loadFactor >= 0.1f && loadFactor <= 0.9f)) {
            throw new IllegalArgumentException("load factor must be in [0.1, 0.9]: " + loadFactor);
        }
        if (initialCapacity < 0 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("initial capacity out of range: " + initialCapacity);
        }
        this.loadFactor = loadFactor;
        allocate(Math.max(MIN_CAPACITY, ceilPow2(initialCapacity)));
    }

    /** A table that holds {@code tuples} tuples at load factor 0.75 without resizing. */
    public static Tuple2IntHashMap withExpectedTuples(final int tuples) {
        return new Tuple2IntHashMap((int) Math.min(MAX_CAPACITY, (long) Math.ceil(tuples / 0.75) + 1), 0.75f);
    }

    /** Tuples in the table: twice the number of entries when each is put in both directions. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Slots, a power of two; valid slot numbers for {@link #valueAt} are 0..capacity-1. */
    public int capacity() {
        return mask + 1;
    }

    /** The value of a tuple, or {@link #MISSING}. */
    public int get(final long ips, final long ports) {
        final long h = hash(ips, ports);
        final byte[] ctrl = this.ctrl;
        final int home = (int) (h >>> shift);
        final byte fingerprint = fingerprint(h);
        // Most hits sit in their home slot. The slot's address comes from the hash alone, so once
        // this branch is predicted its load starts beside the control load instead of after it.
        if (ctrl[home] == fingerprint) {
            final long[] slots = this.slots;
            final long tail = slots[2 * home + 1];
            if (slots[2 * home] == ips && tail >>> VALUE_BITS == ports) {
                return (int) tail & MAX_VALUE;
            }
        }
        final long fingerprints = (fingerprint & 0xFFL) * LSB;
        final long group = (long) GROUP_VIEW.get(ctrl, home);
        return probe(ips, ports, fingerprints, home, group, matches(group, fingerprints) & ~0x80L);
    }

    /** {@link #find}, returning the value: a separate copy keeps misses to one short loop. */
    private int probe(final long ips, final long ports, final long fingerprints, int pos, long group, long match) {
        final long[] slots = this.slots;
        final int mask = this.mask;
        while (true) {
            while (match != 0) {
                final int s = pos + (Long.numberOfTrailingZeros(match) >>> 3) & mask;
                final long tail = slots[2 * s + 1];
                if (slots[2 * s] == ips && tail >>> VALUE_BITS == ports) {
                    return (int) tail & MAX_VALUE;
                }
                match &= match - 1;
            }
            if ((~group & MSB) != 0) {
                return MISSING;
            }
            pos = pos + GROUP & mask;
            group = (long) GROUP_VIEW.get(ctrl, pos);
            match = matches(group, fingerprints);
        }
    }

    public boolean containsKey(final long ips, final long ports) {
        return get(ips, ports) != MISSING;
    }

    /**
     * Maps a tuple to a value, replacing any previous value.
     *
     * @param value 0..{@link #MAX_VALUE}
     * @return the previous value, or {@link #MISSING}
     * @throws IllegalArgumentException if {@code ports} is not a {@link FiveTuple#ports} word or
     *     the value is out of range
     */
    public int put(final long ips, final long ports, final int value) {
        if (ports >>> FiveTuple.PORTS_BITS != 0) {
            throw new IllegalArgumentException("not a FiveTuple.ports word: 0x" + Long.toHexString(ports));
        }
        if ((value & ~MAX_VALUE) != 0) {
            throw new IllegalArgumentException("value must be in 0.." + MAX_VALUE + ": " + value);
        }
        final long h = hash(ips, ports);
        final int home = (int) (h >>> shift);
        final long group = (long) GROUP_VIEW.get(ctrl, home);
        final long fingerprints = fingerprints(h);
        final int s = find(ips, ports, fingerprints, home, group, matches(group, fingerprints));
        final long tail = ports << VALUE_BITS | value;
        if (s >= 0) {
            final int previous = (int) slots[2 * s + 1] & MAX_VALUE;
            slots[2 * s + 1] = tail;
            return previous;
        }
        place(home, ips, tail, fingerprint(h));
        if (++size > resizeThreshold) {
            grow();
        }
        return MISSING;
    }

    /** Removes a tuple; the other direction of its entry stays until removed too. */
    public int remove(final long ips, final long ports) {
        final long h = hash(ips, ports);
        final int home = (int) (h >>> shift);
        final long group = (long) GROUP_VIEW.get(ctrl, home);
        final long fingerprints = fingerprints(h);
        final int s = find(ips, ports, fingerprints, home, group, matches(group, fingerprints));
        if (s < 0) {
            return MISSING;
        }
        final int value = (int) slots[2 * s + 1] & MAX_VALUE;
        compactChain(s);
        size--;
        return value;
    }

    /** Removes every tuple; keeps the capacity. */
    public void clear() {
        Arrays.fill(ctrl, (byte) 0);
        size = 0;
    }

    /**
     * Calls {@code action} with the value of every occupied slot, in slot order: each entry put in
     * both directions is seen twice. Allocates nothing; see the class comment about removing.
     */
    public void forEachValue(final IntConsumer action) {
        final byte[] ctrl = this.ctrl;
        final long[] slots = this.slots;
        for (int s = 0, n = mask + 1; s < n; s++) {
            if (ctrl[s] != 0) {
                action.accept((int) slots[2 * s + 1] & MAX_VALUE);
            }
        }
    }

    /** The value in slot {@code s}, or {@link #MISSING} if the slot is empty: for swept scans. */
    public int valueAt(final int s) {
        return ctrl[checkSlot(s)] == 0 ? MISSING : (int) slots[2 * s + 1] & MAX_VALUE;
    }

    /** The address word of the tuple in slot {@code s}; meaningless if the slot is empty. */
    public long ipsAt(final int s) {
        return slots[2 * checkSlot(s)];
    }

    /** The port word of the tuple in slot {@code s}; meaningless if the slot is empty. */
    public long portsAt(final int s) {
        return slots[2 * checkSlot(s) + 1] >>> VALUE_BITS;
    }

    /**
     * Slot of a tuple, or -1: scans the cluster from {@code pos} group by group, comparing only the
     * slots whose control byte matches, until a group with an empty slot.
     *
     * @param match candidates in {@code group}, the group at {@code pos}
     */
    private int find(final long ips, final long ports, final long fingerprints, int pos, long group, long match) {
        final long[] slots = this.slots;
        final int mask = this.mask;
        while (true) {
            while (match != 0) {
                final int s = pos + (Long.numberOfTrailingZeros(match) >>> 3) & mask;
                if (slots[2 * s] == ips && slots[2 * s + 1] >>> VALUE_BITS == ports) {
                    return s;
                }
                match &= match - 1;
            }
            // The tuple would be before the first empty slot of its cluster: no tombstones.
            if ((~group & MSB) != 0) {
                return -1;
            }
            pos = pos + GROUP & mask;
            group = (long) GROUP_VIEW.get(ctrl, pos);
            match = matches(group, fingerprints);
        }
    }

    /** Writes a tuple known to be absent into the first empty slot from {@code home}. */
    private void place(final int home, final long ips, final long tail, final byte fingerprint) {
        final int mask = this.mask;
        int pos = home;
        while (true) {
            final long empty = ~(long) GROUP_VIEW.get(ctrl, pos) & MSB;
            if (empty != 0) {
                final int s = pos + (Long.numberOfTrailingZeros(empty) >>> 3) & mask;
                slots[2 * s] = ips;
                slots[2 * s + 1] = tail;
                setCtrl(s, fingerprint);
                return;
            }
            pos = pos + GROUP & mask;
        }
    }

    /**
     * Multiplicative (Fibonacci) hashing of each word, combined: the slot is the top bits, the
     * control byte the 7 bits below them. Every input bit reaches the top bits; the two multiplies
     * run in parallel and keep a lookup short, which matters because the lookups in flight are
     * bounded by the instructions each one needs. Sequential addresses and ports spread as well
     * as random ones (longest cluster 28 slots for 2^20 tuples of 10.0.0.0/16 x 8 ports, 42 for
     * random tuples).
     */
    static long hash(final long ips, final long ports) {
        return ips * 0x9E37_79B9_7F4A_7C15L ^ ports * 0xC2B2_AE3D_27D4_EB4FL;
    }

    /** The 7 hash bits below the slot bits, with the high bit set so that 0 means empty. */
    private byte fingerprint(final long h) {
        return (byte) (h >>> shift - 7 | 0x80);
    }

    /**
     * The high bit of each byte of {@code group} equal to the tuple's control byte. Exact for the
     * lowest match; a higher byte may be flagged falsely after a borrow, which the key compare
     * rejects. Only occupied bytes are ever flagged, so no stale slot is compared.
     */
    private static long matches(final long group, final long fingerprints) {
        final long x = group ^ fingerprints;
        return (x - LSB) & ~x & MSB;
    }

    /** The control byte repeated in all 8 bytes of a long, to compare a group at once. */
    private long fingerprints(final long h) {
        return ((h >>> shift - 7 | 0x80) & 0xFF) * LSB;
    }

    /** Backward-shift delete: pulls later entries of the cluster into the hole at {@code s}. */
    private void compactChain(final int s) {
        final byte[] ctrl = this.ctrl;
        final long[] slots = this.slots;
        final int mask = this.mask;
        int hole = s;
        for (int j = s + 1 & mask; ctrl[j] != 0; j = j + 1 & mask) {
            final long ips = slots[2 * j];
            final long tail = slots[2 * j + 1];
            final int home = (int) (hash(ips, tail >>> VALUE_BITS) >>> shift);
            // The entry may move only if the hole is between its home and j (cyclically).
            if ((j - home & mask) >= (j - hole & mask)) {
                slots[2 * hole] = ips;
                slots[2 * hole + 1] = tail;
                setCtrl(hole, ctrl[j]);
                hole = j;
            }
        }
        setCtrl(hole, (byte) 0);
    }

    private void setCtrl(final int s, final byte b) {
        ctrl[s] = b;
        if (s < GROUP) {
            ctrl[mask + 1 + s] = b;
        }
    }

    private void grow() {
        final int capacity = mask + 1;
        if (capacity == MAX_CAPACITY) {
            throw new IllegalStateException("conntrack table at its maximum of " + MAX_CAPACITY + " slots");
        }
        final byte[] oldCtrl = ctrl;
        final long[] oldSlots = slots;
        allocate(capacity * 2);
        for (int s = 0; s < capacity; s++) {
            if (oldCtrl[s] != 0) {
                final long ips = oldSlots[2 * s];
                final long tail = oldSlots[2 * s + 1];
                final long h = hash(ips, tail >>> VALUE_BITS);
                place((int) (h >>> shift), ips, tail, fingerprint(h));
            }
        }
    }

    private void allocate(final int capacity) {
        ctrl = new byte[capacity + GROUP];
        slots = new long[2 * capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        // At least one empty slot must remain, or a probe for a missing tuple would never stop.
        resizeThreshold = Math.min(capacity - 1, (int) (capacity * (double) loadFactor));
    }

    private int checkSlot(final int s) {
        if (s < 0 || s > mask) {
            throw new IndexOutOfBoundsException("slot " + s + " of " + (mask + 1));
        }
        return s;
    }

    private static int ceilPow2(final int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
