package dev.ftpsim.explain;

import dev.ftpsim.scenario.ScenarioEdit;
import java.util.List;

/**
 * A fix tried by simulation.
 *
 * @param fix the fix's name
 * @param why what it changes in the real world
 * @param edits the changes made to the copy of the scenario
 * @param rulesets the ruleset files rewritten for it (their copies were read instead), empty for most fixes
 * @param succeeded the population's sessions that succeeded with the fix
 * @param sessions the population's sessions
 * @param othersLost sessions of other populations that succeeded before and failed with the fix
 * @param works every session of the population succeeded and no other population lost one
 * @param error why the fix could not be tried (the changed scenario did not load), or null
 */
public record FixTrial(String fix, String why, List<ScenarioEdit> edits, List<RulesetEdit> rulesets, int succeeded,
        int sessions, int othersLost, boolean works, String error) {
    public FixTrial {
        edits = List.copyOf(edits);
        rulesets = List.copyOf(rulesets);
    }
}
