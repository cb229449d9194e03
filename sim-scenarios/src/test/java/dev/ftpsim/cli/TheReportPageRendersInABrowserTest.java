package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run and sweep writes report.html, one page that needs nothing outside it; a real browser
 * (headless Chromium) renders its verdict table without a console message. Screenshots are kept
 * in target/report-screenshots/ as test artifacts.
 */
class TheReportPageRendersInABrowserTest {
    private static final Path ARTIFACTS = Path.of("target", "report-screenshots");

    /** Links out of the page: any URL but the SVG and XLink namespaces, which name and fetch nothing. */
    private static List<String> externalReferences(final String html) {
        final Matcher m = Pattern.compile("(https?:)?//[A-Za-z0-9.-]+[^\"' <)]*").matcher(html);
        return m.results().map(r -> r.group())
                .filter(u -> !u.equals("http://www.w3.org/2000/svg") && !u.equals("http://www.w3.org/1999/xlink"))
                .filter(u -> u.startsWith("http") || u.startsWith("//"))
                .toList();
    }

    private static void inBrowser(final Path page, final Path tmp, final String name, final String rowText)
            throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "chromium is not installed (sim-lab/install-deps.sh installs it"
                + " from Debian's packages): report.html was checked as text, not loaded in a browser");
        final Chromium.Load load = Chromium.load(page, tmp.resolve("profile"));
        assertTrue(load.dom().contains("<table id=\"verdict-table\">"), "the browser built the verdict table");
        assertTrue(load.dom().contains(rowText), rowText + " in " + load.dom().substring(0, Math.min(3000,
                load.dom().length())));
        assertEquals(List.of(), load.console(), "no console message (a blocked load or a script error would be one)");
        Files.createDirectories(ARTIFACTS);
        final Path png = ARTIFACTS.resolve(name + ".png");
        Files.deleteIfExists(png);
        Chromium.screenshot(page, png, tmp.resolve("profile"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(png), 4));
        Files.copy(page, ARTIFACTS.resolve(name + ".html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aFailingRunsPageShowsItsVerdictsLadderPlotAndScenario(@TempDir final Path tmp) throws Exception {
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("run", "../examples/passive-stateful-server-fw.yaml", "--no-progress", "--out",
                out.toString()).exit());
        final Path page = out.resolve("report.html");
        final String html = Files.readString(page, StandardCharsets.UTF_8);
        assertEquals(List.of(), externalReferences(html));
        assertFalse(html.contains("<script"), "no script");
        assertTrue(html.contains("<td>client</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>"
                + "<td class=\"verdict\">failing</td><td>PASV</td><td>data connect timed out × 1</td>"), html);
        assertTrue(html.contains("passive-stateful-server-fw, session client#0: data connect timed out: 34 arrows,"
                + " 11 dropped"), "the ladder of the failing session");
        assertTrue(html.contains("<div class=\"figure\" id=\"ladder-svg\"><svg "), "inlined, without its XML prolog");
        assertTrue(html.contains("<div class=\"figure\" id=\"plot-timeseries\">"));
        assertTrue(html.contains("iif lan oif wan tcp dport 21 ct state new accept"), "the scenario's text");
        assertTrue(html.contains("id=\"explain\""), "the explain section, empty until the run writes explain.md");
        inBrowser(page, tmp, "run-passive-stateful-server-fw", "data connect timed out × 1");
    }

    @Test
    void aSweepsPageShowsEveryPointWithItsVerdictAndThePlots(@TempDir final Path tmp) throws Exception {
        final Path file = Cli.example(tmp, "sweep-mode-x-loss", "replications: 5", "replications: 2",
                "links[1].loss: [0, 0.001, 0.01]", "links[1].loss: [0]", "sessions: 20", "sessions: 2",
                "10MB", "1MB");
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("sweep", file.toString(), "--no-progress", "--out", out.toString()).exit());
        final Path page = out.resolve("report.html");
        final String html = Files.readString(page, StandardCharsets.UTF_8);
        assertEquals(List.of(), externalReferences(html));
        assertEquals(3, html.split("<td class=\"verdict\">", -1).length - 1, "one verdict per point");
        assertTrue(html.contains("id=\"plot-success_rate\""), "the plots inline");
        // Every replication succeeded: a zero-width interval is drawn, never as a NaN coordinate.
        assertTrue(!html.contains("NaN"), "no NaN coordinate in the page's plots");
        assertTrue(html.contains("prerouting: [&#39;tcp dport 21 ct helper set &quot;ftp&quot;&#39;]"), "escaped text");
        inBrowser(page, tmp, "sweep-mode-x-loss", "<td class=\"verdict\">");
    }

    @Test
    void theConsoleCheckCatchesAScriptError(@TempDir final Path tmp) throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "chromium is not installed");
        final Path bad = Files.writeString(tmp.resolve("bad.html"),
                "<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>");
        assertEquals(1, Chromium.load(bad, tmp.resolve("profile")).console().size());
    }
}
