package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A node's firewall configuration: base chains, named counters and {@code ct helper} objects,
 * whether it came from one-line rules in a scenario or from an nftables file.
 *
 * @param chains all base chains, sorted by hook then priority (then declaration order)
 * @param counters names of named counter objects
 * @param helpers {@code ct helper} objects by name
 */
public record Ruleset(List<Chain> chains, List<String> counters, Map<String, HelperObject> helpers) {
    public Ruleset {
        chains = chains.stream()
                .sorted(Comparator.comparing(Chain::hook).thenComparingInt(Chain::priority))
                .toList();
        counters = List.copyOf(counters);
        helpers = Map.copyOf(helpers);
    }

    /** The chains at one hook, in the order they run. */
    public List<Chain> at(final Hook hook) {
        return chains.stream().filter(c -> c.hook() == hook).toList();
    }

    /**
     * An nftables {@code ct helper} object: {@code type "ftp" protocol tcp; l3proto ip;}.
     *
     * @param name the object's name, used by {@code ct helper set "NAME"}
     * @param type the kernel helper it instantiates, e.g. "ftp"
     * @param protocol IANA protocol number (6 for tcp)
     */
    public record HelperObject(String name, String type, int protocol) {}
}
