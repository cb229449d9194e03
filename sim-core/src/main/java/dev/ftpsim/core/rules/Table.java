package dev.ftpsim.core.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** A table: chains, sets and maps, named objects and flowtables of one family, each by name in declaration order. */
public final class Table {
    private final Family family;
    private final String name;
    private final Pos pos;
    private String comment;
    private boolean dormant;
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, NamedSet> sets = new LinkedHashMap<>();
    private final Map<String, NamedObject> objects = new LinkedHashMap<>();
    private final Map<String, Flowtable> flowtables = new LinkedHashMap<>();

    public Table(final Family family, final String name, final Pos pos) {
        this.family = family;
        this.name = name;
        this.pos = pos;
    }

    public Family family() {
        return family;
    }

    public String name() {
        return name;
    }

    public Pos pos() {
        return pos;
    }

    public String comment() {
        return comment;
    }

    public void comment(final String c) {
        this.comment = c;
    }

    /** Whether {@code flags dormant} switched the table off. */
    public boolean dormant() {
        return dormant;
    }

    public void dormant(final boolean d) {
        this.dormant = d;
    }

    public Map<String, Chain> chains() {
        return chains;
    }

    public Map<String, NamedSet> sets() {
        return sets;
    }

    /** Named objects keyed by {@code kind + " " + name}: a counter and a quota may share a name. */
    public Map<String, NamedObject> objects() {
        return objects;
    }

    public Map<String, Flowtable> flowtables() {
        return flowtables;
    }

    /** The object of a kind and name, or null. */
    public NamedObject object(final Stmt.ObjKind kind, final String objName) {
        return objects.get(kind + " " + objName);
    }
}
