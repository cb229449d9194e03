package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.plot.SvgFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class CategoriesAreGroupedPointsWithWhiskersTest {
    @TempDir
    Path tmp;

    @Test
    void eachValueOfTheFirstKeyIsAGroupOfOneDotPerSeriesAndNothingJoinsThem() throws Exception {
        // mode first: three modes along x, two loss rates as series side by side.
        final var points = List.of(
                SweepPoint.of("a", "mode", "active", "loss", "0"), SweepPoint.of("b", "mode", "active", "loss", "0.01"),
                SweepPoint.of("c", "mode", "passive", "loss", "0"), SweepPoint.of("d", "mode", "passive", "loss", "0.01"),
                SweepPoint.of("e", "mode", "epsv", "loss", "0"), SweepPoint.of("f", "mode", "epsv", "loss", "0.01"));
        Sweep.run(new SweepSpec(points, 4, 9L), new FakeSimulation(),
                new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        final SvgFile svg = SvgFile.read(tmp.resolve("plot-throughput_mbps.svg"));
        final List<Element> groups = svg.groups("group");
        assertEquals(3, groups.size(), "one group per mode");
        for (final Element g : groups) {
            assertEquals(2, SvgFile.elements(g, "circle").size(), "a dot per loss rate, side by side");
            // Four replications give an interval: a whisker (stem and two caps) per dot.
            assertEquals(6, SvgFile.elements(g, "line").size());
        }
        final List<Element> dots = SvgFile.elements(groups.get(0), "circle");
        assertTrue(Double.parseDouble(dots.get(0).getAttribute("cx")) < Double.parseDouble(dots.get(1).getAttribute("cx")));
        assertEquals(0, svg.groups("series").size() + SvgFile.elements(svg.groups("panel").get(0), "polyline").size(),
                "no line joins active to passive");
        assertTrue(svg.texts().containsAll(List.of("active", "passive", "epsv", "loss=0", "loss=0.01")), svg.texts().toString());
    }
}
