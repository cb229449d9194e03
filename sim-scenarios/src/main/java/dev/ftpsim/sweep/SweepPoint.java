package dev.ftpsim.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a sweep: a label and its parameters (name to value, as written by the user), in
 * the order given; the order decides the CSV's parameter columns.
 */
public record SweepPoint(String name, Map<String, String> params) {
    public SweepPoint {
        Objects.requireNonNull(name, "name");
        final var copy = new LinkedHashMap<String, String>();
        params.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "parameter name"),
                Objects.requireNonNull(v, "value of " + k)));
        params = Collections.unmodifiableMap(copy);
    }

    /** A point from alternating names and values: {@code of("p1", "mode", "passive", "loss", "0.001")}. */
    public static SweepPoint of(final String name, final String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs");
        }
        final var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new SweepPoint(name, map);
    }
}
