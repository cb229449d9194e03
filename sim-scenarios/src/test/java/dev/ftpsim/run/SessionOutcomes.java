package dev.ftpsim.run;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;

/** Tests' shorthand: run a scenario given as text and read each session's outcome, "ok" or its reason. */
final class SessionOutcomes {
    private SessionOutcomes() {
    }

    /** The sessions' outcomes of {@code yaml} (its files resolved in {@code dir}), run with its own seed. */
    static List<String> of(final String yaml, final Path dir) throws Exception {
        final Scenario s = ScenarioLoader.parse(yaml, "t.yaml", dir);
        return ScenarioRunner.run(s, s.seed(), null).rows().stream()
                .map(r -> r.record().ok() ? "ok" : r.record().reasonText()).toList();
    }

    /** The same with files resolved in the working folder. */
    static List<String> of(final String yaml) throws Exception {
        return of(yaml, Path.of("."));
    }
}
