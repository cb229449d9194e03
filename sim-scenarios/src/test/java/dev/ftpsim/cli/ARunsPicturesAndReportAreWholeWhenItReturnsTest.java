package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict is printed before the plots and the report are drawn (they are drawn beside it);
 * still, by the time {@code ftpsim run} returns, every file is in place and whole.
 */
class ARunsPicturesAndReportAreWholeWhenItReturnsTest {
    @TempDir
    Path tmp;

    @Test
    void thePlotsAndTheReportAreCompleteAfterTheVerdictWasPrinted() throws Exception {
        for (final String example : List.of("passive-client-fw", "passive-stateful-server-fw")) {
            final Path out = tmp.resolve(example);
            final Cli r = Cli.run("run", "../examples/" + example + ".yaml", "--out", out.toString(), "--no-progress",
                    "--png");
            assertEquals(Main.EXIT_OK, r.exit(), r.err());
            assertTrue(r.out().contains("Results in " + out), r.out());
            final BufferedImage png = ImageIO.read(out.resolve("timeseries.png").toFile());
            assertTrue(png != null && png.getWidth() == 900, "a PNG that decodes, 900 pixels wide");
            final byte[] bytes = Files.readAllBytes(out.resolve("timeseries.png"));
            assertEquals("IEND", new String(bytes, bytes.length - 8, 4, StandardCharsets.US_ASCII), "the PNG's last chunk");
            final String svg = Files.readString(out.resolve("timeseries.svg"));
            assertTrue(svg.strip().endsWith("</svg>"), "the SVG is whole");
            final String report = Files.readString(out.resolve("report.html"));
            assertTrue(report.strip().endsWith("</html>"), "the report is whole");
            assertTrue(report.contains(svg.substring(svg.indexOf("<svg"), svg.indexOf("<svg") + 40)),
                    "the report shows the plot drawn beside the verdict");
            try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")
                        && !p.getFileName().toString().endsWith(".lock")).toList(), "no staging folder left behind");
            }
        }
    }
}
