package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Prefix6;
import dev.ftpsim.scenario.Tree.Node;
import java.util.Map;

/** The IPv6 half of {@link NetworkBinder}: hosts' gateways, dual-stack router interfaces, IPv6 routes and prefixes. */
final class NetworkBinder6 {
    private final Binder b;

    NetworkBinder6(final Binder b) {
        this.b = b;
    }

    /**
     * Each dual-stack host's IPv6 gateway: the one written ({@code gateway6}), which must be on the
     * host's IPv6 prefix, or else a router interface's address on that prefix.
     */
    void gateways(final Map<String, HostSpec> hosts, final Map<String, RouterSpec> routers,
            final Map<String, Node> gateways6) {
        for (final Map.Entry<String, HostSpec> e : hosts.entrySet()) {
            if (!(e.getValue() instanceof HostSpec.Single s)) {
                continue;
            }
            final Node n = gateways6.get(e.getKey());
            final String path = "hosts." + e.getKey() + ".gateway6";
            if (s.address6() == null) {
                if (n != null) {
                    b.error(n.loc(), path, "host '" + e.getKey() + "' has no IPv6 address: add 'address6'");
                }
                continue;
            }
            final Prefix6 subnet = Prefix6.parse(s.address6());
            String gw = null;
            if (n != null) {
                gw = b.address6(n, path);
                if (gw != null && !contains(subnet, gw)) {
                    b.error(n.loc(), path, "gateway " + gw + " is not on the host's IPv6 prefix " + subnet);
                    gw = null;
                }
            } else {
                for (final RouterSpec r : routers.values()) {
                    for (final String c : r.interfaces6().values()) {
                        if (Prefix6.parse(c).equals(subnet)) {
                            gw = c.substring(0, c.indexOf('/'));
                        }
                    }
                }
            }
            e.setValue(new HostSpec.Single(s.name(), s.address(), s.gateway(), s.address6(), gw));
        }
    }

    private static boolean contains(final Prefix6 p, final String address) {
        final long[] a = Ipv6.parse(address);
        return p.contains(a[0], a[1]);
    }

    /**
     * A router interface's addresses: an IPv4 one ({@code 10.0.0.1/24}) or a list of an IPv4 and an
     * IPv6 one ({@code [10.0.0.1/24, 2001:db8:1::1/64]}); the IPv6 one goes into {@code ifaces6}.
     * Returns the IPv4 address's node, null (reported) when there is none.
     */
    Node dualStack(final Node n, final String path, final String iface, final Map<String, String> ifaces6) {
        if (!(n instanceof Tree.Seq seq)) {
            return n;
        }
        Node v4 = null;
        for (final Node x : seq.items()) {
            final boolean six = x instanceof Tree.Scalar sc && sc.text().contains(":");
            if (six && ifaces6.containsKey(iface) || !six && v4 != null) {
                b.error(x.loc(), path, "an interface takes one IPv4 and at most one IPv6 address");
            } else if (six) {
                final String c6 = b.cidr6(x, path);
                if (c6 != null) {
                    ifaces6.put(iface, c6);
                }
            } else {
                v4 = x;
            }
        }
        if (v4 == null) {
            b.error(n.loc(), path, "an interface needs an IPv4 address, like [10.0.0.1/24, 2001:db8:1::1/64]"
                    + " (IPv6-only interfaces are not supported in scenario files)");
        }
        return v4;
    }

    RouterSpec.Route6 route(final Node n, final String path, final Map<String, String> ifaces6) {
        final String what = "an IPv6 route like '2001:db8:2::/48 via 2001:db8:1::2' or 'default via 2001:db8:1::2'";
        final String t = b.text(n, path, what);
        final String[] w = t.strip().split("\\s+");
        if (w.length != 3 || !w[1].equals("via")) {
            b.error(n.loc(), path, "bad route '" + t + "': expected " + what);
            return null;
        }
        try {
            final Prefix6 to = w[0].equals("default") ? new Prefix6(0, 0, 0) : Prefix6.parse(w[0]);
            final long[] via = Ipv6.parse(w[2]);
            if (ifaces6.values().stream().noneMatch(c -> Prefix6.parse(c).contains(via[0], via[1]))) {
                b.error(n.loc(), path, "next hop " + w[2] + " is not on an IPv6 prefix of this router's interfaces");
                return null;
            }
            return new RouterSpec.Route6(to.toString(), Ipv6.format(via[0], via[1]));
        } catch (final IllegalArgumentException e) {
            b.error(n.loc(), path, e.getMessage() + "; expected " + what);
            return null;
        }
    }

    /** The end's IPv6 prefix, or null when it has no (good) IPv6 address. */
    static Prefix6 prefixOf(final LinkSpec.End e, final Map<String, HostSpec> hosts,
            final Map<String, RouterSpec> routers) {
        final String c = e.iface() != null ? routers.get(e.node()).interfaces6().get(e.iface())
                : hosts.get(e.node()) instanceof HostSpec.Single s ? s.address6() : null;
        return c == null ? null : Prefix6.parse(c);
    }
}
