package dev.ftpsim.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sweep's inputs one by one, each with its own digest, beside the digest of them all ({@link
 * SweepSpec#inputs}): when that differs from the journal's, these say which input changed, so a
 * refused resume can name it (a comment edit in one ruleset, or ftpsim itself).
 *
 * @param program      the digest of the program (its version and code)
 * @param scenario     the digest of the scenario file's bytes
 * @param files        the digest of each file the scenario loads, by its path as written, relative
 *                     to the scenario file's folder
 * @param scenarioName the scenario file as named this time (for messages; not journaled, since a
 *                     sweep run from another folder names it otherwise), or null
 */
public record InputParts(String program, String scenario, SortedMap<String, String> files, String scenarioName) {
    public InputParts {
        java.util.Objects.requireNonNull(program, "program");
        java.util.Objects.requireNonNull(scenario, "scenario");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** What changed from {@code journal} to {@code this}, each in words; empty if nothing did. */
    List<String> changesFrom(final InputParts journal) {
        final List<String> changes = new ArrayList<>();
        if (!journal.scenario.equals(scenario)) {
            changes.add("the scenario file" + (scenarioName == null ? "" : " " + scenarioName) + " changed");
        }
        final List<String> changed = new ArrayList<>();
        final List<String> added = new ArrayList<>();
        final List<String> gone = new ArrayList<>();
        for (final Map.Entry<String, String> f : files.entrySet()) {
            final String then = journal.files.get(f.getKey());
            if (then == null) {
                added.add(f.getKey());
            } else if (!then.equals(f.getValue())) {
                changed.add(f.getKey());
            }
        }
        journal.files.keySet().stream().filter(f -> !files.containsKey(f)).forEach(gone::add);
        if (!changed.isEmpty()) {
            changes.add(String.join(", ", changed) + " changed");
        }
        if (!added.isEmpty()) {
            changes.add(String.join(", ", added) + " " + (added.size() == 1 ? "is" : "are") + " loaded now but "
                    + (added.size() == 1 ? "was" : "were") + " not then");
        }
        if (!gone.isEmpty()) {
            changes.add(String.join(", ", gone) + " " + (gone.size() == 1 ? "was" : "were") + " loaded then but "
                    + (gone.size() == 1 ? "is" : "are") + " not now");
        }
        if (!journal.program.equals(program)) {
            changes.add("ftpsim changed (another version or build)");
        }
        return changes;
    }
}
