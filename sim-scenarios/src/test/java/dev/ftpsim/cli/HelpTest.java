package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command's --help shows usage and examples, with no picocli warning and lines that fit 80 columns. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"run", "sweep", "ladder", "validate", "channels", "serve", "selfcheck", "trace"})
    void helpShowsExamplesCleanly(final String command) {
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        final StringWriter out = new StringWriter();
        final int status;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli's tracer writes here
            final CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            status = cl.execute(command, "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, status);
        final String text = out.toString();
        assertTrue(text.startsWith("Usage: ftpsim " + command), text);
        assertTrue(text.contains("Example"), text);
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        final List<String> wide = text.lines().filter(l -> l.length() > 80).toList();
        assertEquals(List.of(), wide);
    }
}
