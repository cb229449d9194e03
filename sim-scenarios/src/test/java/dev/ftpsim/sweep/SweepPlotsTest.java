package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SweepPlotsTest {
    @TempDir
    Path tmp;

    @Test
    void eachMetricGetsAPngAndAnSvgNamedAfterIt() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.lossFirstGrid(), 4, 3L);
        final SweepResult r = Sweep.run(spec, new FakeSimulation(), new SweepOptions(tmp, 2, SweepOptions.Progress.OFF, true));
        for (final String metric : List.of("success_rate", "throughput_mbps", "p50_latency_s")) {
            final Path png = tmp.resolve("plot-" + metric + ".png");
            final Path svg = tmp.resolve("plot-" + metric + ".svg");
            assertTrue(r.plots().contains(png) && r.plots().contains(svg), r.plots().toString());
            final BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, "PNG decodes");
            assertEquals(900, img.getWidth());
            final Document doc = xml(svg);
            assertEquals("svg", doc.getDocumentElement().getLocalName() != null
                    ? doc.getDocumentElement().getLocalName() : doc.getDocumentElement().getNodeName());
            // Text stays text: the metric's name can be found in the picture.
            assertTrue(doc.getDocumentElement().getTextContent().contains(metric));
        }
        assertEquals(6, r.plots().size());
    }

    @Test
    void theFirstVariedParameterIsTheXAxisAndTheSecondMakesTheSeries() {
        assertEquals(List.of("loss", "mode"), SweepPlots.variedParameters(new SweepSpec(FakeSimulation.lossFirstGrid(), 1, 0)));
        // A parameter with one value across all points is not varied.
        final var spec = new SweepSpec(List.of(
                SweepPoint.of("a", "mode", "passive", "loss", "0"),
                SweepPoint.of("b", "mode", "passive", "loss", "0.1")), 1, 0);
        assertEquals(List.of("loss"), SweepPlots.variedParameters(spec));
    }

    @Test
    void categoricalAxesSinglePointsAndNanOnlyMetricsStillGivePlots() throws Exception {
        final var spec = new SweepSpec(List.of(SweepPoint.of("only", "mode", "passive")), 1, 0);
        final SweepResult r = Sweep.run(spec, (p, s) -> Map.of("latency", Double.NaN, "rate", 0.5),
                new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        assertEquals(4, r.plots().size());
        for (final Path f : r.plots()) {
            if (f.toString().endsWith(".png")) {
                assertNotNull(ImageIO.read(f.toFile()));
            } else {
                xml(f);
            }
        }
        final var cats = new SweepSpec(FakeSimulation.grid(), 2, 0);
        Sweep.run(cats, new FakeSimulation(), new SweepOptions(tmp.resolve("cats"), 2, SweepOptions.Progress.OFF, true));
        assertNotNull(ImageIO.read(tmp.resolve("cats/plot-success_rate.png").toFile()));
    }

    @Test
    void metricNamesBecomeSafeFileNamesAndNeverShareOne() throws Exception {
        assertEquals("latency_p50__s_", SweepPlots.fileSafe("latency p50 (s)"));
        final var spec = new SweepSpec(List.of(SweepPoint.of("a", "x", "1"), SweepPoint.of("b", "x", "2")), 2, 0);
        final var metrics = new java.util.LinkedHashMap<String, Double>();
        metrics.put("a b", 1.0);
        metrics.put("a_b", 2.0);
        final SweepResult r = Sweep.run(spec, (p, s) -> metrics, new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        assertEquals(List.of(tmp.resolve("plot-a_b.png"), tmp.resolve("plot-a_b.svg"),
                tmp.resolve("plot-a_b-2.png"), tmp.resolve("plot-a_b-2.svg")), r.plots());
    }

    private static Document xml(final Path svg) throws Exception {
        final var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // The SVG may name a DTD on the web; do not fetch it.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }
}
