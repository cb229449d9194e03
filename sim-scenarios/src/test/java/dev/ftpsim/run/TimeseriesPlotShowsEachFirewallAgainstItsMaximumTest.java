package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.plot.SvgFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class TimeseriesPlotShowsEachFirewallAgainstItsMaximumTest {
    private static final List<String> COLUMNS = List.of("time_s", "conntrack_edge", "expectations_edge", "nat_edge",
            "expired_edge", "conntrack_core", "expectations_core", "nat_core", "expired_core", "sessions_finished");

    @TempDir
    Path tmp;

    @Test
    void aPanelPerFirewallWithItsTableMaximumAndATickWhereItExpiredConnections() throws Exception {
        final var series = new TimeseriesSampling.Downsampled(COLUMNS, 100);
        long expired = 0;
        for (int i = 0; i < 100; i++) {
            if (i == 30 || i == 70) {
                expired += 5; // two moments at which "edge" expires connections
            }
            series.add(i * 1_000_000_000L, new long[] {Math.min(i * 20, 1024), 1, 0, expired, 3, 0, 3, 0, i});
        }
        final List<Path> files = TimeseriesPlot.write(tmp, "run", series, List.of("edge", "core"),
                Map.of("edge", 1024, "core", 262_144));
        assertEquals(List.of(tmp.resolve("timeseries.png"), tmp.resolve("timeseries.svg")), files);
        final SvgFile svg = SvgFile.read(tmp.resolve("timeseries.svg"));
        final List<String> texts = svg.texts();
        assertTrue(texts.containsAll(List.of("firewall edge", "firewall core", "the run", "entries (count)",
                "simulated time (s)", "conntrack entries", "connections expired")), texts.toString());
        assertEquals(3, svg.groups("panel").size(), "edge, core, the run");
        // edge's maximum is on its scale, drawn and labelled; core's 262,144 would flatten its 3 entries.
        assertEquals(1, svg.groups("limit").size());
        assertEquals(List.of("table maximum 1,024"), SvgFile.texts(svg.groups("limit").get(0)));
        assertTrue(texts.contains("table maximum 262,144 (off scale)"), texts.toString());
        final List<Element> marks = svg.groups("marks");
        assertEquals(2, marks.size(), "both firewalls report expiries");
        final String d = SvgFile.elements(marks.get(0), "path").get(0).getAttribute("d");
        assertEquals(2, d.chars().filter(ch -> ch == 'M').count(), d);
        assertTrue(SvgFile.elements(marks.get(1), "path").isEmpty(), "core expired nothing");
    }

    @Test
    void countAxesAreLabelledInWholeNumbers() throws Exception {
        final var series = new TimeseriesSampling.Downsampled(COLUMNS, 10);
        for (int i = 0; i < 10; i++) {
            series.add(i * 1_000_000_000L, new long[] {i % 3, 0, 0, 0, 0, 0, 0, 0, i / 5});
        }
        TimeseriesPlot.write(tmp, "run", series, List.of("edge"), Map.of("edge", 3));
        final List<String> yLabels = SvgFile.read(tmp.resolve("timeseries.svg")).groups("y-axis").stream()
                .flatMap(g -> SvgFile.texts(g).stream()).filter(t -> !t.contains("(") && !t.equals("count")).toList();
        assertTrue(yLabels.stream().allMatch(t -> t.matches("[0-9,]+")), yLabels.toString());
    }

    @Test
    void twentyThousandNoisySamplesOfThreeFirewallsDrawInAFewHundredKilobytes() throws Exception {
        final List<String> cols = List.of("time_s", "conntrack_a", "expectations_a", "nat_a", "expired_a",
                "conntrack_b", "expectations_b", "nat_b", "expired_b", "conntrack_c", "expectations_c", "nat_c",
                "expired_c", "sessions_finished");
        final var series = new TimeseriesSampling.Downsampled(cols, 20_000);
        final SplittableRandom rnd = new SplittableRandom(1);
        final long[] v = new long[cols.size() - 1];
        for (int i = 0; i < 20_000; i++) {
            for (int c = 0; c < v.length; c++) {
                v[c] = c % 4 == 3 ? v[c] + (rnd.nextInt(100) == 0 ? 1 : 0) : rnd.nextInt(60_000);
            }
            series.add(i * 50_000_000L, v);
        }
        TimeseriesPlot.write(tmp, "noisy", series, List.of("a", "b", "c"), Map.of("a", 65_536, "b", 65_536, "c", 65_536));
        // Every series noisy at every sample is the worst case: 9 series in 1,000 buckets each.
        final long bytes = Files.size(tmp.resolve("timeseries.svg"));
        assertTrue(bytes < 350_000, bytes + " bytes");
    }
}
