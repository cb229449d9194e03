package dev.ftpsim.core.rules;

import java.util.Map;

/** A stateful object declared in a table and referenced by name from rules or maps. */
public sealed interface NamedObject {
    /** The object's name. */
    String name();

    /** Where it was declared. */
    Pos pos();

    /** A named counter. */
    record CounterObj(String name, long packets, long bytes, Pos pos) implements NamedObject { }

    /** A named quota. */
    record QuotaObj(String name, boolean over, long bytes, long used, Pos pos) implements NamedObject { }

    /** A named limit (token bucket). */
    record LimitObj(String name, Stmt.Limit limit, Pos pos) implements NamedObject { }

    /** {@code ct helper NAME { type "ftp" protocol tcp; l3proto ip }}; l3proto 0 means the table's. */
    record CtHelperObj(String name, String helper, int l4proto, int l3proto, Pos pos) implements NamedObject { }

    /** {@code ct timeout NAME { protocol tcp; policy = { established: 3s } }}, timeouts in ms by state. */
    record CtTimeoutObj(String name, int l4proto, int l3proto, Map<String, Long> policyMs, Pos pos)
            implements NamedObject { }

    /** {@code ct expectation NAME { protocol tcp; dport 21; timeout 1m; size 12 }}. */
    record CtExpectationObj(String name, int l4proto, int l3proto, int dport, long timeoutMs, int size, Pos pos)
            implements NamedObject { }

    /** The kind a statement names this object by. */
    default Stmt.ObjKind kind() {
        if (this instanceof CounterObj) {
            return Stmt.ObjKind.COUNTER;
        } else if (this instanceof QuotaObj) {
            return Stmt.ObjKind.QUOTA;
        } else if (this instanceof LimitObj) {
            return Stmt.ObjKind.LIMIT;
        } else if (this instanceof CtHelperObj) {
            return Stmt.ObjKind.CT_HELPER;
        } else if (this instanceof CtTimeoutObj) {
            return Stmt.ObjKind.CT_TIMEOUT;
        }
        return Stmt.ObjKind.CT_EXPECTATION;
    }
}
