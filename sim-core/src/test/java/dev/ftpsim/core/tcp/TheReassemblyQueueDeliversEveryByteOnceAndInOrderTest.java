package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The out-of-order queue, fed a stream's segments in random order, overlapping, repeated and
 * partly delivered already (as retransmissions under loss arrive), hands the receiver every byte
 * of the stream exactly once, in order, from the segment that first brought it; through many
 * holes at once, so that the queue grows and its ranges leave from the front between insertions.
 */
class TheReassemblyQueueDeliversEveryByteOnceAndInOrderTest {
    @Test
    void shuffledOverlappingSegmentsComeOutAsTheStream() {
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            final int length = 1 + rnd.nextInt(20_000);
            final Reassembly q = new Reassembly();
            final ByteArrayOutputStream got = new ByteArrayOutputStream();
            final byte[] owner = new byte[length]; // which copy of a byte was stored: the first to arrive
            long rcvNxt = 0;
            int copy = 0;
            while (rcvNxt < length) {
                final long start = rnd.nextInt(8) == 0 ? rcvNxt : rcvNxt + 1 + rnd.nextInt(Math.min(length, 4000));
                final long end = Math.min(length, start + 1 + rnd.nextInt(1460));
                if (start >= end) {
                    continue;
                }
                // Each arrival is a copy of its bytes marked with its number, so that the test sees
                // which copy the queue kept where segments overlap.
                copy = copy % 127 + 1;
                final byte[] data = new byte[(int) (end - start) + 3];
                for (int i = 0; i < end - start; i++) {
                    data[3 + i] = (byte) copy;
                }
                if (start == rcvNxt) { // in order: delivered at once, then whatever the queue holds from there
                    for (long s = start; s < end; s++) {
                        owner[(int) s] = (byte) copy;
                    }
                    got.write(data, 3, (int) (end - start));
                    rcvNxt = end;
                    Reassembly.Range r;
                    while ((r = q.pollReady(rcvNxt)) != null) {
                        got.write(r.data, r.off + (int) (rcvNxt - r.start), (int) (r.end - rcvNxt));
                        rcvNxt = r.end;
                    }
                } else {
                    for (long s = start; s < end; s++) {
                        if (owner[(int) s] == 0) { // not held yet: everything at or past RCV.NXT marked is held
                            owner[(int) s] = (byte) copy;
                        }
                    }
                    q.insert(start, end, data, 3);
                }
            }
            assertTrue(q.isEmpty());
            assertEquals(length, got.size());
            assertArrayEquals(owner, got.toByteArray(), "round " + round);
        }
    }
}
