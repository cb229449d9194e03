package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;

import dev.ftpsim.core.firewall.Lexer.Kind;
import dev.ftpsim.core.firewall.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a ruleset in nftables' own file syntax, as {@code nft list ruleset} prints it and {@code
 * nft -f} reads it, so a user can paste the ruleset of the firewall they run.
 *
 * <p>Supported: {@code flush ruleset}; {@code table ip|inet NAME { ... }} holding named {@code
 * counter NAME { }} objects, {@code ct helper NAME { type "ftp" protocol tcp; l3proto ip; }}
 * objects and base chains {@code chain NAME { type filter|nat hook HOOK priority PRIO; policy
 * accept|drop; RULES }}; rules as {@link Rules} parses them; {@code #} comments. Everything else
 * (other families, regular chains, sets, maps, defines, {@code add rule} commands) is an error
 * naming the file, line and column: never silently ignored, since an ignored rule would make the
 * simulation lie about the real firewall.
 */
public final class NftParser {
    private static final Set<String> FAMILIES = Set.of("ip", "inet");

    private final Rules.Cursor c;
    private final String source;
    private final List<Chain> chains = new ArrayList<>();
    private final List<String> counters = new ArrayList<>();
    private final Map<String, Ruleset.HelperObject> helpers = new LinkedHashMap<>();

    private NftParser(final String text, final String source) {
        this.source = source;
        this.c = new Rules.Cursor(new Lexer.Stream(text, source, 1), source);
    }

    /** Parses a whole ruleset file; {@code source} (the file's path) prefixes every error. */
    public static Ruleset parse(final String text, final String source) {
        final NftParser p = new NftParser(text, source);
        p.file();
        return new Ruleset(p.chains, p.counters, p.helpers);
    }

    /** The words a file in nft's syntax can start with (nft(8), "COMMANDS"). */
    private static final Set<String> COMMANDS = Set.of("table", "flush", "add", "insert", "create", "delete",
            "destroy", "define", "include", "list", "replace", "reset", "rename");

    private void file() {
        boolean first = true;
        while (true) {
            final Token t = c.next();
            switch (t.kind()) {
                case EOF -> {
                    return;
                }
                case NEWLINE, SEMI -> {
                    continue;
                }
                default -> {
                    // keep going
                }
            }
            if (first && !(t.kind() == Kind.WORD && COMMANDS.contains(t.text()))) {
                // Not a ruleset at all (nft: pointing at some other file): say so without echoing
                // a line of that file, which may be anything, a password file included.
                throw c.error(t, "not an nftables ruleset: a ruleset starts with an nft command such as"
                        + " 'table' or 'flush ruleset', and this file does not");
            }
            first = false;
            if (t.is("table")) {
                table();
            } else if (t.is("flush")) {
                c.expectWord("ruleset");
            } else if (t.is("add") || t.is("insert") || t.is("define") || t.is("include")) {
                throw c.error(t, "'" + t.text() + "' commands are not supported: write the ruleset as"
                        + " 'nft list ruleset' prints it, with rules inside 'table { chain { ... } }'");
            } else {
                throw c.error(t, "unexpected " + t.describe() + ": expected 'table ip NAME {' or 'flush ruleset'");
            }
        }
    }

    private void table() {
        final Token fam = c.next();
        if (!FAMILIES.contains(fam.text())) {
            throw c.error(fam, "table family " + fam.describe() + " is not supported: expected ip or inet"
                    + " (ftpsim simulates IPv4)");
        }
        final String table = c.name("a table name");
        open("after the table name");
        final List<Pending> pending = new ArrayList<>();
        while (true) {
            final Token t = c.next();
            if (t.kind() == Kind.RBRACE) {
                break;
            }
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMI) {
                continue;
            }
            if (t.is("chain")) {
                pending.add(chain(table));
            } else if (t.is("counter")) {
                counterObject();
            } else if (t.is("ct")) {
                final Token h = c.next();
                if (!h.is("helper")) {
                    throw c.error(h, "unexpected " + h.describe() + " after 'ct': only 'ct helper NAME { ... }'"
                            + " objects are supported in a table");
                }
                helperObject();
            } else if (t.kind() == Kind.EOF) {
                throw c.error(t, "table " + table + " is not closed: a '}' is missing");
            } else {
                throw c.error(t, "unexpected " + t.describe() + " in table " + table
                        + ": expected chain, counter or ct helper (sets, maps, flowtables and flags are not"
                        + " supported)");
            }
        }
        // References are checked once the whole table is read, since nft allows any order.
        for (final Pending p : pending) {
            for (final RuleRef r : p.refs) {
                for (final Rule.Statement s : r.rule.statements()) {
                    if (s instanceof Rule.CtHelperSet h && !helpers.containsKey(h.helper())) {
                        throw new RuleSyntaxException(source, r.token.line(), r.token.column(), "ct helper set \""
                                + h.helper() + "\": table " + table + " has no 'ct helper " + h.helper()
                                + " { type \"ftp\" protocol tcp; }' object");
                    }
                    if (s instanceof Rule.Counter k && k.name() != null && !counters.contains(k.name())) {
                        throw new RuleSyntaxException(source, r.token.line(), r.token.column(), "counter name \""
                                + k.name() + "\": table " + table + " has no 'counter " + k.name() + " { }' object");
                    }
                }
            }
            chains.add(p.chain);
        }
    }

    private record RuleRef(Rule rule, Token token) {}

    private record Pending(Chain chain, List<RuleRef> refs) {}

    private Pending chain(final String table) {
        final Token nameTok = c.peek();
        final String name = c.name("a chain name");
        open("after the chain name");
        String type = null;
        Hook hook = null;
        Integer priority = null;
        boolean policyDrop = false;
        final List<Rule> rules = new ArrayList<>();
        final List<RuleRef> refs = new ArrayList<>();
        while (true) {
            final Token t = c.peek();
            if (t.kind() == Kind.RBRACE) {
                c.next();
                break;
            }
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMI) {
                c.next();
                continue;
            }
            if (t.kind() == Kind.EOF) {
                throw c.error(t, "chain " + name + " is not closed: a '}' is missing");
            }
            if (t.is("type")) {
                c.next();
                final Token ty = c.next();
                if (!ty.is("filter") && !ty.is("nat")) {
                    throw c.error(ty, "chain type " + ty.describe() + " is not supported: expected filter or nat");
                }
                type = ty.text();
                c.expectWord("hook");
                final Token h = c.next();
                hook = hookFromNft(h.text());
                if (hook == null) {
                    throw c.error(h, "unknown hook " + h.describe()
                            + ": expected prerouting, input, forward, output or postrouting");
                }
                c.expectWord("priority");
                priority = priority();
                continue;
            }
            if (t.is("policy")) {
                c.next();
                final Token p = c.next();
                if (!p.is("accept") && !p.is("drop")) {
                    throw c.error(p, "unexpected " + p.describe() + ": a chain policy is accept or drop");
                }
                policyDrop = p.is("drop");
                continue;
            }
            if (t.is("comment")) {
                c.next();
                c.string("the comment text in quotes");
                continue;
            }
            final String text = ruleText(t);
            final Rule r = Rules.parseRule(c, text);
            rules.add(r);
            refs.add(new RuleRef(r, t));
        }
        if (hook == null) {
            throw new RuleSyntaxException(source, nameTok.line(), nameTok.column(), "chain " + name + " in table "
                    + table + " has no 'type filter hook HOOK priority N;' line: regular chains need 'jump',"
                    + " which is not supported");
        }
        final boolean nat = type.equals("nat");
        for (final RuleRef ref : refs) {
            checkVerdictFits(ref, nat, hook, name);
        }
        return new Pending(new Chain(table + "/" + name, nat, hook, priority, policyDrop, rules), refs);
    }

    private void checkVerdictFits(final RuleRef ref, final boolean nat, final Hook hook, final String chain) {
        final Rule.Verdict v = ref.rule.verdict();
        String problem = null;
        if (v instanceof Rule.Dnat && !(nat && (hook == Hook.PREROUTING || hook == Hook.OUTPUT))) {
            problem = "dnat works only in a nat chain at hook prerouting or output";
        } else if ((v instanceof Rule.Snat || v instanceof Rule.Masquerade)
                && !(nat && (hook == Hook.POSTROUTING || hook == Hook.INPUT))) {
            problem = "snat and masquerade work only in a nat chain at hook postrouting or input";
        }
        if (problem != null) {
            throw new RuleSyntaxException(source, ref.token.line(), ref.token.column(),
                    "chain " + chain + ": " + problem);
        }
    }

    /** The source text of the rule starting at {@code t}, for reports. */
    private String ruleText(final Token t) {
        // Rebuilt from tokens so reports show the rule as one clean line.
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; ; i++) {
            final Token x = c.peekAhead(i);
            if (x.kind() == Kind.EOF || x.kind() == Kind.NEWLINE || x.kind() == Kind.SEMI
                    || x.kind() == Kind.RBRACE) {
                break;
            }
            if (sb.length() > 0 && x.kind() != Kind.COMMA) {
                sb.append(' ');
            }
            sb.append(x.kind() == Kind.STRING ? "\"" + x.text() + "\"" : x.text());
        }
        return sb.toString();
    }

    private int priority() {
        final Token t = c.next();
        final Integer named = Chain.namedPriority(t.text());
        int value;
        if (named != null) {
            value = named;
        } else {
            try {
                value = Integer.parseInt(t.text());
            } catch (final NumberFormatException e) {
                throw c.error(t, "bad priority " + t.describe()
                        + ": expected a number or raw, mangle, dstnat, filter, security, srcnat");
            }
        }
        if (c.peek().is("+") || c.peek().is("-")) {
            final boolean minus = c.next().is("-");
            final long n = c.number("a number after the priority's sign");
            value += (int) (minus ? -n : n);
        }
        return value;
    }

    private void counterObject() {
        final String name = c.name("a counter name");
        open("after the counter name");
        while (true) {
            final Token t = c.next();
            if (t.kind() == Kind.RBRACE) {
                break;
            }
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMI) {
                continue;
            }
            if (t.is("packets")) {
                c.number("a packet count");
                c.expectWord("bytes");
                c.number("a byte count");
                continue;
            }
            throw c.error(t, "unexpected " + t.describe() + " in counter " + name + ": expected 'packets N bytes M'"
                    + " or '}'");
        }
        counters.add(name);
    }

    private void helperObject() {
        final Token nameTok = c.peek();
        final String name = c.name("a helper object name");
        open("after the helper name");
        String type = null;
        int proto = -1;
        while (true) {
            final Token t = c.next();
            if (t.kind() == Kind.RBRACE) {
                break;
            }
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMI) {
                continue;
            }
            if (t.is("type")) {
                final Token ty = c.next();
                if (!ty.text().equals("ftp")) {
                    throw c.error(ty, "helper type " + ty.describe() + " is not supported: expected \"ftp\"");
                }
                type = ty.text();
                c.expectWord("protocol");
                final Token p = c.next();
                if (!p.is("tcp")) {
                    throw c.error(p, "the ftp helper tracks tcp, not " + p.describe());
                }
                proto = 6;
            } else if (t.is("l3proto")) {
                final Token l3 = c.next();
                if (!l3.is("ip") && !l3.is("inet")) {
                    throw c.error(l3, "l3proto " + l3.describe() + " is not supported: expected ip");
                }
            } else {
                throw c.error(t, "unexpected " + t.describe() + " in ct helper " + name
                        + ": expected 'type \"ftp\" protocol tcp;' or 'l3proto ip;'");
            }
        }
        if (type == null) {
            throw new RuleSyntaxException(source, nameTok.line(), nameTok.column(),
                    "ct helper " + name + " has no 'type \"ftp\" protocol tcp;' line");
        }
        helpers.put(name, new Ruleset.HelperObject(name, type, proto));
    }

    private static Hook hookFromNft(final String name) {
        for (final Hook h : Hook.values()) {
            if (h.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return h;
            }
        }
        return null;
    }

    private void open(final String where) {
        final Token t = c.next();
        if (t.kind() != Kind.LBRACE) {
            throw c.error(t, "unexpected " + t.describe() + " " + where + ": expected '{'");
        }
    }
}
