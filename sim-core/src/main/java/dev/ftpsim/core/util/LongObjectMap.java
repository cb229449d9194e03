package dev.ftpsim.core.util;

import java.util.Arrays;

/**
 * Open-addressing map from primitive {@code long} keys to objects: keys and values in parallel
 * arrays, power-of-two capacity, linear probing, backward-shift deletion (no tombstones), no boxing.
 * A {@code null} value means "absent", so null values cannot be stored.
 *
 * <p>Iteration order depends on hashing, so callers must never let it affect a simulation result.
 *
 * @param <V> value type
 */
public final class LongObjectMap<V> {
    /** Largest share of slots in use before the table doubles. */
    public static final float LOAD = 0.6f;
    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;
    private int resizeAt;

    public LongObjectMap() {
        this(16);
    }

    public LongObjectMap(final int expected) {
        alloc(capacityFor(expected));
    }

    /** The capacity a map made for {@code expected} entries starts with. */
    public static int capacityFor(final int expected) {
        return Integer.highestOneBit(Math.max(4, (int) (expected / LOAD)) - 1) << 1;
    }

    /** The slots of the table now (it grows, never shrinks): an empty map of its first capacity is as good as new. */
    public int capacity() {
        return keys.length;
    }

    private void alloc(final int cap) {
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
        resizeAt = (int) (cap * LOAD);
    }

    /** Murmur3's 64-bit finaliser: spreads packed 5-tuples and small ports alike. */
    /** The slot-choosing hash of a key (a murmur3 finaliser's first rounds). */
    public static int hash(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public V get(final long key) {
        final long[] ks = keys;
        final Object[] vs = values;
        int i = hash(key) & mask;
        Object v;
        while ((v = vs[i]) != null) {
            if (ks[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    public boolean containsKey(final long key) {
        return get(key) != null;
    }

    /** Stores a value; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    public V put(final long key, final V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored; use remove");
        }
        int i = hash(key) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (keys[i] == key) {
                values[i] = value;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size > resizeAt) {
            rehash(keys.length * 2);
        }
        return null;
    }

    /** Removes a key; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(final long key) {
        int i = hash(key) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (keys[i] == key) {
                values[i] = null;
                size--;
                shiftBack(i);
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Backward-shift deletion: moves later members of the probe chain into the hole. */
    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            final Object v = values[i];
            if (v == null) {
                return;
            }
            final int home = hash(keys[i]) & mask;
            // Move if home is not cyclically in (hole, i].
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                values[hole] = v;
                values[i] = null;
                hole = i;
            }
        }
    }

    private void rehash(final int cap) {
        final long[] ok = keys;
        final Object[] ov = values;
        alloc(cap);
        for (int j = 0; j < ok.length; j++) {
            if (ov[j] != null) {
                int i = hash(ok[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                values[i] = ov[j];
            }
        }
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    /** Calls {@code action} for each entry, in unspecified order. */
    @SuppressWarnings("unchecked")
    public void forEach(final Entry<V> action) {
        for (int j = 0; j < keys.length; j++) {
            if (values[j] != null) {
                action.accept(keys[j], (V) values[j]);
            }
        }
    }

    /** Consumer of one entry. */
    @FunctionalInterface
    public interface Entry<V> {
        void accept(long key, V value);
    }
}
