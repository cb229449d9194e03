package dev.ftpsim.core.rules.vm;

import java.util.Arrays;

/**
 * A set or map over primitive keys: each element is, per key component, an inclusive interval of
 * longs (an exact value is {@code [v, v]}, a prefix or range its bounds), so concatenations such as
 * {@code ipv4_addr . inet_service} need no packing and intervals work in every component. A map's
 * element carries data as a long interval (an address or port, or a range of them) or a verdict.
 * One-component sets of disjoint elements are kept sorted and searched by bisection; others scan.
 * Lookups allocate nothing.
 */
final class KeySet {
    final int width;
    private int size;
    private long[] lo = new long[8];
    private long[] hi = new long[8];
    private long[] dataLo = new long[2];
    private long[] dataHi = new long[2];
    /** Simulated time (ns) after which an element is gone; Long.MAX_VALUE for never. */
    private long[] expires = new long[2];
    private boolean sorted;

    KeySet(final int width) {
        this.width = width;
    }

    int size() {
        return size;
    }

    /** Adds an element: per component bounds, its data (0 for a set) and its expiry. */
    void add(final long[] elo, final long[] ehi, final long dLo, final long dHi, final long expiresNs) {
        if ((size + 1) * width > lo.length) {
            lo = Arrays.copyOf(lo, lo.length * 2);
            hi = Arrays.copyOf(hi, hi.length * 2);
        }
        if (size + 1 > dataLo.length) {
            dataLo = Arrays.copyOf(dataLo, dataLo.length * 2);
            dataHi = Arrays.copyOf(dataHi, dataHi.length * 2);
            expires = Arrays.copyOf(expires, expires.length * 2);
        }
        System.arraycopy(elo, 0, lo, size * width, width);
        System.arraycopy(ehi, 0, hi, size * width, width);
        dataLo[size] = dLo;
        dataHi[size] = dHi;
        expires[size] = expiresNs;
        size++;
        sorted = false;
    }

    /** Sorts a one-component set of disjoint elements for bisection; call once loading is done. */
    void seal() {
        if (width != 1 || size < 8) {
            return;
        }
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(lo[a], lo[b]));
        for (int i = 1; i < size; i++) {
            if (lo[order[i]] <= hi[order[i - 1]]) {
                return; // overlapping: keep the scan, first element wins as in the kernel's lookup order
            }
        }
        final long[] nlo = new long[lo.length];
        final long[] nhi = new long[hi.length];
        final long[] ndl = new long[dataLo.length];
        final long[] ndh = new long[dataHi.length];
        final long[] nex = new long[expires.length];
        for (int i = 0; i < size; i++) {
            final int j = order[i];
            nlo[i] = lo[j];
            nhi[i] = hi[j];
            ndl[i] = dataLo[j];
            ndh[i] = dataHi[j];
            nex[i] = expires[j];
        }
        lo = nlo;
        hi = nhi;
        dataLo = ndl;
        dataHi = ndh;
        expires = nex;
        sorted = true;
    }

    /** The index of the element containing {@code key[0..width)} at time {@code now}, or -1. */
    int find(final long[] key, final long now) {
        if (sorted) {
            final long k = key[0];
            int a = 0;
            int b = size - 1;
            while (a <= b) {
                final int m = (a + b) >>> 1;
                if (hi[m] < k) {
                    a = m + 1;
                } else if (lo[m] > k) {
                    b = m - 1;
                } else {
                    return expires[m] > now ? m : -1;
                }
            }
            return -1;
        }
        outer:
        for (int i = 0; i < size; i++) {
            final int base = i * width;
            for (int c = 0; c < width; c++) {
                final long k = key[c];
                if (k < lo[base + c] || k > hi[base + c]) {
                    continue outer;
                }
            }
            if (expires[i] > now) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds or refreshes the exact key {@code key} ({@code add @set} / {@code update @set}): the element's
     * index, or -1 when the set is full; {@link #added} tells whether the element is new.
     */
    int put(final long[] key, final long expiresNs, final boolean refresh, final long now, final long max) {
        added = false;
        final int i = findExact(key);
        if (i >= 0) {
            if (expires[i] <= now) {
                added = true; // expired: a new element in the old one's place
            }
            if (refresh || expires[i] <= now) {
                expires[i] = expiresNs;
            }
            return i;
        }
        added = true;
        // reuse an expired slot before growing, so a dynamic set stays within its size
        for (int j = 0; j < size; j++) {
            if (expires[j] <= now) {
                System.arraycopy(key, 0, lo, j * width, width);
                System.arraycopy(key, 0, hi, j * width, width);
                expires[j] = expiresNs;
                return j;
            }
        }
        if (max > 0 && size >= max) {
            added = false;
            return -1; // full: the kernel's set update fails and the rule does not match
        }
        if ((size + 1) * width <= lo.length && size + 1 <= dataLo.length) {
            System.arraycopy(key, 0, lo, size * width, width);
            System.arraycopy(key, 0, hi, size * width, width);
            expires[size] = expiresNs;
            size++;
            sorted = false;
        } else {
            add(key, key, 0, 0, expiresNs); // growth: amortised, not per packet
        }
        return size - 1;
    }

    /** Whether the last {@link #put} made a new element (its per-element state starts afresh). */
    boolean added;

    private int findExact(final long[] key) {
        outer:
        for (int i = 0; i < size; i++) {
            for (int c = 0; c < width; c++) {
                if (lo[i * width + c] != key[c] || hi[i * width + c] != key[c]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    long dataLo(final int i) {
        return dataLo[i];
    }

    long dataHi(final int i) {
        return dataHi[i];
    }

    /** A copy for one machine: dynamic sets change as packets pass. */
    KeySet copy() {
        final KeySet k = new KeySet(width);
        k.size = size;
        k.lo = lo.clone();
        k.hi = hi.clone();
        k.dataLo = dataLo.clone();
        k.dataHi = dataHi.clone();
        k.expires = expires.clone();
        k.sorted = sorted;
        return k;
    }
}
