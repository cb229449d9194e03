package dev.ftpsim.core.tcp;

import java.util.Arrays;

/**
 * Data the application handed over and the peer has not yet acknowledged, addressed by stream
 * offset (0 = first data byte). A chunk holds either real bytes or a bulk count; consecutive bulk
 * sends extend one chunk, so bulk transfers allocate nothing per send or per segment. Chunks live
 * in a small ring of parallel arrays (no iterator objects on the per-segment path).
 */
final class SendBuffer {
    /** The empty buffer of every connection that has not sent yet; never appended to. */
    static final SendBuffer NONE = new SendBuffer();
    private static final long[] NO_LONGS = new long[0];
    private static final byte[][] NO_DATA = new byte[0][];
    // Empty until the first send, so that idle connections stay small.
    private long[] starts = NO_LONGS;
    private long[] ends = NO_LONGS;
    private byte[][] data = NO_DATA;
    private int head;
    private int count;
    private long end;

    /** Offset one past the last byte handed over. */
    long end() {
        return end;
    }

    private int slot(final int i) {
        return (head + i) & (starts.length - 1); // only called with count > 0, so length >= 2
    }

    private void add(final long s, final long e, final byte[] d) {
        if (count == starts.length) {
            final int cap = Math.max(2, starts.length * 2);
            final long[] ns = new long[cap];
            final long[] ne = new long[cap];
            final byte[][] nd = new byte[cap][];
            for (int i = 0; i < count; i++) {
                ns[i] = starts[slot(i)];
                ne[i] = ends[slot(i)];
                nd[i] = data[slot(i)];
            }
            starts = ns;
            ends = ne;
            data = nd;
            head = 0;
        }
        final int k = slot(count++);
        starts[k] = s;
        ends[k] = e;
        data[k] = d;
    }

    void append(final byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        add(end, end + bytes.length, bytes.clone());
        end += bytes.length;
    }

    void appendBulk(final long n) {
        if (n <= 0) {
            return;
        }
        if (count > 0 && data[slot(count - 1)] == null) {
            ends[slot(count - 1)] += n;
        } else {
            add(end, end + n, null);
        }
        end += n;
    }

    /** Forgets data before {@code offset} (acknowledged). */
    void releaseBefore(final long offset) {
        while (count > 0 && ends[head] <= offset) {
            data[head] = null;
            head = (head + 1) & (starts.length - 1);
            count--;
        }
    }

    /**
     * How many bytes from {@code offset} (at most {@code max}) one segment may carry: a segment
     * never mixes real and bulk bytes.
     */
    int segmentLength(final long offset, final int max) {
        long len = 0;
        int kind = -1; // 0 bulk, 1 real
        for (int i = 0; i < count; i++) {
            final int k = slot(i);
            if (ends[k] <= offset) {
                continue;
            }
            final int r = data[k] != null ? 1 : 0;
            if (kind >= 0 && kind != r) {
                break;
            }
            kind = r;
            len += ends[k] - Math.max(offset + len, starts[k]);
            if (len >= max) {
                return max;
            }
        }
        return (int) len;
    }

    /** Real bytes [offset, offset+len), or null when that range is bulk data. */
    byte[] copy(final long offset, final int len) {
        byte[] out = null;
        int filled = 0;
        for (int i = 0; i < count && filled < len; i++) {
            final int k = slot(i);
            if (ends[k] <= offset) {
                continue;
            }
            if (data[k] == null) {
                return null;
            }
            if (out == null) {
                out = new byte[len];
            }
            final long from = offset + filled;
            final int n = (int) Math.min(len - filled, ends[k] - from);
            System.arraycopy(data[k], (int) (from - starts[k]), out, filled, n);
            filled += n;
        }
        return out;
    }

    @Override
    public String toString() {
        return "SendBuffer[" + count + " chunks, end " + end + ", " + Arrays.toString(ends) + "]";
    }
}
