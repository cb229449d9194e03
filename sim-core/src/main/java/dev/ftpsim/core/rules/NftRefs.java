package dev.ftpsim.core.rules;

import java.util.List;

/**
 * What a rule refers to by name, collected while it is parsed and checked when its command ends:
 * nft resolves names against what exists at that point of the file, so a {@code goto} to a chain a
 * later command adds is an error, while chains of the same table block may refer to each other.
 */
interface NftRefs {
    /** A jump or goto target. */
    void chain(String name, Pos pos);

    /** An {@code @set} lookup or update. */
    void set(String name, Pos pos);

    /** A named object use. */
    void object(Stmt.ObjKind kind, String name, Pos pos);

    /** A {@code flow add @ft} target. */
    void flowtable(String name, Pos pos);

    /**
     * A {@code meter NAME} (the old syntax of a dynamic set updated from the packet path): the set is
     * made in the rule's table when it does not exist yet.
     */
    void meter(String name, List<DataType> keyType, long size, Pos pos);

    /** Adds an anonymous chain ({@code jump { ... }}) with these rules; returns its name. */
    String anonymousChain(List<Rule> rules, Pos pos);
}
