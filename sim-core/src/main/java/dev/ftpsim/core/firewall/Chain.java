package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;

import java.util.List;

/**
 * A base chain: rules run in order at one hook. Chains at the same hook run in ascending priority
 * order, as in the kernel ({@code nf_register_net_hook} keeps hook entries sorted by priority).
 *
 * @param name the chain's name, for reports
 * @param nat true for {@code type nat} chains, which see only a connection's first packet
 * @param hook where packets meet the chain
 * @param priority nftables priority; lower runs first (dstnat -100, filter 0, srcnat 100)
 * @param policyDrop the verdict when no rule decides: drop if true, else accept
 * @param rules in order
 */
public record Chain(String name, boolean nat, Hook hook, int priority, boolean policyDrop, List<Rule> rules) {
    public Chain {
        rules = List.copyOf(rules);
    }

    /** nftables' named priorities ({@code nft(8)}, "PRIORITY"). */
    public static Integer namedPriority(final String name) {
        return switch (name) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "dstnat" -> -100;
            case "filter" -> 0;
            case "security" -> 50;
            case "srcnat" -> 100;
            default -> null;
        };
    }
}
