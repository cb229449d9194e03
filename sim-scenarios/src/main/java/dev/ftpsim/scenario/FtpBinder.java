package dev.ftpsim.scenario;

import dev.ftpsim.core.units.Units;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ClientOptions.PasvPolicy;
import dev.ftpsim.scenario.FtpSpec.Arrivals;
import dev.ftpsim.scenario.FtpSpec.SizeDist;
import dev.ftpsim.scenario.FtpSpec.Step;
import dev.ftpsim.scenario.Tree.Entry;
import dev.ftpsim.scenario.Tree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code ftp} block: servers, client populations, their scripts and arrival processes. */
final class FtpBinder {
    static final List<String> KEYS = List.of("server", "servers", "clients");
    static final List<String> SERVER_KEYS = List.of("host", "port", "profile", "passive-ports", "pasv-address",
            "connect-from-port-20", "anonymous-write", "idle-timeout", "data-timeout", "max-sessions", "tls", "ccc", "files",
            "port-promiscuous", "pasv-promiscuous", "anonymous", "local-enable", "users", "connect-timeout", "accept-timeout",
            "no-transfer-timeout", "epsv-eprt");
    static final List<String> USER_KEYS = List.of("name", "password", "home");
    static final List<String> CLIENT_KEYS = List.of("name", "host", "server", "port", "profile", "mode",
            "pasv-address-policy", "active-port", "sessions", "arrivals", "script", "keepalive", "tcp-keepalive", "reply-timeout", "tls", "ccc",
            "connect-timeout", "max-time", "max-retries", "reconnect-interval-base", "reconnect-interval-multiplier",
            "reconnect-interval-max");
    /** The client keys that are lftp's own settings (net:...): no other profile retries so. */
    static final List<String> LFTP_KEYS = List.of("max-retries", "reconnect-interval-base",
            "reconnect-interval-multiplier", "reconnect-interval-max");
    static final List<String> MODES = List.of("active", "passive", "port", "eprt", "pasv", "epsv");
    static final List<String> POLICIES = List.of("ignore", "trust", "trust-unless-private");
    static final List<String> ACTIVE_PORTS = List.of("ephemeral", "classic");
    static final List<String> STEPS = List.of("login", "get", "put", "list", "nlst", "cd", "wait");
    static final String ARRIVALS = "'at 0s', 'uniform 0-1s', 'poisson 10/s' or 'every 100ms'";
    static final String SIZE_DIST = "a size like 10MB, 'uniform 1MB-10MB', 'exponential 5MB' or 'lognormal 1MB 1.5'";

    private final Binder b;
    private final NetworkBinder net;

    FtpBinder(final Binder b, final NetworkBinder net) {
        this.b = b;
        this.net = net;
    }

    FtpSpec bind(final Node node) {
        if (node == null) {
            return new FtpSpec(List.of(), List.of());
        }
        final Tree.Map m = b.map(node, "ftp", "a mapping {server, clients}", KEYS);
        if (m == null) {
            return new FtpSpec(List.of(), List.of());
        }
        final List<FtpSpec.Server> servers = new ArrayList<>();
        if (m.get("server") != null && m.get("servers") != null) {
            b.error(m.entry("servers").keyLoc(), "ftp.servers", "write either 'server' (one) or 'servers' (a list)");
        }
        if (m.get("server") != null) {
            add(servers, server(m.get("server"), "ftp.server"));
        } else if (m.get("servers") != null) {
            final Tree.Seq s = b.seq(m.get("servers"), "ftp.servers", "a list of servers {host, profile, ...}");
            for (int i = 0; s != null && i < s.items().size(); i++) {
                add(servers, server(s.items().get(i), Binder.index("ftp.servers", i)));
            }
        }
        final boolean allRead = m.get("servers") instanceof Tree.Seq q && q.items().size() == servers.size();
        for (int i = 1; allRead && i < servers.size(); i++) {
            final FtpSpec.Server x = servers.get(i);
            if (servers.subList(0, i).stream().anyMatch(y -> y.host().equals(x.host()) && y.port() == x.port())) {
                final Node sn = ((Tree.Seq) m.get("servers")).items().get(i);
                b.error(sn.loc(), Binder.index("ftp.servers", i), "a second server on " + x.host() + " port " + x.port()
                        + ": give it another port");
            }
        }
        final List<FtpSpec.Clients> clients = new ArrayList<>();
        if (m.get("clients") != null) {
            final Tree.Seq s = b.seq(m.get("clients"), "ftp.clients", "a list of client populations {host, mode,"
                    + " sessions, ...}");
            for (int i = 0; s != null && i < s.items().size(); i++) {
                add(clients, clients(s.items().get(i), Binder.index("ftp.clients", i), servers, m));
            }
        }
        return new FtpSpec(servers, named(clients, m.get("clients") instanceof Tree.Seq q ? q : null));
    }

    /**
     * Names each population without a {@code name}: its host, or on a host with several
     * populations {@code <host>-<n>} in file order; a name used twice is an error at its key.
     */
    private List<FtpSpec.Clients> named(final List<FtpSpec.Clients> clients, final Tree.Seq items) {
        final Map<String, Integer> perHost = new LinkedHashMap<>();
        clients.forEach(c -> perHost.merge(c.host(), 1, Integer::sum));
        final java.util.Set<String> seen = new java.util.HashSet<>();
        final List<FtpSpec.Clients> out = new ArrayList<>();
        final Map<String, Integer> nth = new LinkedHashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            FtpSpec.Clients c = clients.get(i);
            final int n = nth.merge(c.host(), 1, Integer::sum);
            if (c.name() == null) {
                c = c.withName(perHost.get(c.host()) == 1 ? c.host() : c.host() + "-" + n);
            }
            if (!seen.add(c.name()) && items != null && items.items().size() == clients.size()) {
                final Node item = items.items().get(i);
                final Tree.Entry e = item instanceof Tree.Map m ? m.entry("name") : null;
                b.error(e != null ? e.keyLoc() : item.loc(), Binder.index("ftp.clients", i) + ".name",
                        "a second client population named '" + c.name() + "' (sessions are named <population>#<k>):"
                                + " give it another 'name'");
            }
            out.add(c);
        }
        return out;
    }

    private static <T> void add(final List<T> list, final T item) {
        if (item != null) {
            list.add(item);
        }
    }

    // ------------------------------------------------------------------ servers

    private FtpSpec.Server server(final Node n, final String path) {
        final Tree.Map m = b.map(n, path, "a server {host, profile, passive-ports, files, ...}", SERVER_KEYS);
        if (m == null) {
            return null;
        }
        final Node hn = b.required(m, path, "host", "the host the server runs on");
        final String host = hn == null ? null : singleHost(hn, path + ".host");
        final int port = (int) b.integer(m.get("port"), path + ".port", "a port from 1 to 65535", 1, 65535, 21);
        final String profile = b.choice(m.get("profile"), path + ".profile", "server profile", ServerProfiles.NAMES,
                "vsftpd");
        final FtpSpec.PortRange pasv = m.get("passive-ports") == null ? null
                : portRange(m.get("passive-ports"), path + ".passive-ports");
        final Integer pasvAddress = m.get("pasv-address") == null ? null : b.address(m.get("pasv-address"),
                path + ".pasv-address");
        final Boolean port20 = b.optBool(m.get("connect-from-port-20"), path + ".connect-from-port-20");
        final Boolean anonWrite = b.optBool(m.get("anonymous-write"), path + ".anonymous-write");
        final Long idle = positive(m.get("idle-timeout"), path + ".idle-timeout");
        final Long data = positive(m.get("data-timeout"), path + ".data-timeout");
        final Integer maxSessions = m.get("max-sessions") == null ? null : (int) b.integer(m.get("max-sessions"),
                path + ".max-sessions", "a number of sessions, 0 for unlimited", 0, Integer.MAX_VALUE, 0);
        final Boolean tls = b.optBool(m.get("tls"), path + ".tls");
        final Boolean ccc = cccNeedsTls(m, path, tls);
        final Boolean localEnable = b.optBool(m.get("local-enable"), path + ".local-enable");
        if (localEnable != null && profile != null && !"vsftpd".equals(profile)) {
            b.error(m.get("local-enable").loc(), path + ".local-enable",
                    "local-enable is vsftpd's local_enable; the " + profile + " profile has no such setting");
        }
        final FtpSpec.Access access = new FtpSpec.Access(b.optBool(m.get("port-promiscuous"), path + ".port-promiscuous"),
                b.optBool(m.get("pasv-promiscuous"), path + ".pasv-promiscuous"),
                b.optBool(m.get("anonymous"), path + ".anonymous"), localEnable, users(m.get("users"), path + ".users"),
                positive(m.get("connect-timeout"), path + ".connect-timeout"),
                positive(m.get("accept-timeout"), path + ".accept-timeout"),
                b.optDuration(m.get("no-transfer-timeout"), path + ".no-transfer-timeout"),
                b.optBool(m.get("epsv-eprt"), path + ".epsv-eprt"));
        final Map<String, Long> files = new LinkedHashMap<>();
        if (m.get("files") != null) {
            final Tree.Map fm = b.map(m.get("files"), path + ".files", "a mapping of paths to sizes, like"
                    + " {/pub/big.bin: 100MB}", null);
            for (final Entry e : fm == null ? List.<Entry>of() : fm.entries()) {
                final String fp = path + ".files." + e.key();
                if (!e.key().startsWith("/")) {
                    b.error(e.keyLoc(), fp, "file path '" + e.key() + "' must be absolute, like /pub/" + e.key());
                }
                files.put(e.key(), b.size(e.value(), fp, 0));
            }
        }
        return host == null ? null : new FtpSpec.Server(host, port, profile, pasv, pasvAddress, port20, anonWrite,
                idle, data, maxSessions, tls, ccc, files, access);
    }

    /** {@code users: [{name, password, home}]}: accounts that log in with USER and PASS. */
    private List<FtpSpec.User> users(final Node n, final String path) {
        final List<FtpSpec.User> out = new ArrayList<>();
        final Tree.Seq s = n == null ? null : b.seq(n, path, "a list of accounts {name, password, home}");
        for (int i = 0; s != null && i < s.items().size(); i++) {
            final String up = Binder.index(path, i);
            final Tree.Map um = b.map(s.items().get(i), up, "an account {name, password, home}", USER_KEYS);
            if (um == null) {
                continue;
            }
            final Node nn = b.required(um, up, "name", "the user name sent with USER");
            final Node pn = b.required(um, up, "password", "the password sent with PASS");
            final String name = nn == null ? null : b.text(nn, up + ".name", "a user name");
            final String pass = pn == null ? null : b.text(pn, up + ".password", "a password");
            final String home = b.text(um.get("home"), up + ".home", "an absolute path like /home/alice", "/");
            if (name != null && (name.isBlank() || name.chars().anyMatch(c -> c <= ' '))) {
                b.error(nn.loc(), up + ".name", "a user name is one word without spaces");
            } else if (name != null && out.stream().anyMatch(u -> u.name().equals(name))) {
                b.error(nn.loc(), up + ".name", "a second account named '" + name + "'");
            } else if (!home.startsWith("/")) {
                b.error(um.get("home").loc(), up + ".home", "home '" + home + "' must be absolute, like /" + home);
            } else if (name != null && pass != null) {
                out.add(new FtpSpec.User(name, pass, home));
            }
        }
        return out;
    }

    /** {@code ccc}, which only means something after AUTH TLS (RFC 4217 section 6). */
    private Boolean cccNeedsTls(final Tree.Map m, final String path, final Boolean tls) {
        final Boolean ccc = b.optBool(m.get("ccc"), path + ".ccc");
        if (Boolean.TRUE.equals(ccc) && !Boolean.TRUE.equals(tls)) {
            b.error(m.get("ccc").loc(), path + ".ccc", "ccc clears a TLS-protected control connection: it needs"
                    + " tls: true");
        }
        return ccc;
    }

    /** lftp's net:reconnect-interval-multiplier: a number from 1 (a constant interval) to 100. */
    private Double multiplier(final Node n, final String path) {
        if (n == null) {
            return null;
        }
        final String what = "a number from 1 to 100, like 1.5";
        if (!(n instanceof Tree.Scalar s) || s.kind() != Tree.Kind.INT && s.kind() != Tree.Kind.FLOAT) {
            b.error(n.loc(), path, "expected " + what + ", got " + n.describe());
            return null;
        }
        final double v;
        try {
            v = Double.parseDouble(s.text());
        } catch (final NumberFormatException e) {
            b.error(n.loc(), path, "'" + s.text() + "' is not a number: expected " + what);
            return null;
        }
        if (!(v >= 1 && v <= 100)) {
            b.error(n.loc(), path, s.text() + " is out of range: expected " + what);
            return null;
        }
        return v;
    }

    private Long positive(final Node n, final String path) {
        final Long v = b.optDuration(n, path);
        if (v != null && v == 0) {
            b.error(n.loc(), path, "a timeout must be above 0");
        }
        return v;
    }

    FtpSpec.PortRange portRange(final Node n, final String path) {
        final String what = "a port range like 30000-30100";
        final String t = b.text(n, path, what);
        if (t == null) {
            return null;
        }
        final String[] p = t.strip().split("\\s*-\\s*", -1);
        try {
            final int lo = Integer.parseInt(p[0]);
            final int hi = Integer.parseInt(p.length == 2 ? p[1] : p[0]);
            if (p.length > 2 || lo < 1 || hi > 65535) {
                b.error(n.loc(), path, "bad port range '" + t + "': expected " + what + ", ports from 1 to 65535");
                return null;
            }
            if (lo > hi) {
                b.error(n.loc(), path, "port range " + t + " is reversed: its start is above its end");
                return null;
            }
            return new FtpSpec.PortRange(lo, hi);
        } catch (final NumberFormatException e) {
            b.error(n.loc(), path, "bad port range '" + t + "': expected " + what);
            return null;
        }
    }

    /** A single host's name (not a group, not a router). */
    private String singleHost(final Node n, final String path) {
        final String t = b.text(n, path, "a host name");
        if (t == null) {
            return null;
        }
        final HostSpec h = net.hosts.get(t);
        if (h instanceof HostSpec.Single) {
            return t;
        }
        b.error(n.loc(), path, h != null ? "'" + t + "' is a host group: a server runs on one host"
                : net.routers.containsKey(t) ? "'" + t + "' is a router: a server runs on a host"
                : b.unknown("host", t, List.copyOf(net.hosts.keySet())));
        return null;
    }

    // ------------------------------------------------------------------ clients

    private FtpSpec.Clients clients(final Node n, final String path, final List<FtpSpec.Server> servers,
            final Tree.Map ftp) {
        final Tree.Map m = b.map(n, path, "a client population {host, mode, sessions, arrivals, script, ...}",
                CLIENT_KEYS);
        if (m == null) {
            return null;
        }
        final String name = m.get("name") == null ? null : b.text(m.get("name"), path + ".name", "a population name");
        if (name != null && !name.matches("[A-Za-z0-9_-]{1,64}")) {
            b.error(m.get("name").loc(), path + ".name", "'" + name + "' is not a population name: expected 1 to 64"
                    + " letters, digits, '-' or '_'");
        }
        final Node hn = b.required(m, path, "host", "a host, host group or router");
        String host = hn == null ? null : b.text(hn, path + ".host", "a host, host group or router");
        if (host != null && !net.hosts.containsKey(host) && !net.routers.containsKey(host)) {
            b.error(hn.loc(), path + ".host", b.unknown("host", host, net.nodeNames()));
            host = null;
        }
        int dial = 0;
        String dial6 = null;
        FtpSpec.Server target = servers.size() == 1 ? servers.get(0) : null;
        final Node sn = m.get("server");
        if (sn != null) {
            final String s = b.text(sn, path + ".server", "a server's host name, an IPv4 or an IPv6 address");
            if (s != null && dev.ftpsim.core.net.Ipv6.looksLike(s)) {
                dial6 = b.address6(sn, path + ".server");
                target = null;
                if (dial6 != null && host != null && !net.wroteAddress6.contains(host)) {
                    b.error(sn.loc(), path + ".server", "host '" + host + "' has no IPv6 address to dial " + dial6
                            + " from: give it 'address6'");
                }
            } else if (s != null && s.matches("[0-9.]+")) {
                dial = b.address(sn, path + ".server");
                target = null;
            } else if (s != null) {
                // The server on that host, on the dialled port when there are several there.
                final Node pn = m.get("port");
                final Integer dialled = pn instanceof Tree.Scalar sc && sc.kind() == Tree.Kind.INT
                        && sc.text().matches("\\d{1,5}") ? Integer.valueOf(sc.text()) : null;
                target = servers.stream().filter(x -> x.host().equals(s) && (dialled == null || x.port() == dialled))
                        .findFirst().orElse(servers.stream().filter(x -> x.host().equals(s)).findFirst().orElse(null));
                if (target == null) {
                    final List<String> hosts = servers.stream().map(FtpSpec.Server::host).toList();
                    final String near = b.nearest(s, hosts);
                    b.error(sn.loc(), path + ".server", "no FTP server runs on '" + s + "'"
                            + (near == null ? "" : " (did you mean '" + near + "'?)") + "; expected the host of a"
                            + " server (" + Binder.listed(hosts) + ") or an IPv4 or IPv6 address to dial");
                }
            }
        } else if (servers.isEmpty() && ftp.get("server") == null && ftp.get("servers") == null) {
            b.error(m.loc(), path, "no FTP server to dial: add ftp.server, or a 'server' address here");
        } else if (servers.size() > 1) {
            b.error(m.loc(), path, "missing key 'server': there are " + servers.size() + " servers, name one");
        }
        if (target != null && net.hosts.get(target.host()) instanceof HostSpec.Single h) {
            dial = h.address().address();
        }
        final int port = (int) b.integer(m.get("port"), path + ".port", "a port from 1 to 65535", 1, 65535,
                target != null ? target.port() : 21);
        final String profile = b.choice(m.get("profile"), path + ".profile", "client profile", ClientProfiles.NAMES,
                "curl");
        final String mode = b.choice(m.get("mode"), path + ".mode", "mode", MODES, null);
        if (mode != null && "windows-ftp".equals(profile) && !mode(mode).active()) {
            // ftp.exe has no passive command at all; the scenario would silently run PORT.
            b.error(m.get("mode").loc(), path + ".mode", "windows-ftp has no passive mode: expected active, port or"
                    + " eprt, or another profile");
        }
        final String policy = b.choice(m.get("pasv-address-policy"), path + ".pasv-address-policy",
                "pasv-address-policy", POLICIES, null);
        final String active = b.choice(m.get("active-port"), path + ".active-port", "active-port", ACTIVE_PORTS, null);
        final int sessions = (int) b.integer(m.get("sessions"), path + ".sessions",
                "a number of sessions from 0 to 100000000", 0, 100_000_000, 1);
        final Arrivals arrivals = arrivals(m.get("arrivals"), path + ".arrivals");
        final List<Step> script = script(m.get("script"), path + ".script", m,
                target != null ? target : servers.size() == 1 ? servers.get(0) : null);
        final Long keepalive = b.optDuration(m.get("keepalive"), path + ".keepalive");
        final Long reply = b.optDuration(m.get("reply-timeout"), path + ".reply-timeout");
        final Long tcpKeepalive = b.optDuration(m.get("tcp-keepalive"), path + ".tcp-keepalive");
        final Boolean tls = b.optBool(m.get("tls"), path + ".tls");
        final Boolean ccc = cccNeedsTls(m, path, tls);
        for (final String k : LFTP_KEYS) {
            if (m.get(k) != null && !"lftp".equals(profile)) {
                b.error(m.get(k).loc(), path + "." + k, k + " is lftp's net:" + k + ": only the lftp profile has it"
                        + " (this population's profile is " + profile + ")");
            }
        }
        final Integer maxRetries = m.get("max-retries") == null ? null : (int) b.integer(m.get("max-retries"),
                path + ".max-retries", "a number of tries from 0 (no limit, as lftp reads 0) to 1000000", 0, 1_000_000, 0);
        final FtpSpec.Limits limits = new FtpSpec.Limits(positive(m.get("connect-timeout"), path + ".connect-timeout"),
                positive(m.get("max-time"), path + ".max-time"), maxRetries,
                positive(m.get("reconnect-interval-base"), path + ".reconnect-interval-base"),
                multiplier(m.get("reconnect-interval-multiplier"), path + ".reconnect-interval-multiplier"),
                positive(m.get("reconnect-interval-max"), path + ".reconnect-interval-max"));
        return host == null ? null : new FtpSpec.Clients(name, host, dial, port, profile, mode(mode),
                policy == null ? null : PasvPolicy.valueOf(policy.replace('-', '_').toUpperCase(java.util.Locale.ROOT)),
                active == null ? null : ActivePort.valueOf(active.toUpperCase(java.util.Locale.ROOT)),
                sessions, arrivals, script, keepalive, reply, tcpKeepalive, Boolean.TRUE.equals(tls),
                Boolean.TRUE.equals(ccc), limits, dial6);
    }

    private static DataMode mode(final String m) {
        if (m == null) {
            return null;
        }
        return switch (m) {
            case "active", "port" -> DataMode.PORT;
            case "passive", "pasv" -> DataMode.PASV;
            case "eprt" -> DataMode.EPRT;
            default -> DataMode.EPSV;
        };
    }

    private Arrivals arrivals(final Node n, final String path) {
        if (n == null) {
            return new FtpSpec.At(0);
        }
        final String t = b.text(n, path, ARRIVALS);
        if (t == null) {
            return new FtpSpec.At(0);
        }
        final String[] w = t.strip().split("\\s+", 2);
        final String arg = w.length > 1 ? w[1].strip() : "";
        try {
            switch (w[0]) {
                case "at" -> {
                    return new FtpSpec.At(duration(arg));
                }
                case "every" -> {
                    final long iv = duration(arg);
                    if (iv == 0) {
                        throw new IllegalArgumentException("the interval must be above 0");
                    }
                    return new FtpSpec.Every(iv);
                }
                case "uniform" -> {
                    final int dash = arg.indexOf('-');
                    if (dash <= 0) {
                        throw new IllegalArgumentException("expected a range like 0-1s");
                    }
                    final String hi = arg.substring(dash + 1).strip();
                    String lo = arg.substring(0, dash).strip();
                    if (lo.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                        lo = lo + hi.replaceAll("^[0-9.]+", ""); // "0-1s": the unit is written once
                    }
                    final long a = duration(lo);
                    final long z = duration(hi);
                    if (a > z) {
                        throw new IllegalArgumentException("the range " + arg + " is reversed: its start is above"
                                + " its end");
                    }
                    return new FtpSpec.Uniform(a, z);
                }
                case "poisson" -> {
                    return new FtpSpec.Poisson(perSecond(arg));
                }
                default -> b.error(n.loc(), path, b.unknown("arrival process", w[0],
                        List.of("at", "uniform", "poisson", "every")) + " (as in " + ARRIVALS + ")");
            }
        } catch (final IllegalArgumentException e) {
            b.error(n.loc(), path, "bad arrivals '" + t + "': " + e.getMessage());
        }
        return new FtpSpec.At(0);
    }

    private static long duration(final String s) {
        return s.equals("0") ? 0 : Binder.bounded(Units.parseDuration(s), s);
    }

    /** "10/s", "600/min", "2/h" as sessions per second. */
    private static double perSecond(final String s) {
        final String[] p = s.split("/", -1);
        final String what = "expected a rate like 10/s, 600/min or 2/h";
        if (p.length != 2) {
            throw new IllegalArgumentException(what);
        }
        final double per = switch (p[1].strip()) {
            case "s" -> 1;
            case "min" -> 60;
            case "h" -> 3600;
            default -> throw new IllegalArgumentException("unknown unit '/" + p[1].strip() + "': " + what);
        };
        final double v;
        try {
            v = Double.parseDouble(p[0].strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("'" + p[0].strip() + "' is not a number: " + what);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("the rate must be above 0");
        }
        return v / per;
    }

    // ------------------------------------------------------------------ scripts

    private List<Step> script(final Node n, final String path, final Tree.Map client, final FtpSpec.Server target) {
        final List<Step> out = new ArrayList<>();
        if (n == null) {
            // Pleasant default: fetch the server's first file.
            out.add(new FtpSpec.Login("anonymous", "guest@"));
            if (target != null && !target.files().isEmpty()) {
                out.add(new FtpSpec.Get(target.files().keySet().iterator().next()));
            }
            return out;
        }
        final Tree.Seq s = b.seq(n, path, "a list of steps, like [login anonymous, get /pub/big.bin]");
        List<String> files = null; // the target's files, listed once for all the steps that miss one
        for (int i = 0; s != null && i < s.items().size(); i++) {
            final Node sn = s.items().get(i);
            final String sp = Binder.index(path, i);
            final String t = b.text(sn, sp, "a step: login, get, put, list, nlst, cd or wait");
            if (t != null) {
                final Step step = step(sn, sp, t.strip());
                if (step instanceof FtpSpec.Wait && out.stream().noneMatch(FtpSpec.Login.class::isInstance)) {
                    // A pause between commands of a logged-in user: the login time stays the login's.
                    b.error(sn.loc(), sp, "'wait' pauses between commands after a login: put a 'login' step first");
                }
                add(out, step);
                if (step instanceof FtpSpec.Get g && target != null && g.path().startsWith("/")
                        && !target.files().containsKey(g.path())) {
                    // A typo here would only show as 550 replies after the whole run.
                    files = files != null ? files : List.copyOf(target.files().keySet());
                    final String near = b.nearest(g.path(), files);
                    b.error(sn.loc(), sp, "the server on " + target.host() + " has no file " + g.path()
                            + (near == null ? "" : " (did you mean '" + near + "'?)") + "; it serves "
                            + (files.isEmpty() ? "no files: add them under ftp.server.files" : Binder.listed(files)));
                }
            }
        }
        return out;
    }

    private Step step(final Node n, final String path, final String t) {
        final String[] w = t.split("\\s+");
        final String usage = switch (w[0]) {
            case "login" -> "'login anonymous' or 'login USER PASSWORD'";
            case "get" -> "'get PATH'";
            case "put" -> "'put PATH SIZE' with SIZE " + SIZE_DIST;
            case "list", "nlst" -> "'" + w[0] + " PATH'";
            case "cd" -> "'cd PATH'";
            case "wait" -> "'wait DURATION', like 'wait 30s'";
            default -> null;
        };
        if (usage == null) {
            b.error(n.loc(), path, b.unknown("step", w[0], STEPS));
            return null;
        }
        final boolean ok = switch (w[0]) {
            case "login" -> w.length == 2 && w[1].equals("anonymous") || w.length == 3;
            case "get", "cd", "wait" -> w.length == 2;
            case "list", "nlst" -> w.length <= 2;
            default -> w.length >= 3;
        };
        if (!ok) {
            b.error(n.loc(), path, "bad step '" + t + "': expected " + usage);
            return null;
        }
        return switch (w[0]) {
            case "login" -> new FtpSpec.Login(w[1], w.length == 3 ? w[2] : "guest@");
            case "get" -> new FtpSpec.Get(w[1]);
            case "cd" -> new FtpSpec.Cwd(w[1]);
            case "wait" -> waitStep(n, path, t, w[1]);
            case "list", "nlst" -> new FtpSpec.ListDir(w.length == 2 ? w[1] : ".", w[0].equals("nlst"));
            default -> {
                final SizeDist d = sizeDist(n, path, t, java.util.Arrays.copyOfRange(w, 2, w.length));
                yield d == null ? null : new FtpSpec.Put(w[1], d);
            }
        };
    }

    /** {@code wait DURATION}: a duration above 0. */
    private Step waitStep(final Node n, final String path, final String t, final String d) {
        try {
            final long nanos = duration(d);
            if (nanos > 0) {
                return new FtpSpec.Wait(nanos);
            }
        } catch (final IllegalArgumentException e) {
            // reported below
        }
        b.error(n.loc(), path, "bad step '" + t + "': expected 'wait DURATION' with a duration above 0, like 'wait 30s'");
        return null;
    }

    private SizeDist sizeDist(final Node n, final String path, final String t, final String[] w) {
        try {
            if (w.length == 1) {
                return new FtpSpec.Fixed(size(w[0]));
            }
            switch (w[0]) {
                case "uniform" -> {
                    final String[] r = w.length == 2 ? w[1].split("-", -1) : new String[0];
                    if (r.length == 2) {
                        final long lo = size(r[0]);
                        final long hi = size(r[1]);
                        if (lo > hi) {
                            throw new IllegalArgumentException("the range " + w[1] + " is reversed");
                        }
                        return new FtpSpec.UniformSize(lo, hi);
                    }
                }
                case "exponential" -> {
                    if (w.length == 2) {
                        return new FtpSpec.Exponential(size(w[1]));
                    }
                }
                case "lognormal" -> {
                    if (w.length == 3) {
                        final double sigma = Double.parseDouble(w[2]);
                        if (!(sigma >= 0)) {
                            throw new IllegalArgumentException("sigma must be 0 or more");
                        }
                        return new FtpSpec.LogNormal(size(w[1]), sigma);
                    }
                }
                default -> {
                    // reported below
                }
            }
            b.error(n.loc(), path, "bad step '" + t + "': expected " + SIZE_DIST);
        } catch (final IllegalArgumentException e) {
            b.error(n.loc(), path, "bad step '" + t + "': " + e.getMessage());
        }
        return null;
    }

    private static long size(final String s) {
        return s.equals("0") ? 0 : Units.parseSize(s);
    }
}
