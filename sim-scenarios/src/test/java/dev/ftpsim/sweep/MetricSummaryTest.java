package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    @Test
    void intervalMatchesAHandComputedStudentTExample() {
        // 1..5: mean 3, s = sqrt(10/4) = 1.5811388, s/sqrt(5) = 0.7071068,
        // t(0.975, 4) = 2.7764451 (tables), half width = 1.9632432.
        final MetricSummary s = MetricSummary.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(3 - 1.9632432, s.ci95Low(), 1e-6);
        assertEquals(3 + 1.9632432, s.ci95High(), 1e-6);
        assertEquals(5, s.n());
    }

    @Test
    void twoValuesUseTheWideT1Quantile() {
        // 10, 12: mean 11, s = sqrt(2), s/sqrt(2) = 1, t(0.975, 1) = 12.7062047.
        final MetricSummary s = MetricSummary.of(new double[] {10, 12});
        assertEquals(11 - 12.7062047, s.ci95Low(), 1e-6);
        assertEquals(11 + 12.7062047, s.ci95High(), 1e-6);
    }

    @Test
    void oneValueHasAMeanButNoInterval() {
        final MetricSummary s = MetricSummary.of(new double[] {0.5});
        assertEquals(0.5, s.mean());
        assertTrue(Double.isNaN(s.ci95Low()) && Double.isNaN(s.ci95High()));
        assertEquals(1, s.n());
        assertEquals(0.0, s.halfWidth());
    }

    @Test
    void nanValuesAreLeftOutAndNotCounted() {
        final MetricSummary s = MetricSummary.of(new double[] {1, Double.NaN, 2, 3, Double.NaN, 4, 5});
        assertEquals(MetricSummary.of(new double[] {1, 2, 3, 4, 5}), s);
    }

    @Test
    void noValuesGiveNanEverywhereAndZeroCount() {
        final MetricSummary s = MetricSummary.of(new double[] {Double.NaN});
        assertTrue(Double.isNaN(s.mean()));
        assertEquals(0, s.n());
    }

    @Test
    void identicalValuesGiveAZeroWidthInterval() {
        final MetricSummary s = MetricSummary.of(new double[] {2, 2, 2});
        assertEquals(new MetricSummary(2, 2, 2, 3), s);
    }
}
