package dev.ftpsim.core.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates {@code iptables-save} output (legacy and nft variants) into the IR with xtables
 * semantics, as iptables-nft does: each {@code *table} becomes a table of the ip family whose
 * built-in chains are base chains at iptables' hooks and priorities, user chains are regular
 * chains, and each {@code -A} line one rule: interface, address and protocol matches first (xtables
 * checks its ipt_entry before any match), then the {@code -m} matches in order, then the target.
 * What iptables 1.8.9 refuses is refused at the same line. ip6tables-save output reads the same
 * way into ip6 tables (IPv6 addresses, icmp6, icmp6 reject codes, {@code [addr]:port} NAT targets).
 */
public final class IptablesReader {
    /** A word of a line and its 1-based column. */
    record Word(String text, int col) { }

    /** Built-in chains per table: hook, chain type and priority (iptables/nft.c, NF_IP_PRI_*). */
    private static final Map<String, Map<String, Chain.Base>> BUILTIN = new HashMap<>();

    static {
        final Chain.Type f = Chain.Type.FILTER;
        BUILTIN.put("raw", chains(f, -300, Hook.PREROUTING, Hook.OUTPUT));
        final Map<String, Chain.Base> mangle = chains(f, -150, Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT,
                Hook.POSTROUTING);
        mangle.put("OUTPUT", new Chain.Base(Chain.Type.ROUTE, Hook.OUTPUT, -150, false, null, Pos.NONE));
        BUILTIN.put("mangle", mangle);
        final Map<String, Chain.Base> nat = chains(Chain.Type.NAT, -100, Hook.PREROUTING, Hook.OUTPUT);
        nat.putAll(chains(Chain.Type.NAT, 100, Hook.INPUT, Hook.POSTROUTING));
        BUILTIN.put("nat", nat);
        BUILTIN.put("filter", chains(f, 0, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT));
        BUILTIN.put("security", chains(f, 50, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT));
    }

    private static Map<String, Chain.Base> chains(final Chain.Type type, final int prio, final Hook... hooks) {
        final Map<String, Chain.Base> m = new LinkedHashMap<>();
        for (final Hook h : hooks) {
            m.put(h.name(), new Chain.Base(type, h, prio, false, null, Pos.NONE));
        }
        return m;
    }

    private final String file;
    private final Family family;
    private final Ruleset ruleset = new Ruleset();
    private final List<RuleError> errors = new ArrayList<>();
    private Table table;
    private String tableName;

    private IptablesReader(final String file, final Family family) {
        this.file = file;
        this.family = family;
    }

    /** Loads an iptables-save file (family ip; ip6 for ip6tables-save output). */
    public static Ruleset load(final Path path, final Family family) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8), family);
        } catch (IOException e) {
            throw new RulesetException(List.of(new RuleError(new Pos(path.toString(), 0, 0), "cannot read: " + e.getMessage())));
        }
    }

    /** Loads iptables-save text named {@code name}. */
    public static Ruleset parse(final String name, final String text, final Family family) {
        final IptablesReader r = new IptablesReader(name, family);
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                r.line(lines[i], i + 1);
            } catch (ParseFailure f) {
                r.errors.add(f.error());
            }
        }
        if (r.table != null) {
            r.errors.add(new RuleError(new Pos(name, lines.length, 1), "COMMIT expected for table " + r.tableName));
        }
        if (!r.errors.isEmpty()) {
            throw new RulesetException(r.errors);
        }
        return Canon.ruleset(r.ruleset);
    }

    Pos pos(final int line, final int col) {
        return new Pos(file, line, col);
    }

    private void line(final String raw, final int n) {
        final String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        if (text.startsWith("*")) {
            if (table != null) {
                throw new ParseFailure(pos(n, 1), "COMMIT expected before a new table");
            }
            tableName = text.substring(1).strip();
            if (!BUILTIN.containsKey(tableName)) {
                throw new ParseFailure(pos(n, 2), "table '" + tableName + "' does not exist");
            }
            // A table seen before starts over: iptables-restore flushes each table it is given (without
            // --noflush), so a second *filter replaces the first, policies included, as iptables-nft-restore does.
            final Table before = ruleset.table(family, tableName);
            table = new Table(family, tableName, pos(n, 1));
            if (before == null) {
                ruleset.tables().add(table);
            } else {
                ruleset.tables().set(ruleset.tables().indexOf(before), table);
            }
            return;
        }
        if (table == null) {
            throw new ParseFailure(pos(n, 1), "a table ('*filter') must come first");
        }
        if (text.equals("COMMIT")) {
            table = null;
            return;
        }
        final List<Word> w = words(raw, n);
        if (text.startsWith(":")) {
            declare(w, n);
            return;
        }
        int i = 0;
        if (w.get(0).text().startsWith("[")) {
            i++; // "[packets:bytes]" counters of iptables-save -c: statistics, not rules
        }
        if (i >= w.size()) {
            throw new ParseFailure(pos(n, 1), "no command specified"); // iptables-restore's words
        }
        final Word cmd = w.get(i);
        switch (cmd.text()) {
            case "-A": case "--append": case "-I": case "--insert": {
                if (i + 1 >= w.size()) {
                    throw new ParseFailure(pos(n, cmd.col()), "option " + cmd.text() + " requires a chain");
                }
                final Chain c = chain(w.get(i + 1), n, true);
                int at = c.rules().size();
                int from = i + 2;
                if (cmd.text().startsWith("-I") || cmd.text().equals("--insert")) {
                    at = 0;
                    if (from < w.size() && Values.number(w.get(from).text()) != null) {
                        final long number = Values.number(w.get(from).text());
                        if (number < 1) {
                            throw new ParseFailure(pos(n, w.get(from).col()), "Invalid rule number `"
                                    + NftCursor.excerpt(w.get(from).text()) + "'");
                        }
                        at = (int) Math.min(number - 1, c.rules().size());
                        from++;
                    }
                }
                c.rules().add(at, new IptablesRule(this, table, tableName, c, n).parse(w.subList(from, w.size()), cmd));
                return;
            }
            case "-N": case "--new-chain":
                if (i + 1 >= w.size()) {
                    throw new ParseFailure(pos(n, cmd.col()), "option \"" + cmd.text() + "\" requires an argument");
                }
                declareUser(w.get(i + 1), n);
                return;
            case "-P": case "--policy": {
                if (i + 2 >= w.size()) {
                    throw new ParseFailure(pos(n, cmd.col()), "-P requires a chain and a policy");
                }
                final Chain c = chain(w.get(i + 1), n, false);
                policy(c, w.get(i + 2), n);
                return;
            }
            default:
                throw new ParseFailure(pos(n, cmd.col()), "'" + NftCursor.excerpt(cmd.text()) + "' is not modelled in iptables-save input");
        }
    }

    private void declare(final List<Word> w, final int n) {
        final Word name = new Word(w.get(0).text().substring(1), 2);
        if (w.size() < 2) {
            throw new ParseFailure(pos(n, 1), "a chain line needs a policy ('-' for a user chain)");
        }
        final Word pol = w.get(1);
        if (BUILTIN.get(tableName).containsKey(name.text())) {
            policy(chain(name, n, false), pol, n);
        } else {
            if (!pol.text().equals("-")) {
                throw new ParseFailure(pos(n, pol.col()), "only built-in chains have a policy; user chain " + name.text()
                        + " takes '-'");
            }
            declareUser(name, n);
        }
    }

    private void declareUser(final Word name, final int n) {
        if (name.text().length() > 28) {
            // XT_EXTENSION_MAXNAMELEN 29 including the terminating NUL (linux/netfilter/x_tables.h)
            throw new ParseFailure(pos(n, name.col()), "chain name longer than 28 characters");
        }
        if (table.chains().containsKey(name.text())) {
            throw new ParseFailure(pos(n, name.col()), "chain " + name.text() + " already exists");
        }
        table.chains().put(name.text(), new Chain(name.text(), pos(n, name.col())));
    }

    private void policy(final Chain c, final Word pol, final int n) {
        if (c.base() == null) {
            throw new ParseFailure(pos(n, pol.col()), "only built-in chains have a policy");
        }
        if (!pol.text().equals("ACCEPT") && !pol.text().equals("DROP")) {
            throw new ParseFailure(pos(n, pol.col()), "bad policy '" + pol.text() + "' (ACCEPT or DROP)");
        }
        final Chain.Base b = c.base();
        c.base(new Chain.Base(b.type(), b.hook(), b.priority(), pol.text().equals("DROP"), null, pos(n, pol.col())));
    }

    /** The chain a line names; built-in chains come into being on first mention, as in iptables-restore. */
    Chain chain(final Word name, final int n, final boolean forRule) {
        Chain c = table.chains().get(name.text());
        if (c == null) {
            final Chain.Base b = BUILTIN.get(tableName).get(name.text());
            if (b == null) {
                throw new ParseFailure(pos(n, name.col()), "chain '" + NftCursor.excerpt(name.text()) + "' does not exist in table " + tableName);
            }
            c = new Chain(name.text(), pos(n, name.col()));
            c.base(new Chain.Base(b.type(), b.hook(), b.priority(), false, null, pos(n, name.col())));
            table.chains().put(c.name(), c);
        }
        return c;
    }

    /** Splits a line as the shell would for iptables-restore: words, double or single quotes, backslash escapes. */
    List<Word> words(final String s, final int n) {
        final List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            final char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            final int start = i;
            final StringBuilder sb = new StringBuilder();
            char quote = 0;
            while (i < s.length() && (quote != 0 || !Character.isWhitespace(s.charAt(i)))) {
                final char d = s.charAt(i);
                if (quote == 0 && (d == '"' || d == '\'')) {
                    quote = d;
                } else if (quote != 0 && d == quote) {
                    quote = 0;
                } else if (d == '\\' && i + 1 < s.length() && quote != '\'') {
                    sb.append(s.charAt(++i));
                } else {
                    sb.append(d);
                }
                i++;
            }
            if (quote != 0) {
                throw new ParseFailure(pos(n, start + 1), "unterminated quoted string");
            }
            out.add(new Word(sb.toString(), start + 1));
        }
        return out;
    }
}
