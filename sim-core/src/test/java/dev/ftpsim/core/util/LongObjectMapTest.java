package dev.ftpsim.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {
    @Test
    void shouldInitiallyBeEmpty() {
        final LongObjectMap<String> m = new LongObjectMap<>();
        assertTrue(m.isEmpty());
        assertNull(m.get(0));
    }

    @Test
    void shouldBehaveLikeAHashMapUnderRandomPutsAndRemoves() {
        final LongObjectMap<Long> m = new LongObjectMap<>(2);
        final Map<Long, Long> ref = new HashMap<>();
        final Random r = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            final long k = r.nextInt(5000) * 0x1_0000_0001L; // clustered keys stress probing
            if (r.nextInt(3) == 0) {
                assertEquals(ref.remove(k), m.remove(k));
            } else {
                assertEquals(ref.put(k, (long) i), m.put(k, (long) i));
            }
            assertEquals(ref.size(), m.size());
        }
        for (final Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
        final int[] n = {0};
        m.forEach((k, v) -> {
            assertEquals(ref.get(k), v);
            n[0]++;
        });
        assertEquals(ref.size(), n[0]);
    }
}
