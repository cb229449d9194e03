package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.plot.SvgFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SuccessRateIsStackedByFailureReasonTest {
    @TempDir
    Path tmp;

    @Test
    void eachBarIsTheWholeSplitIntoSuccessAndEachReasonOnZeroToOne() throws Exception {
        final var points = List.of(SweepPoint.of("ok", "profile", "curl"), SweepPoint.of("bad", "profile", "commons-net"));
        Sweep.run(new SweepSpec(points, 2, 5L), (p, seed) -> {
            final var m = new LinkedHashMap<String, Double>();
            final boolean bad = p.name().equals("bad");
            m.put("success_rate", bad ? 0.25 : 1.0);
            m.put("failures[data connect timed out]", bad ? 6.0 : 0.0);
            m.put("failures[425 data connection failed]", bad ? 3.0 : 0.0);
            return m;
        }, new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        final SvgFile svg = SvgFile.read(tmp.resolve("plot-success_rate.svg"));
        final List<String> texts = svg.texts();
        assertTrue(texts.containsAll(List.of("0.0", "0.2", "1.0", "succeeded", "failed: data connect timed out",
                "failed: 425 data connection failed")), texts.toString());
        final List<Element> bars = svg.groups("bar");
        assertEquals(2, bars.size());
        assertEquals(1, SvgFile.elements(bars.get(0), "rect").size(), "all succeeded: one part");
        final List<Element> parts = SvgFile.elements(bars.get(1), "rect");
        assertEquals(3, parts.size(), "succeeded, then each reason");
        final double[] h = parts.stream().mapToDouble(r -> Double.parseDouble(r.getAttribute("height"))).toArray();
        final double whole = Double.parseDouble(SvgFile.elements(bars.get(0), "rect").get(0).getAttribute("height"));
        // 0.25 succeeded; the failed 0.75 split 6:3 between the reasons.
        assertEquals(0.25, h[0] / whole, 0.01);
        assertEquals(0.50, h[1] / whole, 0.01);
        assertEquals(0.25, h[2] / whole, 0.01);
    }

    @Test
    void aPopulationsSuccessRateIsDrawnOnZeroToOneTooHoweverNarrowItsValues() throws Exception {
        final var points = List.of(SweepPoint.of("a", "loss", "0"), SweepPoint.of("b", "loss", "0.01"));
        Sweep.run(new SweepSpec(points, 2, 5L), (p, seed) -> java.util.Map.of("success_rate[lan]",
                p.name().equals("a") ? 0.5 : 0.45), new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        final SvgFile svg = SvgFile.read(tmp.resolve("plot-success_rate_lan_.svg"));
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "sessions of lan that succeeded (fraction)"),
                SvgFile.texts(svg.groups("y-axis").get(0)));
    }
}
