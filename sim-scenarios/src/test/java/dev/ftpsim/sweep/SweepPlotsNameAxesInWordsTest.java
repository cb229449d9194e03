package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.plot.SvgFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlotsNameAxesInWordsTest {
    @TempDir
    Path tmp;

    @Test
    void axisTitlesAreWordsWithUnitsAndTheSvgStaysSmall() throws Exception {
        final var points = List.of(
                SweepPoint.of("a", "links[1].loss", "0", "ftp.clients[0].mode", "active"),
                SweepPoint.of("b", "links[1].loss", "0.01", "ftp.clients[0].mode", "active"),
                SweepPoint.of("c", "links[1].loss", "0", "ftp.clients[0].mode", "passive"),
                SweepPoint.of("d", "links[1].loss", "0.01", "ftp.clients[0].mode", "passive"));
        Sweep.run(new SweepSpec(points, 3, 1L), (p, seed) -> Map.of("session_s_p50", 1.0 + seed % 7,
                "conntrack_peak", 40.0 + seed % 3), new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, true));
        final Path svg = tmp.resolve("plot-session_s_p50.svg");
        final List<String> texts = SvgFile.read(svg).texts();
        assertTrue(texts.contains("median session time (s)"), texts.toString());
        assertTrue(texts.contains("packet loss (fraction) of links[1]"), texts.toString());
        assertTrue(texts.contains("data connection mode of ftp.clients[0]"), texts.toString());
        assertFalse(texts.contains("links[1].loss") || texts.contains("ftp.clients[0].mode"),
                "a key alone is not an axis title");
        assertTrue(SvgFile.read(tmp.resolve("plot-conntrack_peak.svg")).texts()
                .contains("conntrack entries at the peak (count)"));
        // Text stays text, not glyph outlines: a figure of two panels is a few kilobytes.
        assertTrue(Files.size(svg) < 40_000, Files.size(svg) + " bytes");
    }
}
