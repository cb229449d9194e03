package dev.ftpsim.core.rules;

import java.util.Set;
import java.util.TreeSet;

/**
 * The interface names a ruleset refers to: in iif/oif/iifname/oifname matches and their sets and
 * maps, base chain and flowtable devices. The step that binds a ruleset to a node checks these
 * against the node's interfaces (names ending in {@code *} are wildcards).
 */
public final class InterfaceRefs {
    private InterfaceRefs() {
    }

    /** Every interface name the ruleset mentions, sorted. */
    public static Set<String> of(final Ruleset r) {
        final Set<String> out = new TreeSet<>();
        for (final Table t : r.tables()) {
            t.flowtables().values().forEach(f -> out.addAll(f.devices()));
            for (final NamedSet s : t.sets().values()) {
                if (s.keyType().contains(DataType.IFNAME) || s.keyType().contains(DataType.IFINDEX)) {
                    s.elements().forEach(e -> strings(e.key(), out));
                }
            }
            for (final Chain c : t.chains().values()) {
                if (c.base() != null && c.base().device() != null) {
                    out.add(c.base().device());
                }
                for (final Rule rule : c.rules()) {
                    for (final Stmt s : rule.items()) {
                        if (s instanceof Stmt.Match m && isIface(m.left())) {
                            strings(m.right(), out);
                        } else if (s instanceof Stmt.Vmap v && isIface(v.key())) {
                            strings(v.map(), out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isIface(final Expr e) {
        if (e instanceof Expr.Load l) {
            final Field f = l.field();
            return f == Field.META_IIF || f == Field.META_OIF || f == Field.META_IIFNAME || f == Field.META_OIFNAME;
        }
        return false;
    }

    private static void strings(final Expr e, final Set<String> out) {
        if (e instanceof Expr.Str s) {
            out.add(s.value());
        } else if (e instanceof Expr.AnonSet a) {
            a.elements().forEach(el -> strings(el.key(), out));
        }
    }
}
