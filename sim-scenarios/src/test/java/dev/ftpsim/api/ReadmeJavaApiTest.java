package dev.ftpsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The Java API example in the README runs as it stands, in jshell started from the repository's
 * root folder with ftpsim on the class path, and prints what the same run gives in this JVM.
 */
class ReadmeJavaApiTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The first {@code java} code block after the heading {@code ## Java API}. */
    static String readmeBlock() throws Exception {
        final String readme = Files.readString(ROOT.resolve("README.md"));
        final int section = readme.indexOf("\n## Java API\n");
        assertTrue(section >= 0, "README has a Java API section");
        final int start = readme.indexOf("```java\n", section) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theReadmeExampleRunsInJshellAndPrintsTheRunsFigures() throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (JShell js = JShell.builder().out(ps).err(ps)
                .remoteVMOptions("-Duser.dir=" + ROOT).build()) {
            for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                js.addToClasspath(entry);
            }
            String rest = readmeBlock();
            while (!rest.isBlank()) {
                final SourceCodeAnalysis.CompletionInfo c = js.sourceCodeAnalysis().analyzeCompletion(rest);
                assertEquals(SourceCodeAnalysis.Completeness.COMPLETE, c.completeness(), "incomplete: " + rest);
                for (final SnippetEvent e : js.eval(c.source())) {
                    if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                        fail(c.source() + " failed: " + e.status() + " " + e.exception() + " "
                                + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                    }
                }
                rest = c.remaining();
            }
        }
        assertEquals(expected() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    /** The line the example prints, from the same run made here. */
    private static String expected() throws Exception {
        final RunResult r = Ftpsim.run(Ftpsim.load(ROOT.resolve("examples/passive-server-dnat-helper.yaml")), 42);
        final long ok = r.sessions().stream().filter(row -> row.record().ok()).count();
        final long peak = Arrays.stream(r.timeseries().column("conntrack_fw")).max().orElse(0);
        assertTrue(peak > 0 && ok > 0, "the example shows a run that did something");
        return String.format("%d of %d sessions ok, %d conntrack entries made, at most %d at once", ok,
                r.sessions().size(), r.firewall("fw").counters().get("inserted"), peak);
    }

    @Test
    void aColumnNoProbeMadeIsNamedWithTheOnesThereAre() throws Exception {
        final RunResult r = Ftpsim.run(Ftpsim.load(ROOT.resolve("examples/passive-server-dnat-helper.yaml")), 42);
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> r.timeseries().column("conntrack_router"));
        assertEquals("no time-series column conntrack_router; there are " + List.of("time_s", "conntrack_fw",
                "expectations_fw", "nat_fw", "expired_fw", "sessions_finished"), e.getMessage());
    }
}
