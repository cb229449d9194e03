package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeterminismTest {
    @Test
    void theSameSeedGivesTheSameEventTraceTwice() {
        final KernelSelfCheck.Result a = KernelSelfCheck.run(7, 500, 200_000);
        final KernelSelfCheck.Result b = KernelSelfCheck.run(7, 500, 200_000);
        assertTrue(a.ordered());
        assertEquals(a.executed(), b.executed());
        assertEquals(a.checksum(), b.checksum());
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        final KernelSelfCheck.Result a = KernelSelfCheck.run(7, 500, 200_000);
        final KernelSelfCheck.Result c = KernelSelfCheck.run(8, 500, 200_000);
        assertNotEquals(a.checksum(), c.checksum());
    }
}
