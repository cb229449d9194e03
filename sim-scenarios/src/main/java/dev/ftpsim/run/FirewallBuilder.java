package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.firewall.OneLineRules;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Switch;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.scenario.FirewallSpec;
import java.util.List;

/**
 * Builds a scenario's firewall on its node: stateless, or stateful with connection tracking and
 * the helpers its {@code conntrack.helpers} names, taken from a {@link HelperRegistry}, each also
 * assigned to the {@code auto-helper-ports} (the old {@code nf_conntrack_helper=1} behaviour).
 */
public final class FirewallBuilder {
    private final HelperRegistry helpers;
    /**
     * Every firewall node forwards all, as for deriving the channels traffic needs: a stateless
     * firewall is not built, a stateful one only tracks and translates ({@link Firewall#openFilters}).
     */
    private final boolean open;

    private FirewallBuilder(final HelperRegistry helpers, final boolean open) {
        this.helpers = helpers;
        this.open = open;
    }

    /** Builds firewalls as the scenario describes them, with helpers from {@code helpers}. */
    public static FirewallBuilder of(final HelperRegistry helpers) {
        return new FirewallBuilder(helpers, false);
    }

    /**
     * Builds open firewalls: every firewall node forwards everything, translating as its NAT rules
     * say (traffic dialled to a DNAT address still reaches the server).
     */
    public static FirewallBuilder open() {
        return new FirewallBuilder(HelperRegistry.standard(), true);
    }

    /**
     * The firewall {@code f} describes, hooked into {@code node}; from an {@linkplain #open open}
     * builder null for a stateless one, and a stateful one that filters nothing.
     */
    public Firewall build(final FirewallSpec f, final Node node) {
        if (open && !f.stateful()) {
            return null;
        }
        // the rules know an interface by the name interface-names gives it (and so do a host group's members' copies)
        f.interfaceNames().forEach((rulesName, own) -> node.interfaces().stream()
                .filter(i -> i.scenarioGroup().equals(own)).forEach(i -> i.setRulesName(rulesName)));
        if (node instanceof Switch) {
            return bridge(f, node);
        }
        if (!f.stateful()) {
            return f.program() != null ? Firewall.stateless(node, f.program()) : Firewall.stateless(node, f.ruleset());
        }
        final List<ConntrackHelper> hs = helpers.create(f.conntrack().helpers());
        final Firewall fw = f.program() != null ? Firewall.stateful(node, f.program(), f.conntrack().config(), hs)
                : Firewall.stateful(node, f.ruleset(), f.conntrack().config(), hs);
        return finish(f, fw, hs);
    }

    /** A switch's firewall: its bridge tables, with bridge conntrack when stateful. */
    private Firewall bridge(final FirewallSpec f, final Node node) {
        final Program program = f.program() != null ? f.program()
                : OneLineRules.compileBridge(f.ruleset(), Firewall.interfaceNames(node));
        final List<ConntrackHelper> hs = f.stateful() ? helpers.create(f.conntrack().helpers()) : List.of();
        return finish(f, Firewall.bridge(node, program, f.stateful() ? f.conntrack().config() : null, hs), hs);
    }

    private Firewall finish(final FirewallSpec f, final Firewall fw, final List<ConntrackHelper> hs) {
        for (final int port : fw.conntrack() == null ? List.<Integer>of() : f.conntrack().autoHelperPorts()) {
            for (final ConntrackHelper h : hs) {
                fw.conntrack().autoAssign(port, h);
            }
        }
        if (open) {
            fw.openFilters();
        }
        return fw;
    }
}
