package dev.ftpsim.core.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a ruleset file (or files, through include) declares: its tables in creation order. */
public final class Ruleset {
    private final List<Table> tables = new ArrayList<>();
    private final List<Path> includes = new ArrayList<>();

    public List<Table> tables() {
        return tables;
    }

    /**
     * The files read through {@code include}, in reading order: what the ruleset depends on
     * besides its own file (a sweep's journal is keyed by their bytes too).
     */
    public List<Path> includes() {
        return includes;
    }

    /** The table of a family and name, or null. */
    public Table table(final Family family, final String name) {
        for (final Table t : tables) {
            if (t.family() == family && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
