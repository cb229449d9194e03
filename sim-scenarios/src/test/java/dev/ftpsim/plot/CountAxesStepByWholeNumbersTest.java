package dev.ftpsim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountAxesStepByWholeNumbersTest {
    @Test
    void aCountOfTwoIsLabelledZeroOneTwoNeverHalves() {
        final Axis a = Axis.of(0, 2, true);
        assertArrayEquals(new double[] {0, 1, 2}, a.ticks());
        assertEquals(List.of("0", "1", "2"), Arrays.stream(a.ticks()).mapToObj(a::label).toList());
        // The same range as a measure gets finer ticks.
        assertTrue(Axis.of(0, 2, false).ticks().length > 3);
    }

    @Test
    void largeCountsAreGroupedByThousands() {
        final Axis a = Axis.of(0, 262_144, true);
        assertEquals("300,000", a.label(a.hi()));
        assertTrue(Arrays.stream(a.ticks()).allMatch(t -> t == Math.rint(t)));
    }

    @Test
    void fractionsGetTheDecimalsTheirStepNeeds() {
        final Axis a = Axis.of(0, 0.013, false);
        assertEquals("0.000", a.label(0));
        assertEquals("0.014", a.label(a.hi()));
    }
}
