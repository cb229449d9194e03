package dev.ftpsim.core.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The files one load of a scenario read (the scenario, its rulesets, the files they include), each
 * read once: a file the load needs again (a sweep binds each point again, a ruleset includes a file
 * twice) gets the bytes it got the first time, and a glob the same matches. So a file edited while
 * it is loaded cannot give two points two versions, and a digest of these bytes ({@code
 * ScenarioInputs}) is of what the simulation parsed, not of the file read again later. Paths are
 * kept absolute and normalized. Not thread-safe: one load, one thread.
 */
public final class SourceFiles {
    private final Map<Path, byte[]> bytes = new LinkedHashMap<>();
    private final Set<Path> included = new LinkedHashSet<>();
    private final Map<Path, List<Path>> globs = new HashMap<>();

    private static Path key(final Path p) {
        return p.toAbsolutePath().normalize();
    }

    /**
     * A copy holding what this one holds, for another parse of the same inputs (a candidate fix
     * tried on its own thread) that must read the bytes of this load, not the files as they are now.
     */
    public SourceFiles copy() {
        final SourceFiles c = new SourceFiles();
        c.bytes.putAll(bytes);
        c.included.addAll(included);
        c.globs.putAll(globs);
        return c;
    }

    /** The bytes read of {@code p} during this load, or null if it was not read. */
    public byte[] get(final Path p) {
        return bytes.get(key(p));
    }

    /** Records the bytes read of {@code p}; returns them. */
    public byte[] put(final Path p, final byte[] read) {
        bytes.put(key(p), read);
        return read;
    }

    /** Records the bytes of {@code p}, read because an nftables ruleset includes it. */
    void putIncluded(final Path p, final byte[] read) {
        put(p, read);
        included.add(key(p));
    }

    /** The files an nftables {@code include} read, in the order first read. */
    public Set<Path> included() {
        return Collections.unmodifiableSet(included);
    }

    /** Every file read, by absolute path, in the order first read. */
    public Map<Path, byte[]> files() {
        return Collections.unmodifiableMap(bytes);
    }

    /** The files the include glob {@code pattern} matched the first time, listed by {@code list} then. */
    List<Path> glob(final Path pattern, final Supplier<List<Path>> list) {
        final Path k = key(pattern);
        final List<Path> seen = globs.get(k);
        if (seen != null) {
            return seen;
        }
        final List<Path> found = List.copyOf(new ArrayList<>(list.get()));
        globs.put(k, found);
        return found;
    }
}
