package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain.md is read in Markdown renderers, which display inline HTML: a scenario's name and a
 * rule's comment are the user's text, and must render as that text, not as an element, a link,
 * emphasis or a table cell.
 */
class ExplainShowsTheScenariosTextAsWrittenTest {
    @TempDir
    Path tmp;

    @Test
    void aNameAndARuleCommentWithMarkupAreEscaped() throws Exception {
        final Path file = tmp.resolve("s.yaml");
        Files.writeString(file, Files.readString(Path.of("../examples/active-client-fw.yaml"))
                .replace("name: active-client-fw", "name: \"x<b onmouseover=alert(1)>y *e* [l](u) a|b `c` &amp;\"")
                .replace("- iif wan drop", "- 'iif wan drop comment \"<b>hi</b><script>alert(1)</script> \u202Eevil\"'"));
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final String md = Files.readString(out.resolve("explain.md"));
        assertTrue(md.startsWith("# Why sessions of x\\<b onmouseover=alert(1)>y \\*e\\* \\[l\\](u) a\\|b \\`c\\`"
                + " \\&amp; fail (seed 1)\n"), md);
        assertTrue(md.contains("\n- fw dropped 10 packets in the run by forward rule 3: iif wan drop comment"
                + " \"\\<b>hi\\</b>\\<script>alert(1)\\</script> \\u202Eevil\"\n"), md);
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)<").matcher(md).find(), "an unescaped '<': " + md);
        assertFalse(md.contains("\u202E"), md);
        // the report page (its tables, the ladder's notes, the scenario's text) shows the override, not obeys it
        final String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("\\u202Eevil"), page);
        assertFalse(page.contains("\u202E"), page);
        // the data in explain.json stays as written
        assertTrue(Files.readString(out.resolve("explain.json")).contains("<script>alert(1)</script> \u202Eevil"));
    }
}
