package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** A run's progress bar on a terminal names the scenario: a C1 control or bidi override in the name is shown, not obeyed. */
class TheProgressBarShowsControlCharactersOfTheNameAsEscapesTest {
    @Test
    void theBarsTaskNameIsTheNameWithItsControlsEscaped() throws Exception {
        final Scenario s = ScenarioLoader.parse(Files.readString(Path.of("../examples/active-client-fw.yaml"))
                .replace("name: active-client-fw", "name: \"a\\u0085b\\u202Ec\""), "s.yaml", Path.of("."));
        final PrintStream saved = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (ProgressBar bar = ScenarioRun.bar(s)) {
            bar.stepTo(1000);
        } finally {
            System.setErr(saved);
        }
        final String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("a\\u0085b\\u202Ec "), shown);
        assertFalse(shown.contains("\u0085") || shown.contains("\u202E"), shown);
    }
}
