package dev.ftpsim.explain;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.HostSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of a data connection that kube-proxy sent to another pod: kube-proxy's nftables mode
 * draws an endpoint for each Service port on its own ({@code numgen random mod N vmap} in every
 * service chain; with ClientIP affinity one set per port, kubernetes/kubernetes#103000), so the
 * passive port may reach a pod that did not announce it. With one replica kube-proxy writes each
 * service chain's map with the one endpoint, {@code numgen random mod 1 vmap { 0 : goto
 * endpoint-... }} (pkg/proxy/nftables/proxier.go, writeServiceToEndpointRules: the same rule for
 * any number of endpoints, after one {@code ip saddr @affinity-... goto endpoint-...} per endpoint
 * with affinity). The fix rewrites the node's nft file so, and drops the other pods' endpoint
 * chains and affinity sets, keeping the first pod that serves every balanced port.
 */
final class OneReplica {
    /** A balancing rule: what precedes it on its line, N, the map's entries. */
    private static final Pattern BALANCED = Pattern.compile("^(.*?)numgen random mod (\\d+) vmap \\{ ?(.*?) ?}\\s*$");
    private static final Pattern ENTRY = Pattern.compile("\\s*\\d+\\s*:\\s*goto\\s+(\\S+)\\s*");
    /** kube-proxy's endpoint chain name: endpoint-HASH-NAMESPACE/SERVICE/PROTO/PORTNAME__IP/PORT. */
    private static final Pattern ENDPOINT = Pattern.compile("endpoint-([A-Z0-9]+-([^/\\s]+)/([^/\\s]+)/\\S*__"
            + "(\\d+\\.\\d+\\.\\d+\\.\\d+)/\\d+)");

    private OneReplica() {}

    static List<Fix> propose(final Diagnosis d) {
        if (!d.dataFailure()) {
            return List.of();
        }
        final List<Fix> out = new ArrayList<>();
        for (final Map.Entry<String, FirewallSpec> e : d.scenario().firewalls().entrySet()) {
            if (e.getValue().nftFile() == null) {
                continue;
            }
            final String text;
            try {
                text = d.loadedText(e.getValue().nftFile());
            } catch (final IOException x) {
                continue; // not among the loaded bytes and gone since: nothing to rewrite
            }
            out.addAll(fixes(d, e.getKey(), e.getValue().nftFile(), text));
        }
        return out;
    }

    /** The one-replica fix of the balanced services in {@code text}, none when it balances nothing kube-proxy's way. */
    private static List<Fix> fixes(final Diagnosis d, final String fw, final String file, final String text) {
        final List<String> lines = text.lines().toList();
        final Set<String> pods = new LinkedHashSet<>();
        String service = null;
        for (final String line : lines) {
            final Matcher m = BALANCED.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 2) {
                continue;
            }
            for (final String entry : m.group(3).split(",")) {
                final Matcher en = ENTRY.matcher(entry);
                final Matcher ep = en.matches() ? ENDPOINT.matcher(en.group(1)) : null;
                if (ep == null || !ep.matches()) {
                    return List.of(); // not kube-proxy's names: which pod an entry is is unknown
                }
                pods.add(ep.group(4));
                service = ep.group(2) + "/" + ep.group(3);
            }
        }
        final List<Fix> out = new ArrayList<>();
        if (pods.size() < 2) {
            return out;
        }
        // One replica is one pod, whichever the Deployment keeps: the first that serves every port.
        for (final String pod : pods) {
            final RulesetEdit r = pinned(fw, file, lines, pod);
            if (r != null) {
                final String ns = service.substring(0, service.indexOf('/'));
                out.add(new Fix("run the FTP server as one replica (" + host(d, pod) + ", " + pod + "): every"
                        + " service of " + fw + " to that pod", "scale the FTP Deployment behind Service " + service
                        + " to 1 replica (kubectl -n " + ns + " scale deployment/NAME --replicas=1; or a Service per"
                        + " pod, or hostNetwork): kube-proxy then writes each service chain's map with the one pod,"
                        + " so the data connection reaches the pod that sent the 227", List.of(), List.of(r)));
                break;
            }
        }
        return out;
    }

    /**
     * {@code lines} with each balancing rule reduced to {@code pod}'s endpoint, and every line of
     * another pod's endpoint chains and affinity sets left out; null when a service has no
     * endpoint on {@code pod}.
     */
    private static RulesetEdit pinned(final String fw, final String file, final List<String> lines, final String pod) {
        final List<String> dropped = new ArrayList<>();
        final List<String> rewritten = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        for (final String line : lines) {
            final Matcher m = BALANCED.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 2) {
                rewritten.add(line);
                continue;
            }
            String kept = null;
            for (final String entry : m.group(3).split(",")) {
                final Matcher en = ENTRY.matcher(entry);
                final Matcher ep = ENDPOINT.matcher(en.matches() ? en.group(1) : "");
                if (ep.matches() && ep.group(4).equals(pod)) {
                    kept = en.group(1);
                } else if (ep.matches()) {
                    dropped.add(ep.group(1));
                }
            }
            if (kept == null) {
                return null;
            }
            final String one = m.group(1) + "numgen random mod 1 vmap { 0 : goto " + kept + " }";
            rewritten.add(one);
            changes.add(one.strip());
        }
        final StringBuilder sb = new StringBuilder();
        for (final String line : rewritten) {
            if (!mentionsAny(line, dropped)) {
                sb.append(line).append('\n');
            }
        }
        return new RulesetEdit(fw, file, sb.toString(), changes);
    }

    /**
     * Whether {@code line} declares, fills or jumps to a left-out endpoint chain or its affinity
     * set: an {@code add} statement or a one-line affinity check (a chain written as a block keeps
     * its braces; the dead chain is harmless).
     */
    private static boolean mentionsAny(final String line, final List<String> dropped) {
        final String s = line.strip();
        if (!s.startsWith("add ") && !s.matches("ip6? saddr @affinity-\\S+ goto endpoint-\\S+")) {
            return false;
        }
        for (final String name : dropped) {
            if (Pattern.compile("(endpoint|affinity)-" + Pattern.quote(name) + "(?![\\w/.-])").matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    /** The scenario's host at {@code address}, else the address. */
    private static String host(final Diagnosis d, final String address) {
        final int a = Ipv4.parse(address);
        for (final Map.Entry<String, HostSpec> h : d.scenario().hosts().entrySet()) {
            if (h.getValue() instanceof HostSpec.Single s && s.address().address() == a) {
                return h.getKey();
            }
        }
        return address;
    }
}
