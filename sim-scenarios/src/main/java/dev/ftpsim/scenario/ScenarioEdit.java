package dev.ftpsim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One change to a scenario file's tree before it is bound: set the key at {@code path} to a YAML
 * value, or put rules at the front of a list (a chain's rules, a helper list). What the fix
 * advisor applies to a copy of a scenario; {@link #toString()} is the change as a user writes it.
 *
 * @param path a key path as a sweep's {@code vary} writes it: {@code ftp.clients[0].mode},
 *     {@code firewall.fw.prerouting}; maps on the way that are absent are created
 * @param yaml the value as YAML flow text: {@code passive}, {@code [ftp]}, {@code 'tcp dport 21 ct helper set "ftp"'}
 * @param prepend true to put the value (an item, or each item of a list) at the front of the list
 *     at {@code path} (a chain written as a mapping: its {@code rules}), creating the list if absent
 */
public record ScenarioEdit(String path, String yaml, boolean prepend) {
    /** Sets {@code path} to {@code yaml}. */
    public static ScenarioEdit set(final String path, final String yaml) {
        return new ScenarioEdit(path, yaml, false);
    }

    /** Puts {@code yaml} (an item) first in the list at {@code path}. */
    public static ScenarioEdit prepend(final String path, final String yaml) {
        return new ScenarioEdit(path, yaml, true);
    }

    @Override
    public String toString() {
        return !prepend ? path + ": " + yaml : path + (path.startsWith("firewall.") ? ": first rule " : ": first item ")
                + yaml;
    }

    /** Whether {@code path} names something written in {@code text} (a scenario file's text). */
    public static boolean exists(final String text, final String fileName, final String path) {
        return node(text, fileName, path) != null;
    }

    /**
     * The items written at {@code path} in {@code text}, a list or a chain (its {@code rules}), as
     * their text: what a prepended item would be put in front of; empty when there is none.
     */
    public static List<String> items(final String text, final String fileName, final String path) {
        Tree.Node n = node(text, fileName, path);
        if (n instanceof Tree.Map chain) {
            n = chain.get("rules");
        }
        final List<String> out = new ArrayList<>();
        if (n instanceof Tree.Seq q) {
            q.items().forEach(i -> out.add(i instanceof Tree.Scalar sc ? sc.text() : ""));
        }
        return out;
    }

    private static Tree.Node node(final String text, final String fileName, final String path) {
        try {
            Tree.Node n = Tree.parse(text, fileName.endsWith(".json"), new ArrayList<>());
            for (final Object s : ScenarioLoader.segments(path)) {
                n = s instanceof Integer i ? n instanceof Tree.Seq q && i < q.items().size() ? q.items().get(i) : null
                        : n instanceof Tree.Map m ? m.get((String) s) : null;
                if (n == null) {
                    return null;
                }
            }
            return n;
        } catch (final Tree.SyntaxError e) {
            return null;
        }
    }

    /** {@code root} with every edit applied, in order; an edit that cannot apply is an IllegalArgumentException. */
    static Tree.Node apply(final Tree.Node root, final List<ScenarioEdit> edits) {
        Tree.Node out = root;
        for (final ScenarioEdit e : edits) {
            final List<Object> segs = ScenarioLoader.segments(e.path());
            if (segs == null) {
                throw new IllegalArgumentException("bad key path '" + e.path() + "'");
            }
            final Tree.Node value;
            try {
                value = Tree.parse(e.yaml(), false, new ArrayList<>());
            } catch (final Tree.SyntaxError x) {
                throw new IllegalArgumentException("bad value '" + e.yaml() + "': " + x.getMessage());
            }
            out = set(out, segs, 0, value, e.prepend());
        }
        return out;
    }

    private static Tree.Node set(final Tree.Node n, final List<Object> segs, final int i, final Tree.Node value,
            final boolean prepend) {
        if (i == segs.size()) {
            return prepend ? prepended(n, value) : value;
        }
        final Object s = segs.get(i);
        if (s instanceof Integer ix) {
            if (!(n instanceof Tree.Seq q) || ix >= q.items().size()) {
                throw new IllegalArgumentException("no [" + ix + "] at " + segs.subList(0, i));
            }
            return q.with(ix, set(q.items().get(ix), segs, i + 1, value, prepend));
        }
        final Tree.Map m = n == null ? new Tree.Map(value.loc(), List.of()) : n instanceof Tree.Map mm ? mm : null;
        if (m == null) {
            throw new IllegalArgumentException(segs.subList(0, i) + " is not a mapping");
        }
        return m.with((String) s, m.loc(), set(m.get((String) s), segs, i + 1, value, prepend));
    }

    /** {@code value}'s items (or itself) in front of the list {@code n}, or of its {@code rules}. */
    private static Tree.Node prepended(final Tree.Node n, final Tree.Node value) {
        if (n instanceof Tree.Map chain) {
            return chain.with("rules", chain.loc(), prepended(chain.get("rules"), value));
        }
        final List<Tree.Node> items = new ArrayList<>(value instanceof Tree.Seq v ? v.items() : List.of(value));
        if (n instanceof Tree.Seq q) {
            items.addAll(q.items());
        } else if (n != null) {
            throw new IllegalArgumentException("not a list: " + n.describe());
        }
        return new Tree.Seq(n == null ? value.loc() : n.loc(), items);
    }
}
