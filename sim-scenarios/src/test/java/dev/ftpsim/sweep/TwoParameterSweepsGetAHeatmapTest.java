package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.plot.SvgFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoParameterSweepsGetAHeatmapTest {
    @TempDir
    Path tmp;

    @Test
    void oneCellPerPairOfValuesWithItsMeanWrittenIn() throws Exception {
        Sweep.run(new SweepSpec(FakeSimulation.grid(), 1, 2L), (p, seed) -> java.util.Map.of("x",
                        p.params().get("mode").length() * 100 + Double.parseDouble(p.params().get("loss")) * 1000),
                new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        final SvgFile svg = SvgFile.read(tmp.resolve("plot-x.svg"));
        assertEquals(1, svg.groups("heatmap").size());
        assertEquals(6, SvgFile.elements(svg.groups("heatmap").get(0), "rect").size(), "2 modes x 3 loss rates");
        // active is 6 letters, passive 7: 600 + loss x 1000 and 700 + loss x 1000.
        assertEquals(List.of("600", "601", "610", "700", "701", "710"),
                SvgFile.texts(svg.groups("cell-values").get(0)).stream().sorted().toList());
    }

    @Test
    void oneOrThreeVariedKeysGetNoHeatmap() throws Exception {
        Sweep.run(new SweepSpec(List.of(SweepPoint.of("a", "k", "1"), SweepPoint.of("b", "k", "2")), 1, 2L),
                (p, seed) -> java.util.Map.of("x", 1.0), new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        assertTrue(SvgFile.read(tmp.resolve("plot-x.svg")).groups("heatmap").isEmpty());
    }
}
