package dev.ftpsim.core.tcp;

import java.util.Arrays;

/**
 * Out-of-order segments waiting for a hole to fill, as disjoint sorted ranges of relative
 * sequence numbers. Only used under loss, so plain objects are fine here; but behind one hole a
 * window's worth of segments (hundreds) can wait, so the ranges sit in an array from {@code head}
 * on: a segment finds its place by binary search (most land after the last range), and the
 * ranges that become ready leave from the front without moving the rest.
 */
final class Reassembly {
    /** One stored range [start, end), with its real bytes (from {@code off}) or none (bulk). */
    static final class Range {
        final long start;
        final long end;
        final byte[] data;
        final int off;

        Range(final long start, final long end, final byte[] data, final int off) {
            this.start = start;
            this.end = end;
            this.data = data;
            this.off = off;
        }
    }

    private Range[] ranges = new Range[8];
    private int head;
    private int tail;

    boolean isEmpty() {
        return head == tail;
    }

    long bytes() {
        long n = 0;
        for (int i = head; i < tail; i++) {
            n += ranges[i].end - ranges[i].start;
        }
        return n;
    }

    /** Stores [start, end) except the parts already held. */
    void insert(long start, final long end, final byte[] data, final int off) {
        if (start >= end) {
            return;
        }
        final long origin = start - off;
        if (head == tail || ranges[tail - 1].end <= start) { // beyond every range held: the usual case
            add(tail, new Range(start, end, data, off));
            return;
        }
        int i = firstEndingAfter(start);
        while (i < tail && start < end) {
            final Range r = ranges[i];
            if (r.start >= end) {
                break;
            }
            if (r.start > start) {
                i = add(i, new Range(start, r.start, data, (int) (start - origin))) + 1;
            }
            start = Math.max(start, r.end);
            i++;
        }
        if (start < end) {
            add(i, new Range(start, end, data, (int) (start - origin)));
        }
    }

    /** The index of the first range whose end lies after {@code seq} (ends rise with the index). */
    private int firstEndingAfter(final long seq) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            final int mid = lo + hi >>> 1;
            if (ranges[mid].end <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Puts {@code r} at index {@code i}, moving the ranges from there one place on.
     *
     * @return the index where {@code r} went (the array may have been compacted to make room)
     */
    private int add(final int i, final Range r) {
        int at = i;
        if (tail == ranges.length) {
            final int n = tail - head;
            final Range[] to = n * 2 > ranges.length ? new Range[ranges.length * 2] : ranges;
            System.arraycopy(ranges, head, to, 0, n);
            if (to == ranges) {
                Arrays.fill(ranges, n, tail, null);
            }
            ranges = to;
            at -= head;
            tail = n;
            head = 0;
        }
        System.arraycopy(ranges, at, ranges, at + 1, tail - at);
        ranges[at] = r;
        tail++;
        return at;
    }

    /** The first range if it starts at or before {@code rcvNxt}, removed; else null. */
    Range pollReady(final long rcvNxt) {
        while (head < tail && ranges[head].start <= rcvNxt) {
            final Range r = ranges[head];
            ranges[head++] = null;
            if (head == tail) {
                head = 0;
                tail = 0;
            }
            if (r.end > rcvNxt) {
                return r;
            }
        }
        return null;
    }
}
