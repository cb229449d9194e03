package dev.ftpsim.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    private static long[] draw(final RandomStream s, final int n) {
        final long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.nextLong();
        }
        return out;
    }

    @Test
    void addingAStreamDoesNotChangeTheNumbersOfAnother() {
        final RandomStreams alone = new RandomStreams(42);
        final long[] expected = draw(alone.stream("link/fw-wan/loss"), 100);

        final RandomStreams crowded = new RandomStreams(42);
        final RandomStream other = crowded.stream("tcp/client/isn");
        draw(other, 37);
        final RandomStream same = crowded.stream("link/fw-wan/loss");
        crowded.stream("ftp/arrivals");
        final long[] got = new long[100];
        for (int i = 0; i < 100; i++) {
            got[i] = same.nextLong();
            other.nextLong(); // interleaved use of another stream
        }
        assertArrayEquals(expected, got);
    }

    @Test
    void askingTwiceForANameGivesTheSameStream() {
        final RandomStreams s = new RandomStreams(1);
        assertSame(s.stream("a"), s.stream("a"));
    }

    @Test
    void differentNamesAndDifferentSeedsGiveDifferentNumbers() {
        final long[] a = draw(new RandomStreams(1).stream("a"), 8);
        final long[] b = draw(new RandomStreams(1).stream("b"), 8);
        final long[] a2 = draw(new RandomStreams(2).stream("a"), 8);
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, a2));
        assertArrayEquals(a, draw(new RandomStreams(1).stream("a"), 8));
    }

    @Test
    void variatesHaveTheirDistributionsMeans() {
        final RandomStream s = new RandomStreams(3).stream("variates");
        final int n = 200_000;
        double exp = 0, uni = 0, logn = 0, par = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            exp += s.exponential(2.0);
            uni += s.uniform(10, 20);
            logn += s.lognormal(0, 0.5);
            par += s.pareto(1.0, 3.0);
            hits += s.bernoulli(0.25) ? 1 : 0;
        }
        assertEquals(2.0, exp / n, 0.02);
        assertEquals(15.0, uni / n, 0.05);
        assertEquals(Math.exp(0.125), logn / n, 0.01); // E = exp(mu + sigma^2/2)
        assertEquals(1.5, par / n, 0.03); // E = shape*scale/(shape-1)
        assertEquals(0.25, hits / (double) n, 0.005);
    }

    @Test
    void badParametersAreRefused() {
        final RandomStream s = new RandomStreams(3).stream("x");
        assertThrows(IllegalArgumentException.class, () -> s.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> s.uniform(2, 1));
        assertThrows(IllegalArgumentException.class, () -> s.pareto(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomStreams(1).stream(""));
        assertTrue(s.pareto(2, 1) >= 2);
    }
}
