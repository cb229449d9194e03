package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever a user does to a valid file, the loader answers with located errors, never with a
 * stack trace: every example is mutated line by line (deleted, cut off, value replaced by a
 * wrong type) and each result must load or fail with a ScenarioException whose errors all have a
 * position.
 */
class LoaderRobustnessTest {
    private static final List<String> REPLACEMENTS = List.of("[]", "{}", "-1", "x", "0", "\"\"", "~");

    @Test
    void noMutationOfAnExampleCrashesTheLoader() throws IOException {
        final List<Path> files;
        try (Stream<Path> s = Files.list(ExamplesValidateTest.EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int runs = 0;
        for (final Path f : files) {
            final List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                final List<String> variants = new ArrayList<>();
                final List<String> without = new ArrayList<>(lines);
                without.remove(i);
                variants.add(String.join("\n", without));
                variants.add(String.join("\n", lines.subList(0, i)));
                final String line = lines.get(i);
                final int colon = line.indexOf(": ");
                if (colon > 0 && !line.strip().startsWith("#")) {
                    for (final String r : REPLACEMENTS) {
                        final List<String> changed = new ArrayList<>(lines);
                        changed.set(i, line.substring(0, colon + 2) + r);
                        variants.add(String.join("\n", changed));
                    }
                }
                for (final String text : variants) {
                    runs++;
                    try {
                        ScenarioLoader.parse(text, f.getFileName().toString(), f.toAbsolutePath().getParent());
                    } catch (final ScenarioException e) {
                        for (final ScenarioError err : e.errors()) {
                            if (err.line() < 1 || err.column() < 1) {
                                throw new AssertionError("unlocated error for " + f + " line " + (i + 1) + ": " + err);
                            }
                        }
                    } catch (final RuntimeException e) {
                        throw new AssertionError(f + " mutated at line " + (i + 1) + " crashed the loader:\n" + text, e);
                    }
                }
            }
        }
        assertFalse(runs < 1000, "ran " + runs + " variants");
    }
}
