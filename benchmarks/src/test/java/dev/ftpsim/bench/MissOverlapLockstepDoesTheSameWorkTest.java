package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * MissOverlap compares one event at a time with K in lockstep: the comparison means something only
 * if both do the same work. Each lap starts from the same state (a fresh model, same seed) and
 * must leave the same sum of every event's work.
 */
class MissOverlapLockstepDoesTheSameWorkTest {
    @Test
    void everyLockstepWidthComputesWhatOneAtATimeComputes() {
        final long oneAtATime = new MissOverlap(500, 4096, 7L).lap(1);
        for (final int k : new int[] {2, 4, 8, 16}) {
            assertEquals(oneAtATime, new MissOverlap(500, 4096, 7L).lap(k), "K = " + k);
        }
        assertEquals(oneAtATime, new MissOverlap(500, 4096, 7L).lapOneAhead(), "one ahead");
    }
}
