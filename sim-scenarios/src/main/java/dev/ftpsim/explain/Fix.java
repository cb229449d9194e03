package dev.ftpsim.explain;

import dev.ftpsim.scenario.ScenarioEdit;
import java.util.List;

/**
 * A candidate fix: what it does in words, and the changes to the scenario file that make it.
 *
 * @param name short, e.g. "assign the FTP helper at fw"
 * @param why what it changes in the real world, e.g. "nf_conntrack_ftp then marks the data connection RELATED"
 * @param edits the changes, each a key or rule to add to the scenario file
 * @param rulesets rewrites of ruleset files the scenario reads (an nft file), tried on copies
 */
public record Fix(String name, String why, List<ScenarioEdit> edits, List<RulesetEdit> rulesets) {
    public Fix {
        edits = List.copyOf(edits);
        rulesets = List.copyOf(rulesets);
    }

    /** A fix made of scenario keys and rules only. */
    public Fix(final String name, final String why, final List<ScenarioEdit> edits) {
        this(name, why, edits, List.of());
    }
}
