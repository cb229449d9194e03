package dev.ftpsim.core.rules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A canonical text of a ruleset without source positions: two rulesets are the same IR when their
 * canonical texts are equal, whichever front end (nft text, nft JSON, iptables-save) produced them.
 * One line per table, chain, set, object and rule, so a test failure shows the difference.
 */
public final class IrText {
    private IrText() {
    }

    /** The canonical text of a whole ruleset. */
    public static String canonical(final Ruleset r) {
        final StringBuilder sb = new StringBuilder();
        for (final Table t : r.tables()) {
            sb.append("table ").append(t.family().nft()).append(' ').append(t.name());
            if (t.dormant()) {
                sb.append(" dormant");
            }
            sb.append('\n');
            for (final Flowtable f : t.flowtables().values()) {
                sb.append("  ").append(of(f)).append('\n');
            }
            for (final NamedObject o : new TreeMap<>(t.objects()).values()) {
                sb.append("  ").append(of(o)).append('\n');
            }
            for (final NamedSet s : t.sets().values()) {
                sb.append("  ").append(s.isMap() ? "map " : "set ").append(s.name()).append(' ')
                        .append(s.keyType()).append(" : ").append(s.dataType()).append(' ').append(s.dataObject())
                        .append(' ').append(s.flags()).append(" timeout=").append(s.timeoutMs())
                        .append(" size=").append(s.size()).append(" counter=").append(s.counter()).append('\n');
                // element order carries no meaning (nft lists interval sets sorted, hashes in any order)
                s.elements().stream().map(IrText::of).sorted().forEach(e -> sb.append("    ").append(e).append('\n'));
            }
            for (final Chain c : t.chains().values()) {
                sb.append("  chain ").append(c.name()).append(' ').append(c.base() == null ? "regular" : of(c.base()))
                        .append('\n');
                for (final Rule rule : c.rules()) {
                    sb.append("    ").append(of(rule.items()));
                    if (rule.comment() != null) {
                        sb.append(" comment=").append(rule.comment());
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Whether two expressions are equal but for positions. */
    static boolean same(final Expr a, final Expr b) {
        return of(a).equals(of(b));
    }

    /** The canonical text of any IR value: records by their components except {@code pos}. */
    public static String of(final Object o) {
        final StringBuilder sb = new StringBuilder();
        append(sb, o);
        return sb.toString();
    }

    private static void append(final StringBuilder sb, final Object o) {
        if (o instanceof Expr.AnonSet s) {
            sb.append("AnonSet").append(s.elements().stream().map(IrText::of).sorted().toList());
        } else if (o instanceof Record r) {
            sb.append(r.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (final RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equals("pos")) {
                    continue;
                }
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                try {
                    append(sb, c.getAccessor().invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
            sb.append(')');
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, l.get(i));
            }
            sb.append(']');
        } else if (o instanceof Map<?, ?> m) {
            sb.append(new TreeMap<>(m));
        } else {
            sb.append(o);
        }
    }
}
