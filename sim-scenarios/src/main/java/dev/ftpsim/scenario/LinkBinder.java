package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Prefix;
import dev.ftpsim.core.net.Prefix6;
import dev.ftpsim.scenario.Tree.Loc;
import dev.ftpsim.scenario.Tree.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code links}: each link's two ends, resolved against the hosts, routers and switches that
 * {@link NetworkBinder} read before, and its bandwidth, delay, queue, loss and MTU; checks that the
 * ends share a subnet, that no interface takes two links, that switches form no loop, and that
 * every host is connected.
 */
final class LinkBinder {
    /** IPv6's minimum link MTU (RFC 8200 section 5); Linux's addrconf drops IPv6 from a device below it. */
    private static final int IPV6_MIN_MTU = 1280;
    static final List<String> LINK_KEYS = List.of("ends", "bandwidth", "delay", "queue", "loss", "mtu");
    static final List<String> GE_KEYS = List.of("p", "r", "loss-good", "loss-bad");

    static final long DEFAULT_BANDWIDTH = 1_000_000_000L;
    static final long DEFAULT_DELAY = 1_000_000L;
    static final int DEFAULT_QUEUE_PACKETS = 1000;

    private final Binder b;
    private final NetworkBinder net;

    LinkBinder(final Binder b, final NetworkBinder net) {
        this.b = b;
        this.net = net;
    }

    private final Map<String, String> connectedBy = new HashMap<>();
    /** A link end named nothing: "host not connected" would then only repeat that error. */
    private boolean badEnds;

    void links(final Node node) {
        final Tree.Seq s = b.seq(node, "links", "a list of links {ends: [a, b], bandwidth, delay, ...}");
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.items().size(); i++) {
            final String path = Binder.index("links", i);
            final Tree.Map m = b.map(s.items().get(i), path, "a link {ends: [a, b], bandwidth, delay, ...}", LINK_KEYS);
            if (m != null) {
                link(m, path);
            }
        }
    }

    private void link(final Tree.Map m, final String path) {
        final Node en = b.required(m, path, "ends", "the two ends, like [client, fw.lan]");
        final Tree.Seq ends = en == null ? null : b.seq(en, path + ".ends", "two ends, like [client, fw.lan]");
        LinkSpec.End a = null;
        LinkSpec.End z = null;
        if (ends != null && ends.items().size() != 2) {
            b.error(ends.loc(), path + ".ends", "expected exactly two ends, like [client, fw.lan], got "
                    + ends.items().size());
        } else if (ends != null) {
            a = end(ends.items().get(0), path + ".ends[0]", path);
            z = end(ends.items().get(1), path + ".ends[1]", path);
            if (a != null && z != null && !net.switches.containsKey(a.node()) && !net.switches.containsKey(z.node())) {
                sameSubnet(a, z, ends.loc(), path + ".ends");
            } else if (a != null && z != null && net.switches.containsKey(a.node()) && net.switches.containsKey(z.node())) {
                loop(a.node(), z.node(), ends.loc(), path + ".ends");
            }
        }
        final long bw = b.rate(m.get("bandwidth"), path + ".bandwidth", DEFAULT_BANDWIDTH);
        if (bw <= 0 && m.get("bandwidth") != null) {
            b.error(m.get("bandwidth").loc(), path + ".bandwidth", "a link's bandwidth must be above 0");
        }
        final long delay = b.duration(m.get("delay"), path + ".delay", DEFAULT_DELAY);
        int qp = DEFAULT_QUEUE_PACKETS;
        long qb = 0;
        final Node qn = m.get("queue");
        if (qn != null) {
            final String t = b.text(qn, path + ".queue", "a queue limit like '100 packets' or 64KB");
            if (t != null && t.strip().matches("\\d+(\\s*(packets?|p))?")) {
                qp = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(t.strip().split("\\D", 2)[0]));
                if (qp < 1) {
                    b.error(qn.loc(), path + ".queue", "a queue must hold at least 1 packet");
                }
            } else if (t != null) {
                qp = 0;
                qb = b.size(qn, path + ".queue", 0);
                if (qb < 1500 && b.errors.stream().noneMatch(e -> e.path().equals(path + ".queue"))) {
                    b.error(qn.loc(), path + ".queue", "a queue of " + t + " cannot hold one 1500-byte packet");
                }
            }
        }
        final LinkSpec.Loss loss = loss(m.get("loss"), path + ".loss");
        final int mtu = (int) b.integer(m.get("mtu"), path + ".mtu", "an MTU in bytes from 68 to 65535", 68, 65535,
                1500);
        if (mtu < IPV6_MIN_MTU && a != null && z != null) {
            final LinkSpec.End v6 = NetworkBinder6.prefixOf(a, net.hosts, net.routers) != null ? a
                    : NetworkBinder6.prefixOf(z, net.hosts, net.routers) != null ? z : null;
            if (v6 != null) {
                b.error(m.get("mtu").loc(), path + ".mtu", "an MTU of " + mtu + " is below the IPv6 minimum of "
                        + IPV6_MIN_MTU + " (RFC 8200 section 5), but " + v6 + " has an IPv6 address: Linux takes"
                        + " IPv6 off such an interface ('ip -6 addr add' answers Invalid argument); use 1280 or more,"
                        + " or no IPv6 address there");
            }
        }
        if (a != null && z != null) {
            net.links.add(new LinkSpec(a, z, Math.max(bw, 1), delay, qp, qb, loss, mtu));
        }
    }

    private LinkSpec.Loss loss(final Node n, final String path) {
        if (n == null) {
            return new LinkSpec.Bernoulli(0);
        }
        if (n instanceof Tree.Map) {
            final Tree.Map m = b.map(n, path, "a loss model", List.of("gilbert-elliott"));
            final Node ge = m.get("gilbert-elliott");
            if (ge == null) {
                b.error(n.loc(), path, "expected a probability like 0.001 or {gilbert-elliott: {p, r, loss-good,"
                        + " loss-bad}}");
                return new LinkSpec.Bernoulli(0);
            }
            final String gp = path + ".gilbert-elliott";
            final Tree.Map g = b.map(ge, gp, "{p, r, loss-good, loss-bad}", GE_KEYS);
            if (g == null) {
                return new LinkSpec.Bernoulli(0);
            }
            final Node p = b.required(g, gp, "p", "the good-to-bad probability per packet");
            final Node r = b.required(g, gp, "r", "the bad-to-good probability per packet");
            return new LinkSpec.GilbertElliott(p == null ? 0 : b.probability(p, gp + ".p", 0),
                    r == null ? 1 : b.probability(r, gp + ".r", 1), b.probability(g.get("loss-good"), gp + ".loss-good", 0),
                    b.probability(g.get("loss-bad"), gp + ".loss-bad", 1));
        }
        return new LinkSpec.Bernoulli(b.probability(n, path, 0));
    }

    /** Resolves "client", "clients", "fw.lan" or "client.eth0"; null (reported) if it names nothing. */
    LinkSpec.End end(final Node n, final String path, final String linkPath) {
        final String what = "a host, a host group or a router interface like fw.lan";
        final String t = b.text(n, path, what);
        if (t == null) {
            return null;
        }
        final LinkSpec.End e = resolve(n, path, t, what);
        if (e == null) {
            badEnds = true;
        }
        if (e != null && linkPath != null && !net.switches.containsKey(e.node())) {
            final String prev = connectedBy.putIfAbsent(e.toString(), linkPath);
            if (prev != null) {
                b.error(n.loc(), path, e + " is already connected by " + prev + ": an interface takes one link");
            }
        }
        return e;
    }

    LinkSpec.End resolve(final Node n, final String path, final String t, final String what) {
        final int dot = t.indexOf('.');
        final String node = dot < 0 ? t : t.substring(0, dot);
        final String iface = dot < 0 ? null : t.substring(dot + 1);
        if (dev.ftpsim.core.net.Node.LOOPBACK.equals(iface) && (net.hosts.containsKey(node) || net.routers.containsKey(node))) {
            b.error(n.loc(), path, t + " is the loopback interface: it carries the node's traffic to itself,"
                    + " on no link");
            return null;
        }
        if (net.hosts.containsKey(node)) {
            if (iface != null && !iface.equals("eth0")) {
                b.error(n.loc(), path, "host '" + node + "' has one interface, eth0: write " + node + " or "
                        + node + ".eth0");
                return null;
            }
            return new LinkSpec.End(node, null);
        }
        if (net.switches.containsKey(node)) {
            if (iface != null) {
                b.error(n.loc(), path, "switch '" + node + "' has no named ports: each link that names it makes"
                        + " one; write " + node);
                return null;
            }
            return new LinkSpec.End(node, null);
        }
        final RouterSpec r = net.routers.get(node);
        if (r == null) {
            b.error(n.loc(), path, b.unknownOnly("node", node, net.nodeNames()) + "; expected " + what
                    + "; nodes are " + Binder.listed(net.nodeNames()));
            return null;
        }
        final List<String> names = r.interfaces().keySet().stream().map(i -> node + "." + i).toList();
        if (iface == null) {
            b.error(n.loc(), path, "'" + node + "' is a router: name one of its interfaces, "
                    + String.join(" or ", names));
            return null;
        }
        if (!r.interfaces().containsKey(iface)) {
            b.error(n.loc(), path, b.unknown("interface", t, names));
            return null;
        }
        return new LinkSpec.End(node, iface);
    }

    /** Each switch's segment: switches joined by links, as a union-find forest. */
    private final Map<String, String> segment = new HashMap<>();

    private String root(final String sw) {
        String r = sw;
        while (segment.containsKey(r)) {
            r = segment.get(r);
        }
        return r;
    }

    /**
     * Joins two switches' segments, or reports the link that would close a loop: these switches
     * run no spanning tree, so a loop would flood frames forever.
     */
    private void loop(final String x, final String y, final Loc loc, final String path) {
        final String rx = root(x);
        final String ry = root(y);
        if (rx.equals(ry)) {
            b.error(loc, path, "this link closes a loop: " + (x.equals(y) ? "both ends are switch '" + x + "'"
                    : "switches '" + x + "' and '" + y + "' are already connected") + "; switches here run no"
                    + " spanning tree, so the switches and their links must form a tree");
            return;
        }
        segment.put(rx, ry);
    }

    /** The end's subnet, or null when its address was itself an error. */
    private Prefix subnetOf(final LinkSpec.End e) {
        final Prefix p;
        if (e.iface() != null) {
            p = net.routers.get(e.node()).interfaces().get(e.iface()).prefix();
        } else {
            final HostSpec h = net.hosts.get(e.node());
            p = h instanceof HostSpec.Single s ? s.address().prefix() : ((HostSpec.Group) h).subnet();
        }
        return p.network() == 0 && (p.length() == 0 || p.length() == 32) ? null : p;
    }

    private void sameSubnet(final LinkSpec.End a, final LinkSpec.End z, final Loc loc, final String path) {
        final Prefix pa = subnetOf(a);
        final Prefix pz = subnetOf(z);
        if (pa != null && pz != null && !pa.equals(pz)) {
            b.error(loc, path, a + " (" + pa + ") and " + z + " (" + pz + ") are not on the same subnet");
            return;
        }
        final Prefix6 qa = NetworkBinder6.prefixOf(a, net.hosts, net.routers);
        final Prefix6 qz = NetworkBinder6.prefixOf(z, net.hosts, net.routers);
        if (qa != null && qz != null && !qa.equals(qz)) {
            b.error(loc, path, a + " (" + qa + ") and " + z + " (" + qz + ") are not on the same IPv6 prefix");
        }
    }

    /** Reports each host that no link names (unless an end was itself an error). */
    void unconnected(final Map<String, Loc> nameLoc) {
        if (badEnds) {
            return;
        }
        for (final String h : net.hosts.keySet()) {
            if (!connectedBy.containsKey(h) && !connectedBy.containsKey(h + ".eth0") && nameLoc.containsKey(h)) {
                b.error(nameLoc.get(h), "hosts." + h, "host '" + h + "' is not connected: no entry of 'links'"
                        + " names it");
            }
        }
    }
}
