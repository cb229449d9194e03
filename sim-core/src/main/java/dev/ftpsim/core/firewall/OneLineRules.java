package dev.ftpsim.core.firewall;

import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.RuleError;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.rules.vm.Program;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles one-line rules (a scenario's {@code forward: [...]}, checked by {@link Rules}) through the
 * nftables front end into the rule machine: each chain becomes a base chain of one {@code ip} table
 * with the rule texts as written, so there is one evaluator for scenario rules and ruleset files.
 */
public final class OneLineRules {
    /** The bridge family's filter priority (nftables src/rule.c, bridge_std_prios). */
    private static final int BRIDGE_FILTER = -200;

    private OneLineRules() { }

    /** The program of {@code rs} for a node with interfaces {@code ifaces}; reports show each rule as written. */
    public static Program compile(final Ruleset rs, final List<String> ifaces) {
        return compile(rs, ifaces, false);
    }

    /**
     * The program of {@code rs} for a switch with ports {@code ports}: one {@code bridge} table, each
     * chain at the bridge family's filter priority (-200, nftables' bridge_std_prios).
     */
    public static Program compileBridge(final Ruleset rs, final List<String> ports) {
        return compile(rs, ports, true);
    }

    private static Program compile(final Ruleset rs, final List<String> ifaces, final boolean bridge) {
        final StringBuilder sb = new StringBuilder(bridge ? "table bridge ftpsim {\n" : "table ip ftpsim {\n");
        final Map<Integer, String> texts = new HashMap<>();
        int line = 2;
        for (final Ruleset.HelperObject h : rs.helpers().values()) {
            sb.append("ct helper \"").append(h.name()).append("\" { type \"").append(h.type())
                    .append("\" protocol tcp; }\n");
            line++;
        }
        for (final String c : rs.counters()) {
            sb.append("counter \"").append(c).append("\" { }\n");
            line++;
        }
        for (final Chain c : rs.chains()) {
            sb.append("chain ").append(c.name()).append(" { type ").append(c.nat() ? "nat" : "filter").append(" hook ")
                    .append(c.hook().name().toLowerCase(Locale.ROOT)).append(" priority ").append(bridge && !c.nat() ? BRIDGE_FILTER : c.priority())
                    .append("; policy ").append(c.policyDrop() ? "drop" : "accept").append(";\n");
            line++;
            for (final Rule r : c.rules()) {
                sb.append(r.text()).append('\n');
                texts.put(line, r.text());
                line++;
            }
            sb.append("}\n");
            line++;
        }
        sb.append("}\n");
        try {
            final var ir = NftParser.parse("rules", sb.toString());
            return bridge ? Compiler.compileBridge(ir, ifaces, r -> texts.getOrDefault(r.pos().line(), ""), false)
                    : Compiler.compileUnqualified(ir, ifaces, r -> texts.getOrDefault(r.pos().line(), ""));
        } catch (final RulesetException e) {
            final RuleError first = e.errors().get(0);
            final String text = texts.get(first.pos().line());
            throw new IllegalArgumentException((text == null ? "" : "rule '" + text + "': ") + first.message(), e);
        }
    }
}
