package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.IptablesReader.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One {@code -A CHAIN ...} line of iptables-save, translated into a rule. */
final class IptablesRule {
    /** An option of a match or target, its arguments, and whether a {@code !} preceded it. */
    record Opt(String name, List<Word> args, boolean invert, Word at) {
        String arg() {
            return args.get(0).text();
        }
    }

    /** A {@code -m NAME} (or implicit protocol match, or the target) with its options. */
    record Group(String name, List<Opt> opts, Word at) { }

    private static final Set<String> NO_ARG = Set.of("syn", "set", "update", "rcheck", "remove", "rsource", "rdest",
            "rttl", "reap", "connlimit-saddr", "connlimit-daddr", "invert", "loose", "validmark", "accept-local",
            "limit-iface-in", "limit-iface-out", "log-tcp-sequence", "log-tcp-options", "log-ip-options", "log-uid",
            "log-macdecode", "random", "random-fully", "persistent", "notrack", "save-mark", "restore-mark",
            "clamp-mss-to-pmtu", "checksum-fill");

    /** The options each match and target takes (iptables-extensions(8)). */
    static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry("tcp", Set.of("sport", "dport", "source-port", "destination-port", "tcp-flags", "syn")),
            Map.entry("udp", Set.of("sport", "dport", "source-port", "destination-port")),
            Map.entry("sctp", Set.of("sport", "dport", "source-port", "destination-port")),
            Map.entry("icmp", Set.of("icmp-type")),
            Map.entry("icmp6", Set.of("icmpv6-type")),
            Map.entry("conntrack", Set.of("ctstate", "ctproto", "ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst",
                    "ctorigsrcport", "ctorigdstport", "ctreplsrcport", "ctrepldstport", "ctstatus", "ctdir")),
            Map.entry("state", Set.of("state")),
            Map.entry("multiport", Set.of("dports", "sports", "destination-ports", "source-ports")),
            Map.entry("limit", Set.of("limit", "limit-burst")),
            Map.entry("comment", Set.of("comment")),
            Map.entry("addrtype", Set.of("src-type", "dst-type", "limit-iface-in", "limit-iface-out")),
            Map.entry("iprange", Set.of("src-range", "dst-range")),
            Map.entry("mac", Set.of("mac-source")),
            Map.entry("recent", Set.of("set", "update", "rcheck", "remove", "name", "seconds", "hitcount", "rsource",
                    "rdest", "mask", "reap")),
            Map.entry("statistic", Set.of("mode", "probability", "every", "packet")),
            Map.entry("connlimit", Set.of("connlimit-above", "connlimit-upto", "connlimit-mask", "connlimit-saddr",
                    "connlimit-daddr")),
            Map.entry("hashlimit", Set.of("hashlimit-above", "hashlimit-upto", "hashlimit-burst", "hashlimit-mode",
                    "hashlimit-name", "hashlimit-htable-expire", "hashlimit-htable-size", "hashlimit-htable-max",
                    "hashlimit-htable-gcinterval")),
            Map.entry("owner", Set.of("uid-owner", "gid-owner")),
            Map.entry("pkttype", Set.of("pkt-type")),
            Map.entry("rpfilter", Set.of("invert", "loose", "validmark")),
            Map.entry("mark", Set.of("mark")),
            Map.entry("connmark", Set.of("mark")),
            Map.entry("helper", Set.of("helper")),
            Map.entry("REJECT", Set.of("reject-with")),
            Map.entry("LOG", Set.of("log-prefix", "log-level", "log-tcp-sequence", "log-tcp-options", "log-ip-options",
                    "log-uid", "log-macdecode")),
            Map.entry("MASQUERADE", Set.of("to-ports", "random", "random-fully")),
            Map.entry("SNAT", Set.of("to-source", "random", "random-fully", "persistent")),
            Map.entry("DNAT", Set.of("to-destination", "random", "persistent")),
            Map.entry("REDIRECT", Set.of("to-ports", "random")),
            Map.entry("CT", Set.of("notrack", "helper", "zone")),
            Map.entry("NOTRACK", Set.of()),
            Map.entry("MARK", Set.of("set-xmark", "set-mark", "and-mark", "or-mark", "xor-mark")),
            Map.entry("CONNMARK", Set.of("set-xmark", "set-mark", "save-mark", "restore-mark", "nfmask", "ctmask", "mask")),
            Map.entry("TCPMSS", Set.of("clamp-mss-to-pmtu", "set-mss")),
            Map.entry("CHECKSUM", Set.of("checksum-fill")));

    final IptablesReader reader;
    final Table table;
    final String tableName;
    final Chain chain;
    final int line;
    /** The -p protocol number, -1 if none, and whether it was negated. */
    int proto = -1;
    boolean protoInvert;

    IptablesRule(final IptablesReader reader, final Table table, final String tableName, final Chain chain, final int line) {
        this.reader = reader;
        this.table = table;
        this.tableName = tableName;
        this.chain = chain;
        this.line = line;
    }

    /** Whether this is ip6tables-save input (an ip6 table). */
    boolean v6() {
        return table.family() == Family.IP6;
    }

    Pos pos(final Word w) {
        return reader.pos(line, w.col());
    }

    ParseFailure fail(final Word w, final String message) {
        return new ParseFailure(pos(w), message);
    }

    Rule parse(final List<Word> w, final Word cmd) {
        final Stmt[] basic = new Stmt[4];
        Stmt protoMatch = null;
        final List<Group> groups = new ArrayList<>();
        Group target = null;
        boolean isGoto = false;
        Group current = null;
        final Set<String> once = new HashSet<>();
        for (int i = 0; i < w.size(); i++) {
            Word word = w.get(i);
            boolean invert = false;
            if (word.text().equals("!")) {
                invert = true;
                if (++i >= w.size()) {
                    throw fail(word, "'!' at the end of the line");
                }
                word = w.get(i);
            }
            final String o = word.text();
            final String flag = SHORT.get(o);
            if (flag != null && !once.add(flag)) {
                // iptables takes each once (xshared.c set_option: "multiple -%c flags not allowed"), not the last
                throw fail(word, "multiple " + flag + " flags not allowed");
            }
            switch (o) {
                case "-p": case "--protocol": {
                    final Word a = arg(w, ++i, word);
                    protoMatch = protocol(a, invert);
                    break;
                }
                case "-s": case "--source": case "--src":
                    basic[2] = address(v6() ? Field.IP6_SADDR : Field.IP_SADDR, arg(w, ++i, word), invert, w, i);
                    break;
                case "-d": case "--destination": case "--dst":
                    basic[3] = address(v6() ? Field.IP6_DADDR : Field.IP_DADDR, arg(w, ++i, word), invert, w, i);
                    break;
                case "-i": case "--in-interface":
                    if (chain.name().equals("OUTPUT") || chain.name().equals("POSTROUTING")) {
                        // a packet there has no input interface (iptables.c, generate_entry's check)
                        throw fail(word, "Can't use -i with " + chain.name());
                    }
                    basic[0] = iface(Field.META_IIFNAME, arg(w, ++i, word), invert, w, i);
                    break;
                case "-o": case "--out-interface":
                    if (chain.name().equals("INPUT") || chain.name().equals("PREROUTING")) {
                        throw fail(word, "Can't use -o with " + chain.name());
                    }
                    basic[1] = iface(Field.META_OIFNAME, arg(w, ++i, word), invert, w, i);
                    break;
                case "-m": case "--match": {
                    final Word m = arg(w, ++i, word);
                    if (!OPTIONS.containsKey(m.text()) || Character.isUpperCase(m.text().charAt(0))) {
                        throw fail(m, "match '" + NftCursor.excerpt(m.text()) + "' is not modelled");
                    }
                    current = new Group(m.text(), new ArrayList<>(), m);
                    groups.add(current);
                    break;
                }
                case "-j": case "--jump": case "-g": case "--goto":
                    isGoto = o.equals("-g") || o.equals("--goto");
                    target = new Group(arg(w, ++i, word).text(), new ArrayList<>(), w.get(i));
                    current = target;
                    break;
                case "-c": case "--set-counters":
                    if (i + 2 >= w.size()) {
                        throw fail(word, "-c requires packet and byte counter");
                    }
                    i += 2;
                    break;
                case "-f": case "--fragment":
                    throw fail(word, "fragment matching (-f) is not modelled");
                default: {
                    if (!o.startsWith("--")) {
                        throw fail(word, "Bad argument `" + NftCursor.excerpt(o) + "'");
                    }
                    final String name = o.substring(2);
                    Group g = current;
                    if (g == null || !OPTIONS.getOrDefault(g.name(), Set.of()).contains(name)) {
                        g = implicit(groups, name, word);
                    }
                    onceAndForItsProtocol(g, name, word);
                    final int n = NO_ARG.contains(name) ? 0 : name.equals("tcp-flags") ? 2 : 1;
                    final List<Word> args = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        final Word a = arg(w, ++i, word);
                        if (a.text().equals("!")) {
                            throw fail(a, "iptables 1.8.9 no longer takes the pre-1.4.3 negation '" + o
                                    + " ! VALUE'; write '! " + o + " VALUE'");
                        }
                        args.add(a);
                    }
                    g.opts().add(new Opt(name, args, invert, word));
                    invert = false;
                }
            }
        }
        final List<Stmt> items = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            if (basic[k] != null) {
                items.add(basic[k]);
            }
        }
        final int protoIndex = items.size();
        String comment = null;
        for (final Group g : groups) {
            final String c = IptablesMatches.add(this, g, items);
            comment = c != null ? c : comment;
        }
        if (protoMatch != null) {
            items.add(protoIndex, protoMatch);
        }
        if (target != null) {
            IptablesTargets.add(this, target, isGoto, items);
        }
        if (items.isEmpty()) {
            items.add(new Stmt.Verdict(Stmt.VerdictKind.CONTINUE, null, pos(cmd)));
        }
        return new Rule(Canon.rule(items, table.family()), comment, -1, pos(cmd));
    }

    /** Long option names, as iptables' messages spell them. */
    private static final java.util.Map<String, String> LONG = java.util.Map.of("dport", "destination-port",
            "sport", "source-port", "dports", "destination-ports", "sports", "source-ports");

    /**
     * What libxt_tcp, libxt_udp, libxt_icmp and libxt_multiport refuse, in their words: their match
     * without its {@code -p}, and an option given twice in one match (the rule would need both values).
     */
    private void onceAndForItsProtocol(final Group g, final String name, final Word at) {
        final String m = g.name();
        if (m.equals("tcp") && proto != 6 || m.equals("udp") && proto != 17) {
            throw fail(at, m.toUpperCase(java.util.Locale.ROOT) + " match requires '-p " + m + "'");
        }
        if (!m.equals("tcp") && !m.equals("udp") && !m.equals("icmp") && !m.equals("multiport")) {
            return;
        }
        final boolean flags = name.equals("syn") || name.equals("tcp-flags");
        for (final Opt o : g.opts()) {
            if (m.equals("tcp") && flags && (o.name().equals("syn") || o.name().equals("tcp-flags"))) {
                throw fail(at, "Only one of `--syn' or `--tcp-flags'  allowed");
            }
            final String full = LONG.getOrDefault(name, name);
            if (LONG.getOrDefault(o.name(), o.name()).equals(full)) {
                throw fail(at, m.equals("tcp") ? "Only one `--" + full + "' allowed"
                        : m + ": option \"--" + full + "\" can only be used once.");
            }
        }
    }

    private Group implicit(final List<Group> groups, final String name, final Word at) {
        final String p = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 1 ? "icmp" : proto == 132 ? "sctp"
                : proto == 58 ? "icmp6" : null;
        if (p != null && OPTIONS.get(p).contains(name)) {
            for (final Group g : groups) {
                if (g.name().equals(p)) {
                    return g;
                }
            }
            final Group g = new Group(p, new ArrayList<>(), at);
            groups.add(g);
            return g;
        }
        throw fail(at, "unknown option \"--" + NftCursor.excerpt(name) + "\"");
    }

    private Word arg(final List<Word> w, final int i, final Word opt) {
        if (i >= w.size()) {
            throw fail(opt, "option \"" + opt.text() + "\" requires an argument");
        }
        return w.get(i);
    }

    /** The pre-1.4.3 '-d ! ADDR' that iptables 1.8.9 refuses: it takes '!' as the value and the address as a stray word. */
    private void noIntrapositioned(final Word a, final List<Word> w, final int i, final String opt) {
        if (a.text().equals("!")) {
            final String next = i + 1 < w.size() ? w.get(i + 1).text() : "";
            throw fail(a, "Bad argument `" + NftCursor.excerpt(next) + "': iptables 1.8.9 no longer takes the pre-1.4.3 form '"
                    + opt + " ! VALUE'; write '! " + opt + " VALUE'");
        }
    }

    private Stmt protocol(final Word a, final boolean invert) {
        if (a.text().equals("!")) {
            throw fail(a, "unknown protocol \"!\" specified (iptables 1.8.9 no longer takes '-p ! PROTO'; write '! -p PROTO')");
        }
        final String p = a.text().toLowerCase(java.util.Locale.ROOT);
        if (p.equals("all") || p.equals("0")) {
            return null;
        }
        Long v = DataType.INET_PROTO.symbol(p);
        if (v == null) {
            v = Values.number(p);
        }
        if (v == null || v > 255) {
            throw fail(a, "unknown protocol \"" + NftCursor.excerpt(a.text()) + "\" specified");
        }
        proto = v.intValue();
        protoInvert = invert;
        return new Stmt.Match(new Expr.Load(Field.META_L4PROTO, pos(a)), invert ? Stmt.Op.NE : Stmt.Op.EQ,
                new Expr.Num(DataType.INET_PROTO, v, pos(a)), pos(a));
    }

    /** The options iptables takes once per rule, by their short names. */
    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("-p", "-p"), Map.entry("--protocol", "-p"),
            Map.entry("-s", "-s"), Map.entry("--source", "-s"), Map.entry("--src", "-s"), Map.entry("-d", "-d"),
            Map.entry("--destination", "-d"), Map.entry("--dst", "-d"), Map.entry("-i", "-i"),
            Map.entry("--in-interface", "-i"), Map.entry("-o", "-o"), Map.entry("--out-interface", "-o"),
            Map.entry("-j", "-j"), Map.entry("--jump", "-j"), Map.entry("-g", "-j"), Map.entry("--goto", "-j"));

    /** An address of -s, -d or --ctorigsrc...: iptables reads no range there (that is -m iprange's), as it says. */
    static Expr noRange(final IptablesRule r, final Word a, final Expr addr) {
        if (addr instanceof Expr.Range) {
            throw r.fail(a, "host/network `" + NftCursor.excerpt(a.text()) + "' not found (a range is -m iprange's)");
        }
        return addr;
    }

    private Stmt address(final Field f, final Word a, final boolean invert, final List<Word> w, final int i) {
        noIntrapositioned(a, w, i, f == Field.IP_SADDR || f == Field.IP6_SADDR ? "-s" : "-d");
        final Expr addr = noRange(this, a, IptablesMatches.addr(this, a, a.text()));
        if (!invert && addr instanceof Expr.Prefix p && p.length() == 0) {
            return null;
        }
        return new Stmt.Match(new Expr.Load(f, pos(a)), invert ? Stmt.Op.NE : Stmt.Op.EQ, addr, pos(a));
    }

    private Stmt iface(final Field f, final Word a, final boolean invert, final List<Word> w, final int i) {
        noIntrapositioned(a, w, i, f == Field.META_IIFNAME ? "-i" : "-o");
        String name = a.text();
        if (name.length() > 15) {
            // IFNAMSIZ 16 including the NUL (linux/if.h)
            throw fail(a, "interface name '" + NftCursor.excerpt(name) + "' must be shorter than 16 characters");
        }
        if (name.endsWith("+")) {
            name = name.substring(0, name.length() - 1) + "*";
        }
        return new Stmt.Match(new Expr.Load(f, pos(a)), invert ? Stmt.Op.NE : Stmt.Op.EQ, new Expr.Str(name, pos(a)), pos(a));
    }
}
