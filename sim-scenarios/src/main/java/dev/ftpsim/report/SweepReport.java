package dev.ftpsim.report;

import dev.ftpsim.run.AtomicFiles;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code report.html} of a sweep, from its folder: every point's figures ({@code results.csv}, with
 * a verdict from its success rate: ok when every session of every replication succeeded), the explain section if present, the plots ({@code plot-*.svg})
 * and the scenario's text. A sweep keeps no session's packets: the page says how to draw a ladder.
 */
public final class SweepReport {
    private SweepReport() {}

    /** Writes {@code dir/report.html} atomically; {@code dir} holds the sweep's results.csv and plots. */
    public static void write(final Path dir, final Scenario s, final Path file, final long seed) throws IOException {
        write(dir, s, file, seed, Files.readAllBytes(file));
    }

    /**
     * The same, the page showing {@code loaded}, the scenario file's bytes as the sweep's load read
     * them: a file edited while the sweep ran is not shown beside results of its old text.
     */
    public static void write(final Path dir, final Scenario s, final Path file, final long seed, final byte[] loaded)
            throws IOException {
        final CsvTable results = CsvTable.read(dir.resolve("results.csv"));
        final HtmlPage page = new HtmlPage("ftpsim sweep: " + s.name(), "master seed " + seed + " · "
                + results.rows().size() + " rows of results.csv · " + file.getFileName());
        final int rate = results.column("success_rate_mean");
        final int firstTry = results.column("ok_first_try_rate_mean");
        final List<String> header = new ArrayList<>(results.header());
        final List<List<String>> rows = new ArrayList<>();
        final List<String> classes = new ArrayList<>();
        if (rate >= 0) {
            header.add(1, "verdict"); // beside the point's name, not after a screenful of metrics
        }
        for (final List<String> r : results.rows()) {
            final List<String> row = new ArrayList<>(r);
            if (rate >= 0) {
                final boolean ok = rate < r.size() && r.get(rate).matches("1(\\.0*)?");
                // every session succeeded, but some only after retrying (a results.csv of an older build has no such column)
                final boolean retried = ok && firstTry >= 0 && firstTry < r.size() && !r.get(firstTry).matches("1(\\.0*)?");
                row.add(1, !ok ? "failing" : retried ? "ok only after retrying" : "ok");
                classes.add(ok ? "ok" : "failed");
            }
            rows.add(row);
        }
        page.section("verdicts", "Verdict per point", rows.isEmpty() ? HtmlPage.note("No point finished.")
                : HtmlPage.table("verdict-table", header, rows, rate >= 0 ? classes : null));
        page.section("explain", "Explain", RunReport.explain(dir));
        page.section("ladder", "Ladder", HtmlPage.note("A sweep keeps no session's packets: draw one point's session"
                + " with ftpsim ladder on that point's values (see the table), e.g. ftpsim ladder FILE --session POP#0."));
        final StringBuilder plots = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path p : files.filter(p -> p.getFileName().toString().matches("plot-.*\\.svg")).sorted().toList()) {
                final String name = p.getFileName().toString();
                plots.append(HtmlPage.svg(name.substring(0, name.length() - 4), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        page.section("plots", "Plots", plots.length() == 0 ? HtmlPage.note("No plots.") : plots.toString());
        page.section("scenario", "Scenario " + file.getFileName(), HtmlPage.pre("scenario-text", new String(loaded, StandardCharsets.UTF_8)));
        AtomicFiles.replace(dir.resolve("report.html"), page.render());
    }
}
