package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds rulesets from one-line rules, as a scenario file does. */
final class OneLiners {
    private OneLiners() {}

    static Ruleset forward(final boolean policyDrop, final String... rules) {
        return new Ruleset(List.of(chain("forward", false, Hook.FORWARD, 0, policyDrop, rules)), List.of(), Map.of());
    }

    static Chain chain(final String name, final boolean nat, final Hook hook, final int prio, final boolean policyDrop,
            final String... rules) {
        final List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            out.add(Rules.parse(rules[i], name + ".rules[" + i + "]"));
        }
        return new Chain(name, nat, hook, prio, policyDrop, out);
    }
}
