package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Prefix;
import dev.ftpsim.core.net.Prefix6;
import dev.ftpsim.core.units.Units;
import dev.ftpsim.scenario.Tree.Kind;
import dev.ftpsim.scenario.Tree.Loc;
import dev.ftpsim.scenario.Tree.Node;
import dev.ftpsim.scenario.Tree.Scalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads located nodes into values. Nothing throws: each problem becomes a {@link ScenarioError}
 * and the reader carries on with a default, so one pass finds every error of a file.
 */
final class Binder {
    static final String DURATION = "a duration like 5ms or 120s";
    /**
     * The longest duration a scenario may name, 100 years: the engine's clock counts nanoseconds in
     * a long (292 years), and a time it schedules is the clock (at most {@code stop}) plus a
     * duration, so two of these never overflow it. 106751d as a session's reply timeout made the
     * run fail with an event "in the past".
     */
    static final long MAX_DURATION = 36_500 * Units.NS_PER_DAY;
    static final String RATE = "a rate like 100Mbps";
    static final String SIZE = "a size like 64KB or 100MB";
    static final String CIDR = "an IPv4 address with prefix length, like 198.51.100.10/24";
    static final String ADDRESS = "an IPv4 address like 198.51.100.1";

    final String file;
    final Path dir;
    private final String[] lines;
    final List<ScenarioError> errors = new ArrayList<>();
    /** Comparisons left for "did you mean" suggestions, shared by all binders of one file. */
    private final long[] suggestionBudget;

    /**
     * Letter comparisons that "did you mean" may make for one file: a second's work. Past it the
     * suggestions stop, since 20,000 unknown paths against 20,000 files would take hours.
     */
    static final long SUGGESTION_BUDGET = 20_000_000L;

    /** The files the load read (the scenario's and each point's bind read a ruleset once). */
    final dev.ftpsim.core.rules.SourceFiles sources;

    Binder(final String file, final Path dir, final String text, final long[] suggestionBudget,
            final dev.ftpsim.core.rules.SourceFiles sources) {
        this.sources = sources;
        this.file = file;
        this.dir = dir;
        this.lines = text.split("\n", -1);
        this.suggestionBudget = suggestionBudget;
    }

    void error(final Loc loc, final String path, final String message) {
        errors.add(new ScenarioError(file, loc.line(), loc.column(), path, message));
    }

    static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(final String path, final int i) {
        return path + "[" + i + "]";
    }

    /** 1 when the scalar at {@code loc} is written in quotes, so rule columns line up with the file. */
    int quoteWidth(final Loc loc) {
        if (loc.line() < 1 || loc.line() > lines.length || loc.column() < 1) {
            return 0;
        }
        final String l = lines[loc.line() - 1];
        final int i = loc.column() - 1;
        return i < l.length() && (l.charAt(i) == '"' || l.charAt(i) == '\'') ? 1 : 0;
    }

    // ------------------------------------------------------------------ structure

    /** The node as a mapping with only {@code keys}; unknown keys are reported. Null if not a mapping. */
    Tree.Map map(final Node n, final String path, final String what, final List<String> keys) {
        if (!(n instanceof Tree.Map m)) {
            error(n.loc(), path, "expected " + what + ", got " + n.describe());
            return null;
        }
        for (final Tree.Entry e : m.entries()) {
            if (keys != null && !keys.contains(e.key())) {
                error(e.keyLoc(), child(path, e.key()), unknown("key", e.key(), keys));
            }
        }
        return m;
    }

    Tree.Seq seq(final Node n, final String path, final String what) {
        if (!(n instanceof Tree.Seq s)) {
            error(n.loc(), path, "expected " + what + ", got " + n.describe());
            return null;
        }
        return s;
    }

    /** Reports a required key that is absent; returns its node otherwise. */
    Node required(final Tree.Map m, final String path, final String key, final String what) {
        final Node n = m.get(key);
        if (n == null) {
            error(m.loc(), path, "missing key '" + key + "': expected " + what);
        }
        return n;
    }

    /** "unknown key 'los' (did you mean 'loss'?); expected one of ends, bandwidth, ..." */
    String unknown(final String kind, final String given, final List<String> known) {
        return unknownOnly(kind, given, known) + "; expected " + (known.size() == 1 ? "'" + known.get(0) + "'"
                : "one of " + listed(known));
    }

    /** At most the first {@link #LISTED} of {@code items}, joined by commas, saying how many there are. */
    static String listed(final java.util.Collection<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.stream().limit(LISTED).toList()) + ", ... (" + items.size() + " in all)";
    }

    /** Longest list an error spells out. */
    static final int LISTED = 12;

    /** "unknown node 'b' (did you mean 'a'?)", for callers that say themselves what was expected. */
    String unknownOnly(final String kind, final String given, final List<String> known) {
        final String near = nearest(given, known);
        return "unknown " + kind + " '" + given + "'" + (near == null ? "" : " (did you mean '" + near + "'?)");
    }

    /** The closest of {@code known}, ignoring case and '_' for '-', if it is close enough to be a typo. */
    String nearest(final String given, final List<String> known) {
        final String g = given.toLowerCase(Locale.ROOT).replace('_', '-');
        long cost = 0;
        for (int i = 0; i < known.size() && cost <= suggestionBudget[0]; i++) {
            cost += (long) (g.length() + 1) * (known.get(i).length() + 1);
        }
        if (cost > suggestionBudget[0]) {
            suggestionBudget[0] = 0; // spent: no more suggestions for this file
            return null;
        }
        suggestionBudget[0] -= cost;
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (final String k : known) {
            final int d = distance(g, k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        final int allowed = Math.max(1, Math.min(3, g.length() / 3));
        return best != null && bestD <= allowed ? best : null;
    }

    private static int distance(final String a, final String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            final int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ------------------------------------------------------------------ scalars

    /** A scalar's text; null (reported) for mappings, lists and null. */
    String text(final Node n, final String path, final String what) {
        if (n instanceof Scalar s && s.kind() != Kind.NULL) {
            return s.text();
        }
        error(n.loc(), path, "expected " + what + ", got " + n.describe());
        return null;
    }

    String text(final Node n, final String path, final String what, final String def) {
        if (n == null) {
            return def;
        }
        final String t = text(n, path, what);
        return t == null ? def : t;
    }

    long duration(final Node n, final String path, final long def) {
        return unit(n, path, DURATION, def, 0);
    }

    long rate(final Node n, final String path, final long def) {
        return unit(n, path, RATE, def, 1);
    }

    long size(final Node n, final String path, final long def) {
        return unit(n, path, SIZE, def, 2);
    }

    /** A duration, or null when absent. */
    Long optDuration(final Node n, final String path) {
        return n == null ? null : duration(n, path, 0);
    }

    private long unit(final Node n, final String path, final String what, final long def, final int kind) {
        if (n == null) {
            return def;
        }
        final String t = text(n, path, what);
        if (t == null) {
            return def;
        }
        if (kind != 1 && t.strip().equals("0")) {
            return 0; // "delay: 0" needs no unit
        }
        try {
            return switch (kind) {
                case 0 -> bounded(Units.parseDuration(t), t);
                case 1 -> Units.parseRate(t);
                default -> Units.parseSize(t);
            };
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage());
            return def;
        }
    }

    /** {@code nanos}, parsed from {@code text}, unless it is above {@link #MAX_DURATION}. */
    static long bounded(final long nanos, final String text) {
        if (nanos > MAX_DURATION) {
            throw new IllegalArgumentException("bad duration '" + text.strip() + "': longer than 36500d (100 years),"
                    + " the most a scenario may name (the simulator's clock ends at 292 years)");
        }
        return nanos;
    }

    long integer(final Node n, final String path, final String what, final long min, final long max,
            final long def) {
        if (n == null) {
            return def;
        }
        if (!(n instanceof Scalar s) || s.kind() != Kind.INT) {
            error(n.loc(), path, "expected " + what + ", got " + n.describe());
            return def;
        }
        final long v;
        try {
            v = Long.parseLong(s.text());
        } catch (final NumberFormatException e) {
            error(n.loc(), path, s.text() + " is too large: expected " + what);
            return def;
        }
        if (v < min || v > max) {
            error(n.loc(), path, v + " is out of range: expected " + what);
            return def;
        }
        return v;
    }

    /** A probability: a number in [0, 1], or a percentage like 0.1%. */
    double probability(final Node n, final String path, final double def) {
        if (n == null) {
            return def;
        }
        final String what = "a probability from 0 to 1 (or a percentage like 0.1%)";
        if (!(n instanceof Scalar s) || s.kind() == Kind.BOOL || s.kind() == Kind.NULL) {
            error(n.loc(), path, "expected " + what + ", got " + n.describe());
            return def;
        }
        final String t = s.text().strip();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
                    : Double.parseDouble(t);
        } catch (final NumberFormatException e) {
            error(n.loc(), path, "'" + t + "' is not a number: expected " + what);
            return def;
        }
        if (!(v >= 0 && v <= 1)) {
            error(n.loc(), path, t + " is not a probability: expected " + what);
            return def;
        }
        return v;
    }

    boolean bool(final Node n, final String path, final boolean def) {
        if (n == null) {
            return def;
        }
        if (n instanceof Scalar s && s.kind() == Kind.BOOL) {
            return Boolean.parseBoolean(s.text());
        }
        error(n.loc(), path, "expected true or false, got " + n.describe());
        return def;
    }

    Boolean optBool(final Node n, final String path) {
        return n == null ? null : bool(n, path, false);
    }

    /** One of {@code options} (as written, case-sensitive), with a suggestion for near misses. */
    String choice(final Node n, final String path, final String what, final List<String> options,
            final String def) {
        if (n == null) {
            return def;
        }
        final String t = text(n, path, what + " (" + String.join(", ", options) + ")");
        if (t == null) {
            return def;
        }
        if (!options.contains(t)) {
            error(n.loc(), path, unknown(what, t, options));
            return def;
        }
        return t;
    }

    /** An interface address with prefix length; the network and broadcast addresses are refused. */
    Cidr cidr(final Node n, final String path) {
        final String t = text(n, path, CIDR);
        if (t == null) {
            return null;
        }
        final int slash = t.indexOf('/');
        if (slash < 0) {
            error(n.loc(), path, "'" + t + "' has no prefix length: expected " + CIDR);
            return null;
        }
        final Prefix p;
        final int a;
        try {
            p = Prefix.parse(t);
            a = Ipv4.parse(t.substring(0, slash));
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage() + "; expected " + CIDR);
            return null;
        }
        if (p.length() <= 30 && (a == p.network() || a == (p.network() | ~p.mask()))) {
            error(n.loc(), path, t + " is the " + (a == p.network() ? "network" : "broadcast")
                    + " address of " + p + ": expected a host address in it");
            return null;
        }
        return new Cidr(a, p.length());
    }

    static final String CIDR6 = "an IPv6 address with prefix length, like 2001:db8:1::10/64";

    /** An IPv6 interface address with prefix length, in RFC 5952 form; null (reported) if bad. */
    String cidr6(final Node n, final String path) {
        final String t = text(n, path, CIDR6);
        if (t == null) {
            return null;
        }
        final int slash = t.indexOf('/');
        if (slash < 0) {
            error(n.loc(), path, "'" + t + "' has no prefix length: expected " + CIDR6);
            return null;
        }
        try {
            final Prefix6 p = Prefix6.parse(t.strip());
            final long[] a = Ipv6.parse(t.substring(0, slash));
            if (p.length() < 127 && a[0] == p.hi() && a[1] == p.lo()) {
                error(n.loc(), path, t + " is the subnet-router anycast address of " + p
                        + " (RFC 4291 section 2.6.1): expected a host address in it");
                return null;
            }
            return Ipv6.format(a[0], a[1]) + "/" + p.length();
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage() + "; expected " + CIDR6);
            return null;
        }
    }

    /** An IPv6 address in RFC 5952 form, null (reported) if bad. */
    String address6(final Node n, final String path) {
        final String t = text(n, path, "an IPv6 address, like 2001:db8:1::1");
        if (t == null) {
            return null;
        }
        try {
            final long[] a = Ipv6.parse(t);
            return Ipv6.format(a[0], a[1]);
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage());
            return null;
        }
    }

    /** A subnet; host bits must be zero so the intended range is unambiguous. */
    Prefix prefix(final Node n, final String path, final String what) {
        final String t = text(n, path, what);
        if (t == null) {
            return null;
        }
        try {
            final Prefix p = Prefix.parse(t);
            if (t.indexOf('/') < 0) {
                error(n.loc(), path, "'" + t + "' has no prefix length: expected " + what);
                return null;
            }
            if (p.network() != Ipv4.parse(t.substring(0, t.indexOf('/')))) {
                error(n.loc(), path, t + " has host bits set: expected the network address " + p);
                return null;
            }
            return p;
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage() + "; expected " + what);
            return null;
        }
    }

    /** An IPv4 address, 0 (reported) if bad. */
    int address(final Node n, final String path) {
        final String t = text(n, path, ADDRESS);
        if (t == null) {
            return 0;
        }
        try {
            return Ipv4.parse(t);
        } catch (final IllegalArgumentException e) {
            error(n.loc(), path, e.getMessage());
            return 0;
        }
    }
}
