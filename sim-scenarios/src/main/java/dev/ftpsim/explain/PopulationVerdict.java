package dev.ftpsim.explain;

import java.util.List;
import java.util.Map;

/**
 * Why one client population failed, and what was tried.
 *
 * @param population its name ({@code sessions.csv}: {@code <population>#<k>})
 * @param session the failed session the chain describes (the first to end)
 * @param chain the failure chain in words, one step an item
 * @param keptOut why the scenario keeps this population out on purpose (then no fix is tried), or null
 * @param fixes each candidate fix tried, working ones first, in the catalog's order otherwise
 */
public record PopulationVerdict(String population, String host, String profile, String mode, int sessions, int failed,
        Map<String, Integer> failuresByReason, String session, List<String> chain, String keptOut, List<FixTrial> fixes) {
    public PopulationVerdict {
        chain = List.copyOf(chain);
        fixes = List.copyOf(fixes);
    }
}
