package dev.ftpsim.core.kernel;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * A 4-ary min-heap of {@code (time, key)} pairs of longs, ordered by time then key.
 *
 * <p>Pairs are interleaved in one {@code long[]} and node {@code k} lives at pair slot {@code k +
 * 3}, so the four children of a node are eight consecutive longs starting at a multiple of eight:
 * one sift-down step reads one 64-byte block. Sifts move a hole instead of swapping (fastutil's
 * {@code Heaps}). No allocation once grown.
 */
final class PairHeap {
    /** Node k is stored at pair slot k + ROOT, aligning each group of four siblings. */
    private static final int ROOT = 3;

    private long[] heap;
    private int size;

    PairHeap(final int initialCapacity) {
        heap = new long[2 * (Math.max(4, initialCapacity) + ROOT)];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long topTime() {
        return heap[2 * ROOT];
    }

    long topKey() {
        return heap[2 * ROOT + 1];
    }

    void add(final long t, final long k) {
        if (size + ROOT >= (heap.length >> 1)) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        siftUp(size + ROOT, t, k);
        size++;
    }

    void removeTop() {
        final int last = --size + ROOT;
        if (size > 0) {
            siftDown(ROOT, heap[2 * last], heap[2 * last + 1], last - 1);
        }
    }

    void clear() {
        size = 0;
    }

    /** Removes the entries whose key matches, then restores the heap bottom-up in O(n). */
    void removeIf(final LongPredicate drop) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            final int s = i + ROOT;
            final long k = heap[2 * s + 1];
            if (drop.test(k)) {
                continue;
            }
            final int d = n + ROOT;
            heap[2 * d] = heap[2 * s];
            heap[2 * d + 1] = k;
            n++;
        }
        size = n;
        final int lastSlot = size - 1 + ROOT;
        for (int node = (size - 2) >> 2; node >= 0; node--) {
            final int s = node + ROOT;
            siftDown(s, heap[2 * s], heap[2 * s + 1], lastSlot);
        }
    }

    /** Rewrites every key through {@code map}; the map must preserve key order. */
    void mapKeys(final java.util.function.LongUnaryOperator map) {
        for (int i = 0; i < size; i++) {
            final int s = i + ROOT;
            heap[2 * s + 1] = map.applyAsLong(heap[2 * s + 1]);
        }
    }

    private void siftUp(int s, final long t, final long k) {
        final long[] h = heap;
        while (s > ROOT) {
            final int p = (s >> 2) + 2;
            final long pt = h[2 * p];
            if (pt < t || (pt == t && h[2 * p + 1] < k)) {
                break;
            }
            h[2 * s] = pt;
            h[2 * s + 1] = h[2 * p + 1];
            s = p;
        }
        h[2 * s] = t;
        h[2 * s + 1] = k;
    }

    private void siftDown(int s, final long t, final long k, final int lastSlot) {
        final long[] h = heap;
        while (true) {
            final int c = 4 * s - 8;
            if (c > lastSlot) {
                break;
            }
            int m = c;
            long mt = h[2 * c];
            long mk = h[2 * c + 1];
            final int end = Math.min(c + 3, lastSlot);
            for (int j = c + 1; j <= end; j++) {
                final long ct = h[2 * j];
                final long ck = h[2 * j + 1];
                if (ct < mt || (ct == mt && ck < mk)) {
                    m = j;
                    mt = ct;
                    mk = ck;
                }
            }
            if (t < mt || (t == mt && k < mk)) {
                break;
            }
            h[2 * s] = mt;
            h[2 * s + 1] = mk;
            s = m;
        }
        h[2 * s] = t;
        h[2 * s + 1] = k;
    }
}
