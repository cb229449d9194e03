package dev.ftpsim.explain;

import dev.ftpsim.scenario.ScenarioEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A rewrite of a firewall's ruleset file: what a fix does where the scenario reads the rules from
 * an nft file, to which no one-line rule can be added. The advisor writes {@link #text()} to a
 * temporary copy and points the scenario's copy at it, so the file itself is never touched.
 *
 * @param firewall the firewall's node
 * @param file the ruleset file as the scenario names it ({@code firewall.<node>.nft})
 * @param text the whole rewritten ruleset (not in explain.json: {@link #changes()} says what changed)
 * @param changes each changed rule as it reads after the rewrite, for the user to apply
 */
public record RulesetEdit(String firewall, String file,
        @com.fasterxml.jackson.annotation.JsonIgnore String text, List<String> changes) {
    public RulesetEdit {
        changes = List.copyOf(changes);
    }

    /**
     * Writes the rewritten ruleset into {@code folder} and returns the scenario change that reads
     * it instead of {@link #file()}.
     */
    public ScenarioEdit writeTo(final Path folder) throws IOException {
        final Path p = folder.resolve(firewall + "-" + Path.of(file).getFileName()).toAbsolutePath();
        Files.writeString(p, text);
        return ScenarioEdit.set("firewall." + firewall + ".nft", "'" + p.toString().replace("'", "''") + "'");
    }
}
