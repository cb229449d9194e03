package dev.ftpsim.run;

import dev.ftpsim.core.net.DropCause;
import dev.ftpsim.core.net.InterfaceCounters;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Node;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packets lost where no firewall rule decided it, for {@code summary.json}'s {@code
 * interfaceDrops}: per interface ({@code node.interface}, or the node's name for packets its own
 * stack could not send), by cause: a full output queue (a qdisc's {@code dropped}), the link's
 * loss, no route, TTL expiry, the MTU, a packet for an address the host does not own, no transport
 * for its protocol. A firewall's drops are left out: {@code drops} names the rule of each.
 */
final class InterfaceDrops {
    private static final DropCause[] CAUSES = DropCause.values();

    private InterfaceDrops() {}

    /** Every interface of {@code net} that lost a packet, sorted by name; only causes above 0. */
    static Map<String, Map<String, Long>> of(final Network net) {
        final Map<String, Map<String, Long>> out = new TreeMap<>();
        // Read without making anything: at the end of a run of a million hosts, asking each for
        // its counters or its interface list would allocate some 100 MB.
        for (final Node n : net.nodes().values()) {
            put(out, n, null, n.localCountersIfAny());
            if (n.hasLoopback()) {
                put(out, n, n.loopback(), n.loopback().countersIfAny());
            }
            for (int k = 0; k < n.interfaceCount(); k++) {
                final NetInterface i = n.interfaceAt(k);
                put(out, n, i, i.countersIfAny());
            }
        }
        return out;
    }

    /**
     * Each balancer's drops under its router's name (no rule decides them, so {@code drops} has
     * none): {@code no_backend}, a new connection with no healthy backend (its SYN, or for a proxy
     * the connection it accepted and closed); {@code no_flow}, a
     * packet of a connection its table does not hold (forgotten after the idle timeout, or never
     * seen), answered with a reset where its {@code on-idle} says so.
     */
    static void addBalancers(final Map<String, Map<String, Long>> out,
            final Map<String, dev.ftpsim.core.balancer.Balancer> balancers) {
        balancers.forEach((router, b) -> {
            final dev.ftpsim.core.balancer.Balancer.Stats st = b.stats();
            if (st.noBackend > 0) {
                out.computeIfAbsent(router, k -> new LinkedHashMap<>()).put("no_backend", st.noBackend);
            }
            if (st.notServed > 0) {
                out.computeIfAbsent(router, k -> new LinkedHashMap<>()).merge("no_socket", st.notServed, Long::sum);
            }
            if (st.unknown > 0) {
                out.computeIfAbsent(router, k -> new LinkedHashMap<>()).put("no_flow", st.unknown);
            }
        });
    }

    /** The word a cause has in the summary: {@code queue_full}, {@code loss}, {@code no_route}, ... */
    static String key(final DropCause c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static void put(final Map<String, Map<String, Long>> out, final Node n, final NetInterface i,
            final InterfaceCounters c) {
        if (c == null || c.totalDrops() == c.drops(DropCause.FILTERED)) {
            return;
        }
        final String where = i == null ? n.name() : n.name() + "." + i.name();
        final Map<String, Long> m = new LinkedHashMap<>();
        for (final DropCause cause : CAUSES) {
            if (cause != DropCause.FILTERED && c.drops(cause) > 0) {
                m.put(key(cause), c.drops(cause));
            }
        }
        out.put(where, m);
    }
}
