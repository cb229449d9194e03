package dev.ftpsim.sweep;

import java.util.HashSet;
import java.util.List;

/**
 * What a sweep computes: its points in order, replications per point and the master seed. The
 * journal's header records exactly this, so a resume can tell whether a folder holds the same
 * sweep.
 */
public record SweepSpec(List<SweepPoint> points, int replications, long masterSeed) {
    public SweepSpec {
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
