package dev.ftpsim.api;

import dev.ftpsim.core.firewall.Firewall;
import java.util.Map;

/**
 * One firewall after a run.
 *
 * @param node the node it runs on
 * @param counters its conntrack counters as {@code summary.json}'s {@code conntrack} holds them
 *     ({@code inserted}, {@code expired}, {@code early_drop}, {@code table_full}, {@code invalid},
 *     {@code expect_create}, {@code expect_used}, {@code expect_expired}, {@code nat_exhausted});
 *     empty for a stateless firewall
 * @param drops packets dropped, by rule or conntrack reason
 * @param conntrackPeak the most conntrack entries it held at once (0 when stateless)
 * @param firewall the simulated firewall itself, for its rule counters and log
 */
public record FirewallResult(String node, Map<String, Long> counters, Map<String, Long> drops, int conntrackPeak,
        Firewall firewall) {}
