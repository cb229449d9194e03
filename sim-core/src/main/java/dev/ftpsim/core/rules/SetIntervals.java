package dev.ftpsim.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Overlapping intervals, refused where nft refuses them. nft (src/intervals.c, set_overlap and
 * setelem_overlap) sorts the elements of an interval set or map by their low end and refuses an
 * element that starts inside the one before it ("conflicting intervals specified", at the later
 * element); an element equal to the one before is passed over. A set with {@code auto-merge}, and
 * an anonymous set in a rule, merges instead (set_automerge): its elements match as their union,
 * as ftpsim matches them. Concatenated keys are checked as the kernel's pipapo set checks them
 * ({@link #concatClash}): nft does not look at them, auto-merge or not.
 */
final class SetIntervals {
    /** nft 1.0.6's words. */
    static final String CONFLICT = "conflicting intervals specified";
    /** The kernel's refusal of a key given twice with other data. */
    static final String EXISTS = "this key is in the map already, with other data (the kernel refuses it: File exists)";

    private SetIntervals() {
    }

    /** The kernel's refusal of a concatenated element that overlaps one before it. */
    static final String OVERLAPS = "this element overlaps an element before it (the kernel refuses it: File exists)";

    /** Every named interval set or map of {@code r} whose elements overlap, as nft finds it at its element. */
    static void check(final Ruleset r, final List<RuleError> errors) {
        for (final Table t : r.tables()) {
            for (final NamedSet s : t.sets().values()) {
                if (s.keyType().size() > 1) {
                    final RuleError e = concatClash(s.elements());
                    if (e != null) {
                        errors.add(e);
                    }
                    continue;
                }
                final boolean interval = s.flags().contains(NamedSet.Flag.INTERVAL);
                if (interval && !(s.autoMerge() && !s.isMap())) {
                    final Pos at = conflict(s.elements());
                    if (at != null) {
                        errors.add(new RuleError(at, CONFLICT));
                        continue;
                    }
                }
                if (s.isMap()) {
                    final Pos at = sameKeyOtherData(s.elements(), interval);
                    if (at != null) {
                        errors.add(new RuleError(at, EXISTS));
                    }
                }
            }
        }
    }

    /**
     * An anonymous map in a rule: interval maps are checked, as nft's set_overlap checks them (it merges
     * only sets); an anonymous set or map of concatenations as the kernel checks it.
     */
    static void checkAnonymousMap(final List<Expr.Element> elements) {
        if (!elements.isEmpty() && elements.get(0).key() instanceof Expr.Concat) {
            final RuleError e = concatClash(elements);
            if (e != null) {
                throw new ParseFailure(e.pos(), e.message());
            }
            return;
        }
        final boolean interval = elements.stream().anyMatch(e -> e.key() instanceof Expr.Prefix
                || e.key() instanceof Expr.Range);
        // nft checks overlaps before the kernel sees a key twice
        final Pos at = interval ? conflict(elements) : null;
        if (at != null) {
            throw new ParseFailure(at, CONFLICT);
        }
        final Pos same = sameKeyOtherData(elements, interval);
        if (same != null) {
            throw new ParseFailure(same, EXISTS);
        }
    }

    /**
     * A map's element whose key an element before it has, with other data: the kernel refuses the
     * second (nf_tables_api.c, nft_add_set_elem: -EEXIST when the data differ, even without
     * NLM_F_EXCL), nft -f printing "Could not process rule: File exists". An interval map's
     * elements reach the kernel in nft's sorted order, a hash map's in the order written.
     */
    static Pos sameKeyOtherData(final List<Expr.Element> elements, final boolean interval) {
        final List<Expr.Element> order = new ArrayList<>(elements);
        if (interval) {
            Collections.reverse(order);
            final List<BigInteger[]> b = order.stream().map(e -> bounds(e.key())).toList();
            if (b.stream().allMatch(x -> x != null)) {
                final List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < order.size(); i++) {
                    idx.add(i);
                }
                idx.sort(Comparator.comparing(i -> b.get(i)[0]));
                final List<Expr.Element> sorted = new ArrayList<>();
                idx.forEach(i -> sorted.add(order.get(i)));
                order.clear();
                order.addAll(sorted);
            }
        }
        final java.util.Map<String, String> data = new java.util.HashMap<>();
        for (final Expr.Element e : order) {
            final String d = IrText.of(e.data());
            final String before = data.putIfAbsent(IrText.of(e.key()), d);
            if (before != null && !before.equals(d)) {
                return e.pos();
            }
        }
        return null;
    }

    /**
     * The first element of concatenated keys that the kernel refuses, in the order written (nft sends
     * them so). The pipapo set (net/netfilter/nft_set_pipapo.c, nft_pipapo_insert) looks up the new
     * element's first key and its last key among the elements it holds: an element holding either
     * refuses it (-ENOTEMPTY, "File exists" to nft -f), unless it is the same element, which a set
     * passes over and a map refuses when the data differ (nft_add_set_elem). So an element may enclose
     * one before it, but not start or end inside one. Null when none clashes or a part cannot be
     * compared (a wildcard interface name).
     */
    static RuleError concatClash(final List<Expr.Element> elements) {
        final List<BigInteger[][]> held = new ArrayList<>(); // per element: {lows, highs}
        final List<Expr.Element> heldElements = new ArrayList<>();
        for (final Expr.Element e : elements) {
            if (!(e.key() instanceof Expr.Concat c)) {
                return null;
            }
            final BigInteger[] lo = new BigInteger[c.parts().size()];
            final BigInteger[] hi = new BigInteger[lo.length];
            for (int k = 0; k < lo.length; k++) {
                final BigInteger[] b = partBounds(c.parts().get(k));
                if (b == null) {
                    return null;
                }
                lo[k] = b[0];
                hi[k] = b[1];
            }
            boolean same = false;
            for (int j = 0; j < held.size(); j++) {
                final BigInteger[][] h = held.get(j);
                if (java.util.Arrays.equals(h[0], lo) && java.util.Arrays.equals(h[1], hi)) {
                    if (!IrText.of(heldElements.get(j).data()).equals(IrText.of(e.data()))) {
                        return new RuleError(e.pos(), EXISTS);
                    }
                    same = true;
                    break;
                }
            }
            if (same) {
                continue;
            }
            for (final BigInteger[][] h : held) {
                if (holds(h, lo) || holds(h, hi)) {
                    return new RuleError(e.pos(), OVERLAPS);
                }
            }
            held.add(new BigInteger[][] {lo, hi});
            heldElements.add(e);
        }
        return null;
    }

    private static boolean holds(final BigInteger[][] element, final BigInteger[] key) {
        for (int k = 0; k < key.length; k++) {
            if (key[k].compareTo(element[0][k]) < 0 || key[k].compareTo(element[1][k]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** A concatenated part's bounds: as {@link #bounds}, and an interface name as its bytes (a wildcard: null). */
    private static BigInteger[] partBounds(final Expr e) {
        if (e instanceof Expr.Str str) {
            if (str.value().endsWith("*")) {
                return null;
            }
            final BigInteger v = new BigInteger(1, str.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new BigInteger[] {v, v};
        }
        return bounds(e);
    }

    /** Where the first element that overlaps another starts, in nft's order; null when none does. */
    static Pos conflict(final List<Expr.Element> elements) {
        final List<Object[]> spans = new ArrayList<>(); // {low, high, element}
        for (final Expr.Element e : elements) {
            final BigInteger[] b = bounds(e.key());
            if (b == null) {
                return null; // a key of names or of concatenated parts: not checked here
            }
            spans.add(new Object[] {b[0], b[1], e});
        }
        // nft's merge sort (src/mergesort.c) puts elements of equal low ends in reverse order
        Collections.reverse(spans);
        spans.sort(Comparator.comparing(s -> (BigInteger) s[0]));
        for (int i = 1; i < spans.size(); i++) {
            final Object[] prev = spans.get(i - 1);
            final Object[] cur = spans.get(i);
            if (prev[0].equals(cur[0]) && prev[1].equals(cur[1])) {
                continue;
            }
            if (((BigInteger) cur[0]).compareTo((BigInteger) prev[1]) <= 0) {
                return ((Expr.Element) cur[2]).pos();
            }
        }
        return null;
    }

    /** Low and high end of a constant key, or null for keys not compared here. */
    private static BigInteger[] bounds(final Expr e) {
        if (e instanceof Expr.Range r) {
            final BigInteger[] lo = bounds(r.lo());
            final BigInteger[] hi = bounds(r.hi());
            return lo == null || hi == null ? null : new BigInteger[] {lo[0], hi[1]};
        }
        if (e instanceof Expr.Prefix p) {
            final int bits = p.base() instanceof Expr.Ip4 ? 32 : p.base() instanceof Expr.Ip6 ? 128 : -1;
            final BigInteger[] base = bounds(p.base());
            if (bits < 0 || base == null) {
                return null;
            }
            final BigInteger host = BigInteger.ONE.shiftLeft(bits - p.length()).subtract(BigInteger.ONE);
            final BigInteger lo = base[0].andNot(host);
            return new BigInteger[] {lo, lo.or(host)};
        }
        final BigInteger v;
        if (e instanceof Expr.Num n) {
            v = BigInteger.valueOf(n.value());
        } else if (e instanceof Expr.Ip4 a) {
            v = BigInteger.valueOf(a.addr() & 0xffffffffL);
        } else if (e instanceof Expr.Ip6 a) {
            v = unsigned(a.hi()).shiftLeft(64).or(unsigned(a.lo()));
        } else if (e instanceof Expr.Mac m) {
            v = BigInteger.valueOf(m.addr());
        } else {
            return null;
        }
        return new BigInteger[] {v, v};
    }

    private static BigInteger unsigned(final long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }
}
