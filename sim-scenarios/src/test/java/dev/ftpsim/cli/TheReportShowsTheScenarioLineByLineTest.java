package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html shows the scenario file and the explain text as preformatted blocks: what a browser
 * displays there is the text itself, every line on its own line, markup in it escaped.
 */
class TheReportShowsTheScenarioLineByLineTest {
    @TempDir
    Path tmp;

    @Test
    void theScenarioBlockIsTheFileAsWritten() throws Exception {
        final String text = "\n# a comment with\ta tab and <b>markup</b> & 'quotes'\n"
                + Files.readString(Path.of("../examples/active-client-fw.yaml"))
                        .replace("name: active-client-fw", "name: \"x<b onmouseover=alert(1)>y\"");
        final Path file = tmp.resolve("s.yaml");
        Files.writeString(file, text);
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final String page = Files.readString(out.resolve("report.html"));
        assertEquals(text, shown(page, "scenario-text"));
        final String explain = shown(page, "explain-text");
        assertTrue(explain.startsWith("# Why sessions of x<b onmouseover=alert(1)>y fail (seed 1)\n\n## Population client"
                + " (curl, PORT, on client): 1 of 1 failed\n\n"), explain);
    }

    /** The text a browser shows in {@code <pre id=ID>}: its first line break dropped, the entities read. */
    private static String shown(final String page, final String id) {
        final Matcher m = Pattern.compile("<pre id=\"" + id + "\">(.*?)</pre>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), page);
        final String raw = m.group(1).startsWith("\n") ? m.group(1).substring(1) : m.group(1);
        assertTrue(!raw.contains("<"), raw);
        return raw.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
