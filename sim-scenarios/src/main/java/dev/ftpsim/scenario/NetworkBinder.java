package dev.ftpsim.scenario;

import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Prefix;
import dev.ftpsim.scenario.Tree.Entry;
import dev.ftpsim.scenario.Tree.Loc;
import dev.ftpsim.scenario.Tree.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code hosts}, {@code routers} and {@code links}, and checks that they fit together. */
final class NetworkBinder {
    static final List<String> HOST_KEYS = List.of("address", "address6", "gateway", "gateway6", "kernel", "tcp");
    static final List<String> GROUP_KEYS = List.of("count", "subnet", "first", "gateway", "kernel", "tcp");
    static final List<String> TCP_KEYS = List.of("syn-retries", "syn-linear-timeouts", "synack-retries", "initial-rto",
            "receive-buffer", "retries2", "keepalive-time", "keepalive-intvl", "keepalive-probes");
    static final List<String> ROUTER_KEYS = List.of("interfaces", "routes", "kernel", "proxies", "route-localnet");
    static final List<String> PROXY_KEYS = List.of("listen", "to");

    private final Binder b;
    private final NetworkBinder6 v6;
    private final LinkBinder linkBinder;
    final Map<String, HostSpec> hosts = new LinkedHashMap<>();
    final Map<String, RouterSpec> routers = new LinkedHashMap<>();
    /** Hosts' and groups' {@code kernel} and {@code tcp} settings, by name. */
    final Map<String, TcpSpec> tcp = new LinkedHashMap<>();
    /** Hosts', groups' and routers' {@code kernel}, by name, where written. */
    final Map<String, LinuxKernel> kernels = new LinkedHashMap<>();
    final List<LinkSpec> links = new ArrayList<>();
    /** Switches by name, where each was named. */
    final Map<String, Loc> switches = new LinkedHashMap<>();
    static final List<String> SWITCH_KEYS = List.of("bridge", "br-netfilter", "hairpin");
    /** Switches' {@code bridge} and {@code br-netfilter} keys as written, checked by {@link #bridges}. */
    private final Map<String, Tree.Map> switchMaps = new LinkedHashMap<>();
    /** Switches that are a router's bridge device, by name, in file order. */
    final Map<String, Scenario.Bridge> bridges = new LinkedHashMap<>();
    /** Switches with hairpin mode on their ports, in file order. */
    final List<String> hairpin = new ArrayList<>();
    /** Where each host and router was named, for errors about them. */
    private final Map<String, Loc> nameLoc = new HashMap<>();
    private final Map<String, Loc> countLoc = new HashMap<>();
    /** Where each address was written: "client" or "fw.lan" to its position. */
    private final Map<String, Loc> addressLoc = new LinkedHashMap<>();
    /** Hosts with an {@code address6} key, good or bad (a bad one is reported once, at its key). */
    final java.util.Set<String> wroteAddress6 = new java.util.HashSet<>();
    /** Hosts' written {@code gateway6}, by name. */
    private final Map<String, Node> gateways6 = new LinkedHashMap<>();

    NetworkBinder(final Binder b) {
        this.b = b;
        this.v6 = new NetworkBinder6(b);
        this.linkBinder = new LinkBinder(b, this);
    }

    /** Every host, group and router name, for "did you mean" suggestions. */
    List<String> nodeNames() {
        final List<String> out = new ArrayList<>(hosts.keySet());
        out.addAll(routers.keySet());
        return out;
    }

    void bind(final Node hostsNode, final Node routersNode, final Node linksNode, final Loc root) {
        final Map<String, Node> gateways = new LinkedHashMap<>();
        if (routersNode != null) {
            routers(routersNode);
        }
        if (hostsNode == null) {
            b.error(root, "", "missing key 'hosts': expected a mapping of host names to {address, gateway}"
                    + " or {count, subnet, gateway}");
        } else {
            hosts(hostsNode, gateways);
        }
        gateways(gateways);
        v6.gateways(hosts, routers, gateways6);
        duplicateAddresses();
        if (linksNode != null) {
            linkBinder.links(linksNode);
        }
        linkBinder.unconnected(nameLoc);
    }

    // ------------------------------------------------------------------ switches

    /** Reads {@code switches}: names of learning bridges, each an empty mapping. Before {@link #bind}. */
    void switches(final Node node) {
        if (node == null) {
            return;
        }
        final Tree.Map m = b.map(node, "switches", "a mapping of switch names to {}", null);
        if (m == null) {
            return;
        }
        for (final Entry e : m.entries()) {
            final String path = "switches." + e.key();
            if (!e.key().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                b.error(e.keyLoc(), path, "bad name '" + e.key() + "': expected letters, digits, '-' and '_',"
                        + " starting with a letter");
                continue;
            }
            if (!(e.value() instanceof Tree.Scalar sc && sc.kind() == Tree.Kind.NULL)) {
                final Tree.Map sm = b.map(e.value(), path, "a switch: {} (its ports are made by the links that"
                        + " name it) or {bridge: ROUTER.INTERFACE, br-netfilter: true|false, hairpin: true|false}",
                        SWITCH_KEYS);
                if (sm != null) {
                    switchMaps.put(e.key(), sm);
                }
            }
            switches.put(e.key(), e.keyLoc());
        }
    }

    /**
     * Checks the switches' {@code bridge} (a router's interface linked to the switch: the bridge
     * device, like docker0) and {@code br-netfilter} (only on such a bridge). After {@link #bind}.
     */
    void bridges() {
        for (final Map.Entry<String, Tree.Map> e : switchMaps.entrySet()) {
            final String sw = e.getKey();
            final String path = "switches." + sw;
            final Node bridge = e.getValue().get("bridge");
            final Node nf = e.getValue().get("br-netfilter");
            final boolean netfilter = b.bool(nf, path + ".br-netfilter", false);
            if (b.bool(e.getValue().get("hairpin"), path + ".hairpin", false)) {
                hairpin.add(sw);
            }
            if (bridge == null) {
                if (nf != null) {
                    b.error(nf.loc(), path + ".br-netfilter", "br-netfilter needs 'bridge': a standalone switch"
                            + " has no IP stack whose hooks bridged frames could run; name the router's interface"
                            + " that is this bridge, like bridge: docker-host.docker0");
                }
                continue;
            }
            final String what = "a router's interface linked to this switch, like docker-host.docker0";
            final String text = b.text(bridge, path + ".bridge", what);
            if (text == null) {
                continue;
            }
            final int dot = text.indexOf('.');
            final RouterSpec r = dot < 0 ? null : routers.get(text.substring(0, dot));
            if (r == null) {
                b.error(bridge.loc(), path + ".bridge", "'" + text + "' is not a router's interface: expected " + what
                        + (routers.isEmpty() ? "" : "; routers: " + String.join(", ", routers.keySet())));
                continue;
            }
            final String iface = text.substring(dot + 1);
            if (!r.interfaces().containsKey(iface)) {
                b.error(bridge.loc(), path + ".bridge", "no interface '" + iface + "' on router " + r.name()
                        + "; it has " + String.join(", ", r.interfaces().keySet()));
                continue;
            }
            final boolean linked = links.stream().anyMatch(l -> isEnd(l.a(), sw) && isEnd(l.b(), r.name(), iface)
                    || isEnd(l.b(), sw) && isEnd(l.a(), r.name(), iface));
            if (!linked) {
                b.error(bridge.loc(), path + ".bridge", text + " is not linked to switch " + sw
                        + ": the bridge device is the router's port on it; add the link {ends: [" + sw + ", "
                        + text + "]}");
                continue;
            }
            bridges.put(sw, new Scenario.Bridge(r.name(), iface, netfilter));
        }
    }

    private static boolean isEnd(final LinkSpec.End end, final String node) {
        return end.node().equals(node) && end.iface() == null;
    }

    private static boolean isEnd(final LinkSpec.End end, final String node, final String iface) {
        return end.node().equals(node) && iface.equals(end.iface());
    }

    // ------------------------------------------------------------------ hosts

    private void hosts(final Node node, final Map<String, Node> gateways) {
        final Tree.Map m = b.map(node, "hosts", "a mapping of host names to hosts or host groups", null);
        if (m == null) {
            return;
        }
        for (final Entry e : m.entries()) {
            final String path = "hosts." + e.key();
            if (!validName(e, path)) {
                continue;
            }
            final boolean group = e.value() instanceof Tree.Map hm && (hm.get("count") != null || hm.get("subnet") != null);
            final Tree.Map h = b.map(e.value(), path, group ? "a host group {count, subnet, gateway}"
                    : "a host {address, gateway}", group ? GROUP_KEYS : HOST_KEYS);
            if (h == null) {
                continue;
            }
            nameLoc.put(e.key(), e.keyLoc());
            if (h.get("gateway") != null) {
                gateways.put(e.key(), h.get("gateway"));
            }
            final LinuxKernel k = kernel(h, e.key(), path);
            if (h.get("tcp") != null || k != null) {
                final TcpSpec t = tcp(h.get("tcp"), path + ".tcp", k);
                if (t != null) {
                    tcp.put(e.key(), t);
                }
            }
            if (group) {
                group(e.key(), path, h);
            } else {
                final Node a = b.required(h, path, "address", Binder.CIDR);
                final Cidr c = a == null ? null : b.cidr(a, path + ".address");
                if (c != null) {
                    addressLoc.put(e.key(), a.loc());
                }
                final String a6 = h.get("address6") == null ? null : b.cidr6(h.get("address6"), path + ".address6");
                if (h.get("address6") != null) {
                    wroteAddress6.add(e.key());
                }
                hosts.put(e.key(), new HostSpec.Single(e.key(), c == null ? new Cidr(0, 32) : c, 0, a6, null));
                if (h.get("gateway6") != null) {
                    gateways6.put(e.key(), h.get("gateway6"));
                }
            }
        }
    }

    /** A host's or router's {@code kernel}, remembered by name; null when not written or unknown (reported). */
    private LinuxKernel kernel(final Tree.Map m, final String name, final String path) {
        final List<String> names = LinuxKernel.SUPPORTED.stream().map(LinuxKernel::toString).toList();
        final String v = b.choice(m.get("kernel"), path + ".kernel", "Linux version", names, null);
        final LinuxKernel k = v == null ? null : LinuxKernel.parse(v);
        if (k != null) {
            kernels.put(name, k);
        }
        return k;
    }

    /** A host's {@code tcp} block; each key optional, the kernel's value when absent. */
    private TcpSpec tcp(final Node n, final String path, final LinuxKernel kernel) {
        if (n == null) {
            return new TcpSpec(kernel, null, null, null, null, null, null, null, null, null);
        }
        final Tree.Map m = b.map(n, path, "TCP settings {" + String.join(", ", TCP_KEYS) + "}", TCP_KEYS);
        if (m == null) {
            return null;
        }
        final Integer syn = m.get("syn-retries") == null ? null : (int) b.integer(m.get("syn-retries"),
                path + ".syn-retries", "a number of retries from 0 to 127 (Linux: 6)", 0, 127, 6);
        final Integer synAck = m.get("synack-retries") == null ? null : (int) b.integer(m.get("synack-retries"),
                path + ".synack-retries", "a number of retries from 0 to 127 (Linux: 5)", 0, 127, 5);
        final Long rto = b.optDuration(m.get("initial-rto"), path + ".initial-rto");
        if (rto != null && rto == 0) {
            b.error(m.get("initial-rto").loc(), path + ".initial-rto", "the initial RTO must be above 0");
        }
        Integer buffer = null;
        if (m.get("receive-buffer") != null) {
            final long size = b.size(m.get("receive-buffer"), path + ".receive-buffer", 131072);
            if (size < 1 || size > (65535L << 14)) {
                b.error(m.get("receive-buffer").loc(), path + ".receive-buffer",
                        "a receive buffer from 1 B to 1073725440 B, 65535 x 2^14 (TCP's largest scaled window,"
                        + " RFC 7323), not " + size + " B");
            } else {
                buffer = (int) size;
            }
        }
        final Integer linear = m.get("syn-linear-timeouts") == null ? null : (int) b.integer(
                m.get("syn-linear-timeouts"), path + ".syn-linear-timeouts",
                "a number of linear SYN timeouts from 0 to 255 (Linux 6.5+: 4, before: 0)", 0, 255, 4);
        final Integer retries2 = m.get("retries2") == null ? null : (int) b.integer(m.get("retries2"),
                path + ".retries2", "a number of retries from 0 to 255 (Linux: 15)", 0, 255, 15);
        final Long kaTime = positive(m, "keepalive-time", path);
        final Long kaIntvl = positive(m, "keepalive-intvl", path);
        final Integer kaProbes = m.get("keepalive-probes") == null ? null : (int) b.integer(m.get("keepalive-probes"),
                path + ".keepalive-probes", "a number of probes from 1 to 127 (Linux: 9)", 1, 127, 9);
        return new TcpSpec(kernel, syn, linear, synAck, rto == null || rto == 0 ? null : rto, buffer, retries2,
                kaTime, kaIntvl, kaProbes);
    }

    /** An optional duration above 0. */
    private Long positive(final Tree.Map m, final String key, final String path) {
        final Long d = b.optDuration(m.get(key), path + "." + key);
        if (d != null && d == 0) {
            b.error(m.get(key).loc(), path + "." + key, "'" + key + "' must be above 0");
            return null;
        }
        return d;
    }

    private void group(final String name, final String path, final Tree.Map h) {
        final Node cn = b.required(h, path, "count", "the number of hosts, at least 1");
        if (cn != null) {
            countLoc.put(name, cn.loc());
        }
        final int count = cn == null ? 1 : (int) b.integer(cn, path + ".count", "a whole number from 1 to 1000000",
                1, 1_000_000, 1);
        final Node sn = b.required(h, path, "subnet", "the members' subnet, like 10.1.0.0/16");
        final Prefix subnet = sn == null ? null : b.prefix(sn, path + ".subnet", "a subnet like 10.1.0.0/16");
        int first = subnet == null ? 0 : subnet.network() + (subnet.length() <= 30 ? 1 : 0);
        final Node fn = h.get("first");
        if (fn != null && subnet != null) {
            final int f = b.address(fn, path + ".first");
            if (f != 0 && !subnet.contains(f)) {
                b.error(fn.loc(), path + ".first", Ipv4.format(f) + " is not in the group's subnet " + subnet);
            } else if (f != 0) {
                first = f;
            }
        }
        hosts.put(name, new HostSpec.Group(name, count, subnet == null ? new Prefix(0, 0) : subnet, first, 0));
    }

    private boolean validName(final Entry e, final String path) {
        if (!e.key().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            b.error(e.keyLoc(), path, "bad name '" + e.key() + "': expected letters, digits, '-' and '_',"
                    + " starting with a letter ('.' separates a router from its interface)");
            return false;
        }
        if (routers.containsKey(e.key())) {
            b.error(e.keyLoc(), path, "'" + e.key() + "' is already the name of a router");
            return false;
        }
        if (switches.containsKey(e.key())) {
            b.error(e.keyLoc(), path, "'" + e.key() + "' is already the name of a switch");
            return false;
        }
        return true;
    }

    /** Sets each gateway: as written (on the host's subnet), else the only router interface on it. */
    private void gateways(final Map<String, Node> written) {
        for (final Map.Entry<String, HostSpec> e : hosts.entrySet()) {
            final HostSpec h = e.getValue();
            final Prefix subnet = h instanceof HostSpec.Single s ? s.address().prefix() : ((HostSpec.Group) h).subnet();
            final String path = "hosts." + e.getKey() + ".gateway";
            int gw = 0;
            final Node n = written.get(e.getKey());
            if (n != null) {
                gw = b.address(n, path);
                if (gw != 0 && !subnet.contains(gw)) {
                    b.error(n.loc(), path, "gateway " + Ipv4.format(gw) + " is not on the host's subnet " + subnet);
                    gw = 0;
                }
            } else {
                for (final RouterSpec r : routers.values()) {
                    for (final Cidr c : r.interfaces().values()) {
                        if (c.length() == subnet.length() && subnet.contains(c.address())) {
                            gw = c.address();
                        }
                    }
                }
            }
            e.setValue(h instanceof HostSpec.Single s ? new HostSpec.Single(s.name(), s.address(), gw, s.address6(), null)
                    : withGateway((HostSpec.Group) h, gw, n));
        }
    }

    private HostSpec.Group withGateway(final HostSpec.Group g, final int gw, final Node gwNode) {
        final int first = g.first();
        final HostSpec.Group out = new HostSpec.Group(g.name(), g.count(), g.subnet(), first, gw);
        if (g.subnet().length() > 0 || g.subnet().network() != 0) {
            final long room = out.capacity();
            if (room < g.count()) {
                b.error(countLoc.getOrDefault(g.name(), nameLoc.get(g.name())), "hosts." + g.name() + ".count", g.count() + " hosts do not fit into "
                        + g.subnet() + " from " + Ipv4.format(first) + ": it has room for " + room
                        + " (the gateway's address is skipped)");
            }
        }
        return out;
    }

    /** Two interfaces with one address, or a host inside a group's range, would make routing ambiguous. */
    private void duplicateAddresses() {
        final Map<Integer, String> owner = new HashMap<>();
        final List<String> names = new ArrayList<>(addressLoc.keySet());
        names.sort((x, y) -> {
            final Loc a = addressLoc.get(x);
            final Loc z = addressLoc.get(y);
            return a.line() != z.line() ? Integer.compare(a.line(), z.line()) : Integer.compare(a.column(), z.column());
        });
        for (final String n : names) {
            final int dot = n.indexOf('.');
            final int a = dot < 0 ? ((HostSpec.Single) hosts.get(n)).address().address()
                    : routers.get(n.substring(0, dot)).interfaces().get(n.substring(dot + 1)).address();
            final String prev = owner.putIfAbsent(a, n);
            final String path = dot < 0 ? "hosts." + n + ".address"
                    : "routers." + n.substring(0, dot) + ".interfaces." + n.substring(dot + 1);
            if (prev != null) {
                b.error(addressLoc.get(n), path, Ipv4.format(a) + " is already the address of " + prev);
                continue;
            }
            for (final HostSpec h : hosts.values()) {
                if (h instanceof HostSpec.Group g && g.subnet().contains(a) && a != g.gateway() && g.count() <= 1_000_000
                        && inGroup(g, a)) {
                    b.error(addressLoc.get(n), path, Ipv4.format(a) + " is also the address of a member of host group '"
                            + g.name() + "': move the group's 'first' address or shrink its count");
                }
            }
        }
    }

    private static boolean inGroup(final HostSpec.Group g, final int a) {
        if ((a & 0xFFFF_FFFFL) < (g.first() & 0xFFFF_FFFFL) || g.capacity() < g.count()) {
            return false;
        }
        return (g.address(g.count() - 1) & 0xFFFF_FFFFL) >= (a & 0xFFFF_FFFFL);
    }

    // ------------------------------------------------------------------ routers

    private void routers(final Node node) {
        final Tree.Map m = b.map(node, "routers", "a mapping of router names to {interfaces, routes}", null);
        if (m == null) {
            return;
        }
        for (final Entry e : m.entries()) {
            final String path = "routers." + e.key();
            if (!validName(e, path)) {
                continue;
            }
            final Tree.Map r = b.map(e.value(), path, "a router {interfaces, routes, kernel}", ROUTER_KEYS);
            if (r == null) {
                continue;
            }
            kernel(r, e.key(), path);
            nameLoc.put(e.key(), e.keyLoc());
            final Map<String, Cidr> ifaces = new LinkedHashMap<>();
            final Map<String, String> ifaces6 = new LinkedHashMap<>();
            final Node in = b.required(r, path, "interfaces", "a mapping of interface names to addresses,"
                    + " like {lan: 198.51.100.1/24, wan: 203.0.113.1/24}");
            final Tree.Map im = in == null ? null : b.map(in, path + ".interfaces",
                    "a mapping of interface names to addresses", null);
            if (im != null) {
                for (final Entry ie : im.entries()) {
                    final String problem = interfaceNameProblem(ie.key());
                    if (problem != null) {
                        b.error(ie.keyLoc(), path + ".interfaces." + ie.key(), problem);
                        continue;
                    }
                    final Node v4 = v6.dualStack(ie.value(), path + ".interfaces." + ie.key(), ie.key(), ifaces6);
                    if (v4 == null) {
                        ifaces.put(ie.key(), new Cidr(0, 32));
                        continue;
                    }
                    final Cidr c = b.cidr(v4, path + ".interfaces." + ie.key());
                    if (c != null) {
                        addressLoc.put(e.key() + "." + ie.key(), v4.loc());
                    }
                    ifaces.put(ie.key(), c == null ? new Cidr(0, 32) : c);
                }
            }
            final List<RouterSpec.Route> routes = new ArrayList<>();
            final List<RouterSpec.Route6> routes6 = new ArrayList<>();
            final Tree.Seq rs = r.get("routes") == null ? null
                    : b.seq(r.get("routes"), path + ".routes", "a list of routes like '10.0.0.0/8 via 203.0.113.254'");
            if (rs != null) {
                for (int i = 0; i < rs.items().size(); i++) {
                    final Node rn = rs.items().get(i);
                    if (rn instanceof Tree.Scalar sc && sc.text().contains(":")) {
                        final RouterSpec.Route6 rt = v6.route(rn, Binder.index(path + ".routes", i), ifaces6);
                        if (rt != null) {
                            routes6.add(rt);
                        }
                        continue;
                    }
                    final RouterSpec.Route rt = route(rn, Binder.index(path + ".routes", i), ifaces);
                    if (rt != null) {
                        routes.add(rt);
                    }
                }
            }
            routers.put(e.key(), new RouterSpec(e.key(), ifaces, routes, proxies(r.get("proxies"), path + ".proxies"),
                    ifaces6, routes6, routeLocalnet(r.get("route-localnet"), path + ".route-localnet", ifaces)));
        }
    }

    /** A router's {@code route-localnet}: names of its interfaces, like [docker0]. */
    private List<String> routeLocalnet(final Node n, final String path, final Map<String, Cidr> ifaces) {
        final List<String> out = new ArrayList<>();
        final Tree.Seq s = n == null ? null : b.seq(n, path, "a list of the router's interface names, like [docker0]");
        if (s == null) {
            return out;
        }
        for (int i = 0; i < s.items().size(); i++) {
            final String p = Binder.index(path, i);
            final String name = b.text(s.items().get(i), p, "an interface name of this router, like docker0");
            if (name == null) {
                continue;
            }
            if (!ifaces.containsKey(name)) {
                b.error(s.items().get(i).loc(), p, "no interface '" + name + "' on this router; it has "
                        + String.join(", ", ifaces.keySet()));
            } else if (out.contains(name)) {
                b.error(s.items().get(i).loc(), p, "'" + name + "' is listed twice");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** A router's {@code proxies}: [{listen: 21, to: 172.17.0.2:21}, {listen: 30000-30009, to: 172.17.0.2:30000}]. */
    private List<RouterSpec.Proxy> proxies(final Node n, final String path) {
        final List<RouterSpec.Proxy> out = new ArrayList<>();
        final Tree.Seq s = n == null ? null : b.seq(n, path, "a list of proxies like {listen: 21, to: 172.17.0.2:21}");
        if (s == null) {
            return out;
        }
        final java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int i = 0; i < s.items().size(); i++) {
            final String p = Binder.index(path, i);
            final Tree.Map m = b.map(s.items().get(i), p, "a proxy {listen, to}", PROXY_KEYS);
            if (m == null) {
                continue;
            }
            final Node ln = b.required(m, p, "listen", "a port or a port range like 30000-30009");
            final Node tn = b.required(m, p, "to", "the backend's address and port, like 172.17.0.2:21");
            final String l = ln == null ? null : b.text(ln, p + ".listen", "a port or a port range like 30000-30009");
            final String t = tn == null ? null : b.text(tn, p + ".to", "an address and port like 172.17.0.2:21");
            final java.util.regex.Matcher lm = l == null ? null
                    : java.util.regex.Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?").matcher(l.strip());
            final java.util.regex.Matcher tm = t == null ? null
                    : java.util.regex.Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d{1,5})").matcher(t.strip());
            if (lm != null && !lm.matches()) {
                b.error(ln.loc(), p + ".listen", "bad port '" + l + "': expected a port or a port range like 30000-30009");
            }
            if (tm != null && !tm.matches()) {
                b.error(tn.loc(), p + ".to", "bad backend '" + t + "': expected an address and port like 172.17.0.2:21");
            }
            if (lm == null || tm == null || !lm.matches() || !tm.matches()) {
                continue;
            }
            final int first = Integer.parseInt(lm.group(1));
            final int last = lm.group(2) == null ? first : Integer.parseInt(lm.group(2));
            final int to = Integer.parseInt(tm.group(2));
            final int addr;
            try {
                addr = Ipv4.parse(tm.group(1));
            } catch (final IllegalArgumentException e) {
                b.error(tn.loc(), p + ".to", e.getMessage());
                continue;
            }
            if (first < 1 || last > 65535 || last < first || to < 1 || to + (last - first) > 65535) {
                b.error(ln.loc(), p + ".listen", "ports must lie in 1-65535, the range ascending, and the backend's"
                        + " range (" + to + " on) too");
                continue;
            }
            boolean clash = false;
            for (int port = first; port <= last && !clash; port++) {
                clash = !taken.add(port);
            }
            if (clash) {
                b.error(ln.loc(), p + ".listen", "a port of " + l + " already has a proxy on this router");
                continue;
            }
            out.add(new RouterSpec.Proxy(first, last, addr, to));
        }
        return out;
    }

    /** Why a scenario cannot give an interface this name (Linux's rules, and lo taken), or null. */
    static String interfaceNameProblem(final String name) {
        if (name.equals(dev.ftpsim.core.net.Node.LOOPBACK)) {
            return "every node has lo, its loopback interface (127.0.0.1/8): name this one otherwise";
        }
        return dev.ftpsim.core.net.NetInterface.nameProblem(name);
    }

    private RouterSpec.Route route(final Node n, final String path, final Map<String, Cidr> ifaces) {
        final String what = "a route like '10.0.0.0/8 via 203.0.113.254' or 'default via 203.0.113.254'";
        final String t = b.text(n, path, what);
        if (t == null) {
            return null;
        }
        final String[] w = t.strip().split("\\s+");
        if (w.length != 3 || !w[1].equals("via")) {
            b.error(n.loc(), path, "bad route '" + t + "': expected " + what);
            return null;
        }
        try {
            final Prefix to = w[0].equals("default") ? new Prefix(0, 0) : Prefix.parse(w[0]);
            final int via = Ipv4.parse(w[2]);
            if (ifaces.values().stream().noneMatch(c -> c.prefix().contains(via))) {
                b.error(n.loc(), path, "next hop " + w[2] + " is not on a subnet of this router's interfaces");
                return null;
            }
            return new RouterSpec.Route(to, via);
        } catch (final IllegalArgumentException e) {
            b.error(n.loc(), path, e.getMessage() + "; expected " + what);
            return null;
        }
    }

    /** Resolves a link end like "client" or "fw.lan"; null (reported) if it names nothing. See {@link LinkBinder#end}. */
    LinkSpec.End end(final Node n, final String path, final String linkPath) {
        return linkBinder.end(n, path, linkPath);
    }
}
