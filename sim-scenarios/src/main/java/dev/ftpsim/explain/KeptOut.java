package dev.ftpsim.explain;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.scenario.HostSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A population kept out on purpose: every failure is its control connect, and a firewall dropped
 * packets by a rule of its own (not a chain's policy) written against this service: a drop or
 * reject that names the population's server port, and, where the rule names them, the address it
 * dials and its own. Such a rule is the scenario's intent (the guarded-high-ports remedy drops the
 * internal service's port first), so the advisor says so instead of proposing to let it in.
 */
final class KeptOut {
    private KeptOut() {}

    /** Why {@code d}'s population is kept out by design, in words, or null when it is not. */
    static String statement(final Diagnosis d) {
        // a session still reconnecting at the stop (lftp) counts by the failure it reconnects after
        final boolean retrying = !d.failed().record().retryCode().isEmpty();
        if (d.codes().isEmpty() || !d.codes().stream().allMatch(c -> c.startsWith("control_connect")
                || retrying && c.equals("not_finished"))) {
            return null;
        }
        for (final Map.Entry<String, Map<String, Long>> fw : d.summary().drops().entrySet()) {
            for (final String rule : fw.getValue().keySet()) {
                final int colon = rule.indexOf(": ");
                if (colon > 0 && rule.substring(0, colon).contains(" rule ")
                        && against(d, rule.substring(colon + 2))) {
                    return fw.getKey() + "'s " + rule.substring(0, colon) + " (" + rule.substring(colon + 2)
                            + ") drops connections to " + d.dialled() + ":" + d.clients().port() + " on purpose: the"
                            + " scenario keeps this population out by design, so no fix is proposed to let it in";
                }
            }
        }
        return null;
    }

    /** Whether nft rule text {@code text} drops or rejects the population's control connection by its port. */
    private static boolean against(final Diagnosis d, final String text) {
        final List<String> t = Arrays.asList(text.replace("{", " { ").replace("}", " } ").replace(",", " , ")
                .trim().split("\\s+"));
        final String verdict = t.get(t.size() - 1);
        if (!verdict.equals("drop") && !t.contains("reject")) {
            return false;
        }
        final List<String> ports = after(t, "dport");
        if (ports == null || ports.stream().noneMatch(p -> inPorts(p, d.clients().port()))) {
            return false;
        }
        final List<String> daddr = after(t, "daddr");
        final List<String> saddr = after(t, "saddr");
        final int self = d.scenario().hosts().get(d.clients().host()) instanceof HostSpec.Single h
                ? h.address().address() : d.scenario().hosts().get(d.clients().host()) instanceof HostSpec.Group g
                ? g.address(0) : 0;
        return (daddr == null || daddr.stream().anyMatch(a -> inPrefix(a, d.clients().serverAddress())))
                && (saddr == null || saddr.stream().anyMatch(a -> inPrefix(a, self)));
    }

    /** The value after {@code key}: one token, or a set's items; null when the rule has no such match. */
    private static List<String> after(final List<String> t, final String key) {
        final int i = t.indexOf(key);
        if (i < 0 || i + 1 >= t.size() || t.get(i + 1).equals("!=")) {
            return null;
        }
        if (!t.get(i + 1).equals("{")) {
            return List.of(t.get(i + 1));
        }
        final int end = t.subList(i + 1, t.size()).indexOf("}");
        return end < 0 ? null : t.subList(i + 2, i + 1 + end).stream().filter(x -> !x.equals(",")).toList();
    }

    private static boolean inPorts(final String p, final int port) {
        try {
            final int dash = p.indexOf('-');
            return dash < 0 ? Integer.parseInt(p) == port
                    : Integer.parseInt(p.substring(0, dash)) <= port && port <= Integer.parseInt(p.substring(dash + 1));
        } catch (final NumberFormatException e) {
            return false; // a named service or a variable: not read here
        }
    }

    private static boolean inPrefix(final String a, final int address) {
        final int slash = a.indexOf('/');
        final long net = Ipv4.tryParse(slash < 0 ? a : a.substring(0, slash));
        if (net == Ipv4.INVALID) {
            return false;
        }
        try {
            final int mask = slash < 0 ? -1 : Ipv4.mask(Integer.parseInt(a.substring(slash + 1)));
            return ((int) net & mask) == (address & mask);
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }
}
