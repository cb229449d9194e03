package dev.ftpsim.explain;

import java.util.List;

/**
 * A population with sessions that succeeded only after retrying: what it cost them, and the
 * change tried that makes them succeed at their first try.
 *
 * @param population the population's name
 * @param note who, how many and how ("1 of 1 succeeded only after retrying; session ...")
 * @param fixes the changes tried: each works when every session succeeds without retrying
 */
public record Retried(String population, String note, List<FixTrial> fixes) {
    public Retried {
        fixes = List.copyOf(fixes);
    }
}
