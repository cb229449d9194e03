package dev.ftpsim.core.rules;

import java.util.Map;

/**
 * Named chain priorities and which hooks and chain types each family allows, as nftables 1.0.6
 * resolves them (src/rule.c std_prios and bridge_std_prios; nft(8) "CHAINS").
 */
final class Priorities {
    private static final Map<String, Integer> INET = Map.of("raw", -300, "mangle", -150, "dstnat", -100,
            "filter", 0, "security", 50, "srcnat", 100);
    private static final Map<String, Integer> BRIDGE = Map.of("dstnat", -300, "filter", -200, "out", 100,
            "srcnat", 300);
    private static final Map<String, Integer> OTHER = Map.of("filter", 0);

    private Priorities() {
    }

    /** The value of a named priority in a family, or null. */
    static Integer named(final Family f, final String name) {
        switch (f) {
            case IP: case IP6: case INET: return INET.get(name);
            case BRIDGE: return BRIDGE.get(name);
            default: return OTHER.get(name);
        }
    }

    /**
     * Whether a named priority may be used at a hook (src/rule.c std_prio_family_hook_compat): dstnat
     * at prerouting and output, srcnat at postrouting and input, bridge's out at output. nft 1.0.6
     * allowed dstnat and srcnat at prerouting and postrouting only; later releases accept the NAT
     * hooks of the other direction too, which Docker's rulesets use, so ftpsim follows them.
     */
    static boolean namedFits(final Family f, final String name, final Hook hook) {
        switch (name) {
            case "dstnat": return hook == Hook.PREROUTING || hook == Hook.OUTPUT;
            case "srcnat": return hook == Hook.POSTROUTING || hook == Hook.INPUT;
            case "out": return f != Family.BRIDGE || hook == Hook.OUTPUT;
            default: return true;
        }
    }

    /** Why a chain of this type cannot sit at this hook in this family, or null if it can. */
    static String check(final Family f, final Chain.Type type, final Hook hook) {
        final boolean ok;
        switch (f) {
            case IP: case IP6:
                ok = hook.ordinal() <= Hook.POSTROUTING.ordinal();
                break;
            case INET:
                ok = hook.ordinal() <= Hook.INGRESS.ordinal();
                break;
            case ARP:
                ok = hook == Hook.INPUT || hook == Hook.OUTPUT;
                break;
            case BRIDGE:
                ok = hook.ordinal() <= Hook.POSTROUTING.ordinal();
                break;
            default:
                ok = hook == Hook.INGRESS || hook == Hook.EGRESS;
                break;
        }
        if (!ok) {
            return "hook " + hook.nft() + " does not exist in family " + f.nft();
        }
        if (type == Chain.Type.NAT && (hook == Hook.FORWARD || hook.ordinal() > Hook.POSTROUTING.ordinal()
                || f == Family.ARP || f == Family.NETDEV)) {
            return "a nat chain cannot hook " + hook.nft() + " in family " + f.nft();
        }
        if (type == Chain.Type.ROUTE && (hook != Hook.OUTPUT || f != Family.IP && f != Family.IP6 && f != Family.INET)) {
            return "a route chain hooks output of ip, ip6 or inet only";
        }
        return null;
    }
}
