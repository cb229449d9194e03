package dev.ftpsim.scenario;

import dev.ftpsim.core.balancer.Algorithm;
import dev.ftpsim.core.balancer.BalancerConfig;
import dev.ftpsim.core.balancer.OnIdle;
import dev.ftpsim.core.balancer.Profile;
import dev.ftpsim.scenario.Tree.Entry;
import dev.ftpsim.scenario.Tree.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code balancers} block: per router, an L4 load balancer in NAT mode. */
final class BalancerBinder {
    static final List<String> KEYS = List.of("profile", "virtual", "ports", "port-offset", "backends", "algorithm",
            "idle-timeout", "on-idle", "idle-needs-data", "connect-timeout", "ftp-helper", "persistence", "retries",
            "redispatch", "queue-timeout", "health-check");
    static final List<String> BACKEND_KEYS = List.of("address", "down", "weight", "maxconn");
    static final List<String> CHECK_KEYS = List.of("port", "interval", "fast-interval", "down-interval", "rise", "fall",
            "expect");
    /** HAProxy's keys: what each is on a server line or in a backend section. */
    private static final List<List<String>> HAPROXY_ONLY = List.of(List.of("retries", "retries"),
            List.of("redispatch", "option redispatch"), List.of("queue-timeout", "timeout queue"),
            List.of("health-check", "check"));
    static final List<String> PROFILES = Arrays.stream(Profile.values()).map(Profile::key).toList();
    static final List<String> ALGORITHMS = List.of("hash", "round-robin", "source", "wlc", "lc");
    static final List<String> ON_IDLE = List.of("drop", "reset", "reset-on-next", "close");

    private final Binder b;
    private final NetworkBinder net;

    BalancerBinder(final Binder b, final NetworkBinder net) {
        this.b = b;
        this.net = net;
    }

    /** The balancers; {@code firewalls} are refused on the same router (both would rewrite and track its packets). */
    Map<String, BalancerSpec> bind(final Node n, final Map<String, FirewallSpec> firewalls) {
        final Map<String, BalancerSpec> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        final Tree.Map m = b.map(n, "balancers", "a mapping of router names to balancers {profile, virtual, ports,"
                + " backends, ...}", null);
        if (m == null) {
            return out;
        }
        for (final Entry e : m.entries()) {
            final String path = "balancers." + e.key();
            if (!net.routers.containsKey(e.key())) {
                b.error(e.keyLoc(), path, b.unknownOnly("router", e.key(), List.copyOf(net.routers.keySet()))
                        + ": a balancer runs on a router of 'routers'");
                continue;
            }
            if (firewalls.containsKey(e.key())) {
                b.error(e.keyLoc(), path, "router '" + e.key() + "' also has a firewall: put the balancer on a"
                        + " router of its own (its rewriting would bypass the firewall's connection tracking)");
                continue;
            }
            final BalancerSpec s = balancer(e.key(), e.value(), path);
            if (s != null) {
                out.put(e.key(), s);
            }
        }
        return out;
    }

    private BalancerSpec balancer(final String router, final Node n, final String path) {
        final Tree.Map m = b.map(n, path, "a balancer {profile, virtual, ports, backends, ...}", KEYS);
        if (m == null) {
            return null;
        }
        final Node pn = b.required(m, path, "profile", "the product it behaves like: " + String.join(", ", PROFILES));
        final String pk = pn == null ? null : b.choice(pn, path + ".profile", "balancer profile", PROFILES, null);
        final Profile profile = pk == null ? Profile.LVS : Profile.byKey(pk);
        final Node vn = b.required(m, path, "virtual", "the virtual address clients dial, like 203.0.113.100");
        final int vip = vn == null ? 0 : b.address(vn, path + ".virtual");
        if (vn != null && vip == 0 && unspecified(vn)) {
            b.error(vn.loc(), path + ".virtual", "0.0.0.0 is the unspecified address: clients cannot dial it");
        }
        final List<int[]> ports = ports(b.required(m, path, "ports", "front ports, like [21, 30000-30100]"),
                path + ".ports");
        final int offset = (int) b.integer(m.get("port-offset"), path + ".port-offset",
                "a port offset from -65534 to 65534", -65534, 65534, 0);
        for (final int[] r : ports) {
            if (r[0] + offset < 1 || r[1] + offset > 65535) {
                b.error(m.get("port-offset").loc(), path + ".port-offset", "ports " + r[0] + "-" + r[1] + " plus "
                        + offset + " leave 1..65535");
                return null;
            }
        }
        final List<Integer> backends = new ArrayList<>();
        final List<Integer> down = new ArrayList<>();
        final List<Integer> weights = new ArrayList<>();
        final List<Integer> maxconn = new ArrayList<>();
        backends(b.required(m, path, "backends", "the backends' addresses, like [10.1.0.10, 10.1.0.11]"),
                path + ".backends", backends, down, weights, maxconn, profile);
        final String alg = b.choice(m.get("algorithm"), path + ".algorithm", "algorithm", ALGORITHMS, null);
        final String idle = b.choice(m.get("on-idle"), path + ".on-idle", "idle behaviour", ON_IDLE, null);
        final long timeout = b.duration(m.get("idle-timeout"), path + ".idle-timeout", profile.idleTimeoutNanos());
        final boolean needsData = b.bool(m.get("idle-needs-data"), path + ".idle-needs-data", profile.idleNeedsData());
        final long connectTimeout = b.duration(m.get("connect-timeout"), path + ".connect-timeout", 0);
        if (!profile.terminates() && m.get("connect-timeout") != null) {
            b.error(m.get("connect-timeout").loc(), path + ".connect-timeout", profile.key() + " rewrites the client's"
                    + " packets and connects to no backend itself: only a proxy (haproxy) has a connect timeout");
        }
        if (profile.terminates() && net.routers.get(router) != null) {
            for (final RouterSpec.Proxy px : net.routers.get(router).proxies()) {
                for (final int[] r : ports) {
                    if (px.firstPort() <= r[1] && r[0] <= px.lastPort()) {
                        final int port = Math.max(px.firstPort(), r[0]);
                        b.error(m.get("ports").loc(), path + ".ports", "port " + port + " is also a proxy of routers."
                                + router + ".proxies: " + profile.key() + " listens on its front ports itself, and one"
                                + " port takes one listener");
                        return null;
                    }
                }
            }
        }
        if (profile.terminates() && idle != null && !"close".equals(idle)) {
            b.error(m.get("on-idle").loc(), path + ".on-idle", "'" + idle + "' is a NAT balancer's: " + profile.key()
                    + " is a proxy and at its timeout closes both of its connections (on-idle: close)");
        }
        if (profile.terminates() && m.get("idle-needs-data") != null && !needsData) {
            b.error(m.get("idle-needs-data").loc(), path + ".idle-needs-data", profile.key() + " is a proxy: the"
                    + " kernel answers keepalive probes and only data wakes it, so it cannot be false");
        }
        final List<Integer> ftpPorts = ftpHelper(m.get("ftp-helper"), path + ".ftp-helper", profile);
        final long persistence = persistence(m.get("persistence"), path + ".persistence");
        if (m.get("persistence") != null && profile != Profile.LVS) {
            b.error(m.get("persistence").loc(), path + ".persistence", "persistence templates (ipvsadm -p) are LVS's:"
                    + " only the lvs profile has them; for client-IP affinity on " + profile.key()
                    + " write 'algorithm: source'");
        }
        final BalancerSpec.Haproxy haproxy = haproxy(m, path, profile, maxconn, connectTimeout);
        if (backends.isEmpty() || ports.isEmpty() || vip == 0) {
            return null;
        }
        final BalancerConfig c = new BalancerConfig(vip, ports, offset, backends,
                alg == null ? profile.algorithm() : Algorithm.valueOf(alg.replace('-', '_').toUpperCase(Locale.ROOT)),
                timeout, idle == null ? profile.onIdle() : OnIdle.valueOf(idle.replace('-', '_').toUpperCase(Locale.ROOT)),
                needsData, profile.noBackend(), profile == Profile.LVS
                        ? new BalancerConfig.Lvs(true, ftpPorts, persistence, weights) : BalancerConfig.Lvs.NONE);
        return new BalancerSpec(router, profile.key(), c, down, connectTimeout, haproxy);
    }

    /**
     * HAProxy's own keys: {@code retries} (configuration.txt: "3 by default"), {@code redispatch}
     * ({@code option redispatch}), {@code queue-timeout} ({@code timeout queue}: "If unspecified,
     * the same value as the backend's connection timeout"), {@code health-check} ({@code check}).
     */
    private BalancerSpec.Haproxy haproxy(final Tree.Map m, final String path, final Profile profile,
            final List<Integer> maxconn, final long connectTimeout) {
        for (final List<String> k : HAPROXY_ONLY) {
            if (m.get(k.get(0)) != null && profile != Profile.HAPROXY) {
                b.error(m.get(k.get(0)).loc(), path + "." + k.get(0), "'" + k.get(0) + "' is HAProxy's (" + k.get(1)
                        + "): only the haproxy profile has it");
            }
        }
        if (profile != Profile.HAPROXY) {
            return BalancerSpec.Haproxy.NONE;
        }
        final int retries = (int) b.integer(m.get("retries"), path + ".retries", "a number of retries from 0 to 100", 0,
                100, BalancerSpec.Haproxy.NONE.retries());
        final boolean redispatch = b.bool(m.get("redispatch"), path + ".redispatch", false);
        final long queue = b.duration(m.get("queue-timeout"), path + ".queue-timeout", connectTimeout);
        if (m.get("queue-timeout") != null && maxconn.stream().allMatch(x -> x == 0)) {
            b.error(m.get("queue-timeout").loc(), path + ".queue-timeout", "no backend has a maxconn, so no"
                    + " connection ever waits in the queue: give a backend one, like {address: 10.1.1.10, maxconn: 50}");
        }
        return new BalancerSpec.Haproxy(retries, redispatch, queue, maxconn, check(m.get("health-check"),
                path + ".health-check"));
    }

    /** {@code health-check}: HAProxy's {@code check} with its {@code port}, {@code inter}, {@code rise} and {@code fall}. */
    private BalancerSpec.HealthCheck check(final Node n, final String path) {
        if (n == null) {
            return null;
        }
        final Tree.Map m = b.map(n, path, "health checks {port, interval, rise, fall, ...}", CHECK_KEYS);
        if (m == null) {
            return null;
        }
        // HAProxy 2.6.12 refuses 'server s1 10.1.1.10 check' without a port: "server 's1' has neither
        // service port nor check port"; a backend here serves several ports, so the check names one
        final Node pn = b.required(m, path, "port", "the port HAProxy checks, like 21 ('check port 21')");
        final int port = pn == null ? 0 : (int) b.integer(pn, path + ".port", "a port from 1 to 65535", 1, 65535, 0);
        final long inter = b.duration(m.get("interval"), path + ".interval", 2_000_000_000L);
        final long fast = b.duration(m.get("fast-interval"), path + ".fast-interval", 0);
        final long down = b.duration(m.get("down-interval"), path + ".down-interval", 0);
        for (final String k : List.of("interval", "fast-interval", "down-interval")) {
            if (m.get(k) instanceof Tree.Scalar sc && sc.text().strip().matches("0+(\\.0*)?[a-z]*")) {
                // HAProxy: "invalid value 0 for argument 'inter'" (srv_parse_check_inter: delay <= 0)
                b.error(m.get(k).loc(), path + "." + k, "0 would check without pause: give a duration above 0, like 2s");
            }
        }
        // "rise"/"fall": "'%s' has to be > 0" (srv_parse_check_rise, srv_parse_check_fall)
        final int rise = (int) b.integer(m.get("rise"), path + ".rise", "a count from 1 to 1000", 1, 1000, 2);
        final int fall = (int) b.integer(m.get("fall"), path + ".fall", "a count from 1 to 1000", 1, 1000, 3);
        String expect = null;
        if (m.get("expect") != null) {
            expect = b.text(m.get("expect"), path + ".expect", "the text the server's greeting holds, like \"220\"");
            if (expect != null && (expect.isEmpty() || expect.length() > 256
                    || expect.chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e))) {
                b.error(m.get("expect").loc(), path + ".expect", "expected 1 to 256 printable ASCII characters, like"
                        + " \"220\" (tcp-check expect string 220)");
                expect = null;
            }
        }
        return port == 0 ? null : new BalancerSpec.HealthCheck(port, inter, fast, down, rise, fall, expect);
    }

    /** {@code persistence}: a duration, or true for what {@code ipvsadm -p} without a timeout gives, 360 s. */
    private long persistence(final Node n, final String path) {
        if (n instanceof Tree.Scalar sc && ("true".equals(sc.text().trim()) || "false".equals(sc.text().trim()))) {
            // -p without a value: parse_timeout (ipvsadm.c) returns IPVS_SVC_PERSISTENT_TIMEOUT,
            // (6*60) in libipvs/libipvs.h; ipvsadm(8) says 300 seconds, the code gives 360
            return b.bool(n, path, false) ? 360_000_000_000L : 0;
        }
        return b.duration(n, path, 0);
    }

    /**
     * {@code ftp-helper}: true loads ip_vs_ftp as it comes (ports=21), a list of ports as
     * {@code modprobe ip_vs_ftp ports=21,2121}; false or absent: not loaded.
     */
    private List<Integer> ftpHelper(final Node n, final String path, final Profile profile) {
        if (n == null) {
            return List.of();
        }
        final List<Integer> out = new ArrayList<>();
        if (n instanceof Tree.Seq s) {
            if (s.items().isEmpty()) {
                b.error(n.loc(), path, "no ports: expected true, or the control ports the helper watches, like [21]");
            } else if (s.items().size() > 8) {
                // ip_vs_ftp.c: ports[IP_VS_APP_MAX_PORTS], and IP_VS_APP_MAX_PORTS is 8 (ip_vs.h)
                b.error(n.loc(), path, s.items().size() + " ports: ip_vs_ftp takes at most 8 (IP_VS_APP_MAX_PORTS)");
                return List.of();
            }
            for (int i = 0; i < s.items().size(); i++) {
                final int port = (int) b.integer(s.items().get(i), Binder.index(path, i), "a port from 1 to 65535", 1,
                        65535, 0);
                if (port > 0 && out.contains(port)) {
                    b.error(s.items().get(i).loc(), Binder.index(path, i), "port " + port + " is listed twice");
                } else if (port > 0) {
                    out.add(port);
                }
            }
        } else if (b.bool(n, path, false)) {
            out.add(21); // ip_vs_ftp.c: static unsigned short ports[IP_VS_APP_MAX_PORTS] = {21, 0};
        }
        if (profile != Profile.LVS && !out.isEmpty()) {
            b.error(n.loc(), path, "the IPVS FTP helper (ip_vs_ftp) is LVS's: only the lvs profile has it");
            return List.of();
        }
        return out;
    }

    private List<int[]> ports(final Node n, final String path) {
        final List<int[]> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        final List<Node> items = n instanceof Tree.Seq s ? s.items() : List.of(n);
        if (items.isEmpty()) {
            b.error(n.loc(), path, "no front ports: expected at least one port or port range, like [21, 30000-30100]");
        }
        final FtpBinder ranges = new FtpBinder(b, net);
        for (int i = 0; i < items.size(); i++) {
            final FtpSpec.PortRange r = ranges.portRange(items.get(i), n instanceof Tree.Seq ? Binder.index(path, i) : path);
            if (r != null) {
                out.add(new int[] {r.min(), r.max()});
            }
        }
        return out;
    }

    private void backends(final Node n, final String path, final List<Integer> out, final List<Integer> down,
            final List<Integer> weights, final List<Integer> maxconn, final Profile profile) {
        if (n == null) {
            return;
        }
        final Tree.Seq s = b.seq(n, path, "a list of backends: addresses, or {address, down, weight}");
        if (s != null && s.items().isEmpty()) {
            b.error(n.loc(), path, "no backends: expected at least one backend address");
        }
        for (int i = 0; s != null && i < s.items().size(); i++) {
            final Node item = s.items().get(i);
            final String ip = Binder.index(path, i);
            Node an = item;
            int weight = 1; // ipvsadm -a without -w
            int limit = 0;
            if (item instanceof Tree.Map) {
                final Tree.Map x = b.map(item, ip, "a backend {address, down, weight, maxconn}", BACKEND_KEYS);
                if (x == null) {
                    continue;
                }
                an = b.required(x, ip, "address", "the backend's address");
                if (b.bool(x.get("down"), ip + ".down", false)) {
                    down.add(out.size());
                }
                if (x.get("weight") != null && profile != Profile.LVS) {
                    b.error(x.get("weight").loc(), ip + ".weight", "weights (ipvsadm -w) are LVS's: only the lvs"
                            + " profile has them");
                } else {
                    // ipvsadm: "-w ... a value from 0 to 65535"; 0 quiesces the real server
                    weight = (int) b.integer(x.get("weight"), ip + ".weight", "a weight from 0 to 65535", 0, 65535, 1);
                }
                if (x.get("maxconn") != null && profile != Profile.HAPROXY) {
                    b.error(x.get("maxconn").loc(), ip + ".maxconn", "maxconn is HAProxy's (on its server line): only"
                            + " the haproxy profile has it");
                } else {
                    // configuration.txt, maxconn: "The default value is "0" which means unlimited"
                    limit = (int) b.integer(x.get("maxconn"), ip + ".maxconn", "a connection limit from 0 (none) to"
                            + " 1000000", 0, 1_000_000, 0);
                }
            }
            final int a = an == null ? 0 : b.address(an, an == item ? ip : ip + ".address");
            if (an != null && a == 0 && unspecified(an)) {
                b.error(an.loc(), an == item ? ip : ip + ".address", "0.0.0.0 is the unspecified address: it cannot be"
                        + " a backend");
            }
            if (a != 0 && out.contains(a)) {
                b.error(item.loc(), ip, "backend " + dev.ftpsim.core.net.Ipv4.format(a) + " is listed twice");
            } else if (a != 0) {
                out.add(a);
                weights.add(weight);
                maxconn.add(limit);
            }
        }
    }

    /** Whether an address that parsed to 0 was written as 0.0.0.0 (not a mistake already reported). */
    private static boolean unspecified(final Node n) {
        return n instanceof Tree.Scalar sc && "0.0.0.0".equals(sc.text().trim());
    }
}
