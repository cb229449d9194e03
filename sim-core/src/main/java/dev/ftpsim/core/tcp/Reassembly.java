package dev.ftpsim.core.tcp;

import java.util.ArrayList;

/**
 * Out-of-order segments waiting for a hole to fill, as disjoint sorted ranges of relative
 * sequence numbers. Only used under loss, so plain objects are fine here.
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

    private final ArrayList<Range> ranges = new ArrayList<>();

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    long bytes() {
        long n = 0;
        for (final Range r : ranges) {
            n += r.end - r.start;
        }
        return n;
    }

    /** Stores [start, end) except the parts already held. */
    void insert(long start, final long end, final byte[] data, final int off) {
        final long origin = start - off;
        int i = 0;
        while (i < ranges.size() && start < end) {
            final Range r = ranges.get(i);
            if (r.end <= start) {
                i++;
                continue;
            }
            if (r.start >= end) {
                break;
            }
            if (r.start > start) {
                ranges.add(i, new Range(start, r.start, data, (int) (start - origin)));
                i++;
            }
            start = Math.max(start, r.end);
            i++;
        }
        if (start < end) {
            ranges.add(i, new Range(start, end, data, (int) (start - origin)));
        }
    }

    /** The first range if it starts at or before {@code rcvNxt}, removed; else null. */
    Range pollReady(final long rcvNxt) {
        while (!ranges.isEmpty() && ranges.get(0).start <= rcvNxt) {
            final Range r = ranges.remove(0);
            if (r.end > rcvNxt) {
                return r;
            }
        }
        return null;
    }
}
