package dev.ftpsim.core.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A named set or map of a table. The key is a list of types (a concatenation when longer than
 * one); a map also has a data type ({@link DataType#VERDICT} for a verdict map, {@link DataType#STRING}
 * with {@link #dataObject} for maps to ct helpers, timeouts, expectations or counters).
 */
public final class NamedSet {
    /** Set flags. */
    public enum Flag { CONSTANT, INTERVAL, TIMEOUT, DYNAMIC }

    private final String name;
    private final boolean map;
    private final Pos pos;
    private List<DataType> keyType = List.of();
    private DataType dataType;
    private Stmt.ObjKind dataObject;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private long timeoutMs = -1;
    private long size = -1;
    private boolean counter;
    private boolean autoMerge;
    private String comment;
    private final List<Expr.Element> elements = new ArrayList<>();

    public NamedSet(final String name, final boolean map, final Pos pos) {
        this.name = name;
        this.map = map;
        this.pos = pos;
    }

    public String name() {
        return name;
    }

    /** Whether this is a map (elements carry data). */
    public boolean isMap() {
        return map;
    }

    public Pos pos() {
        return pos;
    }

    /** The key's types, one per concatenated part. */
    public List<DataType> keyType() {
        return keyType;
    }

    public void keyType(final List<DataType> t) {
        this.keyType = List.copyOf(t);
    }

    /** A map's data type, null for a set. */
    public DataType dataType() {
        return dataType;
    }

    public void dataType(final DataType t) {
        this.dataType = t;
    }

    /** For a map to named objects, their kind; else null. */
    public Stmt.ObjKind dataObject() {
        return dataObject;
    }

    public void dataObject(final Stmt.ObjKind k) {
        this.dataObject = k;
    }

    public Set<Flag> flags() {
        return flags;
    }

    /** The default element timeout in ms, -1 if none. */
    public long timeoutMs() {
        return timeoutMs;
    }

    public void timeoutMs(final long t) {
        this.timeoutMs = t;
    }

    /** The maximum number of elements, -1 if unbounded. */
    public long size() {
        return size;
    }

    public void size(final long s) {
        this.size = s;
    }

    /** Whether each element counts its packets. */
    public boolean counter() {
        return counter;
    }

    public void counter(final boolean c) {
        this.counter = c;
    }

    /** Whether overlapping and adjacent intervals merge ({@code auto-merge}) instead of being refused. */
    public boolean autoMerge() {
        return autoMerge;
    }

    public void autoMerge(final boolean a) {
        this.autoMerge = a;
    }

    public String comment() {
        return comment;
    }

    public void comment(final String c) {
        this.comment = c;
    }

    /** The elements in the order given. */
    public List<Expr.Element> elements() {
        return elements;
    }
}
