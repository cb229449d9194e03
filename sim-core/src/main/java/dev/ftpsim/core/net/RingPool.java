package dev.ftpsim.core.net;

import java.util.Arrays;

/**
 * The output-queue rings of one network's interfaces, lent while a queue holds packets and taken
 * back when it empties: a million group members each of which queued a few packets once keep
 * none (two rings each, about 200 bytes, stayed before), and a busy queue filling and draining
 * allocates nothing once the pool holds the rings in use at the busiest moment. Rings come in
 * powers of two of at least {@value #MIN} slots and are empty (all null) while pooled.
 */
final class RingPool {
    static final int MIN = 16;
    /** Free rings by size: {@code free[k]} holds rings of {@code 2^k} slots, {@code count[k]} of them. */
    private final Packet[][][] free = new Packet[31][][];
    private final int[] count = new int[31];

    /** An empty ring of {@code size} slots, a power of two. */
    Packet[] take(final int size) {
        final int k = Integer.numberOfTrailingZeros(size);
        if (count[k] == 0) {
            return new Packet[size];
        }
        final Packet[] r = free[k][--count[k]];
        free[k][count[k]] = null;
        return r;
    }

    /** Takes back {@code ring}, whose slots the caller has emptied. */
    void give(final Packet[] ring) {
        final int k = Integer.numberOfTrailingZeros(ring.length);
        if (free[k] == null) {
            free[k] = new Packet[MIN][];
        } else if (count[k] == free[k].length) {
            free[k] = Arrays.copyOf(free[k], 2 * count[k]);
        }
        free[k][count[k]++] = ring;
    }
}
