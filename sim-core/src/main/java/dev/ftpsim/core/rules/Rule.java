package dev.ftpsim.core.rules;

import java.util.List;

/**
 * A rule: its items in order (matches, statements, at most one final verdict or vmap), its comment
 * (null if none), and its handle (-1 when the text gave none).
 */
public record Rule(List<Stmt> items, String comment, long handle, Pos pos) {
    public Rule {
        items = List.copyOf(items);
    }
}
