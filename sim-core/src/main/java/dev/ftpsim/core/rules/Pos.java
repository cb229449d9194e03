package dev.ftpsim.core.rules;

/**
 * Where a node of a ruleset came from: file name as given to the loader, 1-based line and column.
 * Positions never take part in {@link IrText#canonical IR equality}.
 */
public record Pos(String file, int line, int column) {
    /** A position for nodes that have no source text (defaults the loader fills in). */
    public static final Pos NONE = new Pos("", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
