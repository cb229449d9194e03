package dev.ftpsim.sweep;

import java.util.HashSet;
import java.util.List;

/**
 * What a sweep computes: its points in order, replications per point, the master seed, and a
 * digest of its inputs (the files and program version the points' results depend on). The
 * journal's header records exactly this, so a resume can tell whether a folder holds the same
 * sweep of the same inputs.
 *
 * @param inputs a digest of everything besides the points that decides the results (for ftpsim:
 *     SHA-256 of the scenario file, every file it loads and the version), "" when none
 * @param inputParts the same inputs one by one, so that a refused resume names what changed; null
 *     when not known
 */
public record SweepSpec(List<SweepPoint> points, int replications, long masterSeed, String inputs,
                        InputParts inputParts) {
    /** A sweep whose results depend on nothing but its points. */
    public SweepSpec(final List<SweepPoint> points, final int replications, final long masterSeed) {
        this(points, replications, masterSeed, "");
    }

    /** A sweep whose inputs are known by their digest only. */
    public SweepSpec(final List<SweepPoint> points, final int replications, final long masterSeed,
                     final String inputs) {
        this(points, replications, masterSeed, inputs, null);
    }

    public SweepSpec {
        java.util.Objects.requireNonNull(inputs, "inputs");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one point");
        }
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be at least 1, got " + replications);
        }
        final var names = new HashSet<String>();
        for (final SweepPoint p : points) {
            // Names label CSV rows and error messages: duplicates would make both ambiguous.
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two sweep points are named '" + p.name() + "'");
            }
        }
    }
}
