package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFormatTest {
    @TempDir
    Path tmp;

    @Test
    void valuesAndSeedsRoundTripExactly() throws Exception {
        final var spec = new SweepSpec(List.of(SweepPoint.of("odd \"name\"\n", "k,ey", "v\\al\u0001")), 2, Long.MIN_VALUE);
        final var m1 = new LinkedHashMap<>(AJournalWrittenBeforeJacksonResumesTest.extremes());
        // An infinity never reaches the journal: a sweep counts it as not reported, NaN (null in JSON).
        m1.put("c", Double.NaN);
        final var m2 = new LinkedHashMap<String, Double>();
        m2.put("a", 1e300);
        final var written = new PointResult(0, "odd \"name\"\n", List.of(Long.MIN_VALUE, -1L), List.of(m1, m2));
        Journal.open(tmp, spec).append(written);

        final Journal reread = Journal.open(tmp, spec);
        final PointResult back = reread.finished().get(0);
        assertEquals(written, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.replications().get(0).get("d")));
        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(back.replications().get(0).keySet()));
    }

    @Test
    void theSameSweepHasNoDifference() {
        final var spec = new SweepSpec(FakeSimulation.grid(), 3, 1L);
        assertNull(Journal.firstDifference(spec, new SweepSpec(FakeSimulation.grid(), 3, 1L)));
    }

    @Test
    void parameterOrderIsPartOfTheSweep() {
        final var a = new SweepSpec(FakeSimulation.grid(), 3, 1L);
        final var b = new SweepSpec(FakeSimulation.lossFirstGrid(), 3, 1L);
        assertEquals("point 1 is 'active-0' {mode=active, loss=0} in its journal, 'active-0' {loss=0, mode=active} in this sweep",
                Journal.firstDifference(a, b));
    }
}
