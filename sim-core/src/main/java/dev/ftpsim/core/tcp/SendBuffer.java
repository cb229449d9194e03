package dev.ftpsim.core.tcp;

import java.util.ArrayDeque;

/**
 * Data the application handed over and the peer has not yet acknowledged, addressed by stream
 * offset (0 = first data byte). A chunk holds either real bytes or a bulk count; consecutive bulk
 * sends extend one chunk, so bulk transfers allocate nothing per send.
 */
final class SendBuffer {
    private static final class Chunk {
        final long start;
        long end;
        final byte[] data;

        Chunk(final long start, final long end, final byte[] data) {
            this.start = start;
            this.end = end;
            this.data = data;
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(2);
    private long end;

    /** Offset one past the last byte handed over. */
    long end() {
        return end;
    }

    void append(final byte[] data) {
        if (data.length == 0) {
            return;
        }
        chunks.addLast(new Chunk(end, end + data.length, data.clone()));
        end += data.length;
    }

    void appendBulk(final long count) {
        if (count <= 0) {
            return;
        }
        final Chunk last = chunks.peekLast();
        if (last != null && last.data == null) {
            last.end += count;
        } else {
            chunks.addLast(new Chunk(end, end + count, null));
        }
        end += count;
    }

    /** Forgets data before {@code offset} (acknowledged). */
    void releaseBefore(final long offset) {
        Chunk c;
        while ((c = chunks.peekFirst()) != null && c.end <= offset) {
            chunks.pollFirst();
        }
    }

    /**
     * How many bytes from {@code offset} (at most {@code max}) one segment may carry: a segment
     * never mixes real and bulk bytes.
     */
    int segmentLength(final long offset, final int max) {
        long len = 0;
        Boolean real = null;
        for (final Chunk c : chunks) {
            if (c.end <= offset) {
                continue;
            }
            final boolean r = c.data != null;
            if (real != null && real != r) {
                break;
            }
            real = r;
            len += c.end - Math.max(offset + len, c.start);
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
        for (final Chunk c : chunks) {
            if (c.end <= offset) {
                continue;
            }
            if (c.data == null) {
                return null;
            }
            if (out == null) {
                out = new byte[len];
            }
            final long from = offset + filled;
            final int n = (int) Math.min(len - filled, c.end - from);
            System.arraycopy(c.data, (int) (from - c.start), out, filled, n);
            filled += n;
            if (filled == len) {
                break;
            }
        }
        return out;
    }
}
