package dev.ftpsim.core.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsParseAsUsersWriteThem() {
        assertEquals(5_000_000L, Units.parseDuration("5ms"));
        assertEquals(120_000_000_000L, Units.parseDuration("120s"));
        assertEquals(1_500_000_000L, Units.parseDuration("1.5s"));
        assertEquals(250_000L, Units.parseDuration("250us"));
        assertEquals(7L, Units.parseDuration("7ns"));
        assertEquals(300_000_000_000L, Units.parseDuration("5min"));
        assertEquals(432_000_000_000_000L, Units.parseDuration("5d"));
        assertEquals(0L, Units.parseDuration("0s"));
        assertEquals(2_000_000L, Units.parseDuration(" 2 ms "));
    }

    @Test
    void ratesAndSizesParseWithDecimalAndBinaryPrefixes() {
        assertEquals(100_000_000L, Units.parseRate("100Mbps"));
        assertEquals(1_500_000_000L, Units.parseRate("1.5Gbps"));
        assertEquals(64_000L, Units.parseRate("64kbps"));
        assertEquals(1_500_000_000L, Units.parseSize("1.5GB"));
        assertEquals(100_000_000L, Units.parseSize("100MB"));
        assertEquals(65_536L, Units.parseSize("64KiB"));
        assertEquals(1500L, Units.parseSize("1500B"));
    }

    @Test
    void valuesPrintInTheirShortestExactForm() {
        assertEquals("5ms", Units.formatDuration(5_000_000L));
        assertEquals("1.5s", Units.formatDuration(1_500_000_000L));
        assertEquals("2min", Units.formatDuration(120_000_000_000L));
        assertEquals("250us", Units.formatDuration(250_000L));
        assertEquals("0s", Units.formatDuration(0));
        assertEquals("100Mbps", Units.formatRate(100_000_000L));
        assertEquals("1.5Gbps", Units.formatRate(1_500_000_000L));
        assertEquals("1.5GB", Units.formatSize(1_500_000_000L));
        assertEquals(Units.parseDuration("1.234567s"), Units.parseDuration(Units.formatDuration(1_234_567_000L)));
    }

    @Test
    void badInputSaysWhatWasWrongAndWhatWasExpected() {
        assertEquals("bad duration '5 parsecs': unknown unit 'parsecs'; expected a number followed by ns, us,"
                + " ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5 parsecs")).getMessage());
        assertEquals("bad duration '-5ms': a duration cannot be negative; expected a number followed by ns, us,"
                + " ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("-5ms")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(""));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(null));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("1.2.3s"));
        assertEquals(true, assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("0.5ns"))
                .getMessage().contains("finer than the resolution of 1ns"));
        assertEquals(true, assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("99999999999d"))
                .getMessage().contains("too large"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("100MBps/s"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("fast"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("10 bytes"));
    }
}
