package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every example under {@code examples/} and the default matrix give, with their fixed seeds, the
 * same {@code summary.json} and {@code sessions.csv}, byte for byte, as the golden copies in
 * {@code src/test/resources/golden/<name>/}. A refactoring must pass this unchanged.
 *
 * <p>When a change of results is intended (and only then), regenerate the copies and review the
 * diff before committing it:
 *
 * <pre>
 * mvn -B -ntp -pl sim-scenarios -am verify -Dtest=GoldenResultsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
 * git diff --stat sim-scenarios/src/test/resources/golden
 * </pre>
 */
class GoldenResultsTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String MATRIX = "default-matrix";
    private static final List<String> FILES = List.of("summary.json", "sessions.csv");

    /** Every example file, then the matrix that {@code ftpsim run} without a file runs. */
    static Stream<String> runs() throws IOException {
        final List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().forEach(names::add);
        }
        names.add(MATRIX);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theResultFilesAreByteIdenticalToTheGoldenCopies(final String name, @TempDir final Path tmp) throws IOException {
        final StringWriter err = new StringWriter();
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        final List<String> args = new ArrayList<>(List.of("run", "--no-progress", "--out", tmp.toString()));
        if (!name.equals(MATRIX)) {
            args.add(1, EXAMPLES.resolve(name + ".yaml").toString());
        }
        assertEquals(Main.EXIT_OK, cl.execute(args.toArray(String[]::new)), err.toString());
        final boolean update = Boolean.getBoolean("golden.update");
        for (final String f : FILES) {
            final byte[] actual = Files.readAllBytes(tmp.resolve(f));
            final Path golden = GOLDEN.resolve(name).resolve(f);
            if (update) {
                Files.createDirectories(golden.getParent());
                Files.write(golden, actual);
            } else if (!Files.exists(golden)) {
                fail("no golden copy " + golden + ": run once with -Dgolden.update=true and commit it");
            } else if (!Arrays.equals(Files.readAllBytes(golden), actual)) {
                fail(name + "/" + f + " differs from " + golden + " " + firstDifference(Files.readAllBytes(golden), actual));
            }
        }
    }

    /** Where the two files part, with the golden and the new line, so that a failure reads without a diff tool. */
    private static String firstDifference(final byte[] golden, final byte[] actual) {
        final String[] g = new String(golden, StandardCharsets.UTF_8).split("\n", -1);
        final String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(g.length, a.length); i++) {
            if (!g[i].equals(a[i])) {
                return "at line " + (i + 1) + ":\n  golden: " + g[i] + "\n  now:    " + a[i];
            }
        }
        return "in length: " + g.length + " lines golden, " + a.length + " now";
    }
}
