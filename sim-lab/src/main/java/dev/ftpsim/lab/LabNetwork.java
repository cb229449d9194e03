package dev.ftpsim.lab;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.HostSpec;
import dev.ftpsim.scenario.LinkSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.TcpSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's hosts and router as Linux network namespaces joined by veth pairs, with the
 * scenario's addresses, routes and nftables ruleset, and a counting table of the router's own.
 *
 * <p>Everything it creates is named {@code ftpsimlab-<pid>-<n>-<node>}, created inside those
 * namespaces (a veth is born in one namespace with its peer in the other, so no interface ever
 * appears on the host), and removed by name on {@link #close()}; the processes it started are
 * killed by PID. A shutdown hook closes whatever a dying JVM left open, and namespaces of a JVM
 * that no longer runs are removed before a new network is built.
 */
public final class LabNetwork implements AutoCloseable {
    /** The prefix of every namespace the lab creates. */
    public static final String PREFIX = "ftpsimlab-";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<LabNetwork> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern COUNTER = Pattern.compile("counter (\\S+) \\{\\s*packets (\\d+) bytes");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LabNetwork::close), "lab-teardown"));
    }

    /**
     * Counts the SYNs of data connections as the connection tracking of the firewall's node (the
     * router, or a host whose own firewall the scenario gives) classified them.
     * Prerouting at -150 runs after conntrack (-200) has looked up expectations and before NAT
     * (-100) and any filter, so it sees every SYN that arrives, whatever later drops it. The
     * control port (the server's and the one clients dial) is left out by {@code return}s: nft 1.0.6 merges the adjacent matches
     * {@code tcp sport != 21 tcp dport != 21} into one comparison of both ports, which lets a
     * control SYN through (measured here). Output at -150 counts alike the SYNs a firewall host
     * sends itself (a server's active data connection). The table is {@code inet}, so IPv6 SYNs
     * count alike (nf_conntrack tracks both families the same way).
     */
    private static final String COUNTING = """
            table inet ftpsimlab {
            	counter data-new { }
            	counter data-related { }
            	chain count {
            		tcp dport { %1$s } return
            		tcp sport { %1$s } return
            		tcp flags & (syn | ack) == syn ct state new counter name "data-new"
            		tcp flags & (syn | ack) == syn ct state related counter name "data-related"
            	}
            	chain count-in {
            		type filter hook prerouting priority -150; policy accept;
            		jump count
            	}
            	chain count-out {
            		type filter hook output priority -150; policy accept;
            		jump count
            	}
            }
            """;

    private final String prefix;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private String router;
    /** The node whose conntrack is asked about data SYNs: the firewall's, else the router. */
    private String counted;
    private boolean tracked;

    private LabNetwork() {
        this.prefix = PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-";
    }

    /**
     * Builds the scenario's network. {@code sysctls} maps a node to sysctls set in its namespace
     * beyond what the scenario says (e.g. {@code net.ipv4.tcp_syn_linear_timeouts}).
     *
     * @param dir the scenario file's folder, against which its {@code nft} path is resolved
     * @param controlPort the FTP control port, whose SYNs the counting table leaves out
     */
    public static LabNetwork build(final Scenario s, final Path dir, final Map<String, Map<String, String>> sysctls,
            final int controlPort) {
        removeStale();
        final LabNetwork n = new LabNetwork();
        OPEN.add(n);
        try {
            n.create(s, dir, sysctls, controlPort);
            return n;
        } catch (final RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void create(final Scenario s, final Path dir, final Map<String, Map<String, String>> sysctls,
            final int controlPort) {
        if (s.routers().size() != 1) {
            throw new LabException(s.name() + ": the lab builds one router, the scenario has " + s.routers().size());
        }
        final RouterSpec rs = s.routers().values().iterator().next();
        final boolean v6 = !rs.interfaces6().isEmpty();
        for (final HostSpec h : s.hosts().values()) {
            if (!(h instanceof HostSpec.Single)) {
                throw new LabException(s.name() + ": hosts." + h.name() + ": the lab builds single hosts, not groups");
            }
            namespace(h.name(), v6);
        }
        router = rs.name();
        namespace(router, v6);
        for (final LinkSpec l : s.links()) {
            // "name" and "dev" spelt out: ip takes a bare "b" (file 23's zone names) for "broadcast"
            Cmd.check("ip", "-n", ns(l.a().node()), "link", "add", "name", ifname(l.a()), "type", "veth", "peer", "name",
                    ifname(l.b()), "netns", ns(l.b().node()));
        }
        for (final HostSpec h : s.hosts().values()) {
            final HostSpec.Single host = (HostSpec.Single) h;
            address(host.name(), "eth0", host.address().toString());
            if (host.gateway() != 0) {
                Cmd.check("ip", "-n", ns(host.name()), "route", "add", "default", "via", Ipv4.format(host.gateway()));
            }
            if (host.address6() != null) {
                address6(host.name(), "eth0", host.address6());
            }
            if (host.gateway6() != null) {
                Cmd.check("ip", "-n", ns(host.name()), "-6", "route", "add", "default", "via", host.gateway6());
            }
        }
        rs.interfaces().forEach((name, cidr) -> address(router, name, cidr.toString()));
        rs.interfaces6().forEach((name, cidr) -> address6(router, name, cidr));
        for (final RouterSpec.Route r : rs.routes()) {
            Cmd.check("ip", "-n", ns(router), "route", "add", r.to().toString(), "via", Ipv4.format(r.via()));
        }
        for (final RouterSpec.Route6 r : rs.routes6()) {
            Cmd.check("ip", "-n", ns(router), "-6", "route", "add", r.to(), "via", r.via());
        }
        sysctl(router, "net.ipv4.ip_forward", "1");
        if (v6) {
            sysctl(router, "net.ipv6.conf.all.forwarding", "1");
        }
        s.tcp().forEach((node, tcp) -> tcp(node, tcp));
        sysctls.forEach((node, m) -> m.forEach((k, v) -> sysctl(node, k, v)));
        for (final FirewallSpec f : s.firewalls().values()) {
            firewall(f, dir);
        }
        counted = s.firewalls().isEmpty() ? router : s.firewalls().keySet().iterator().next();
        // The port clients dial too: before a port forward's dnat it is not the server's.
        final java.util.SortedSet<Integer> control = new java.util.TreeSet<>(Set.of(controlPort));
        if (s.ftp() != null) {
            s.ftp().clients().forEach(c -> control.add(c.port()));
        }
        nft(counted, COUNTING.formatted(String.join(", ", control.stream().map(String::valueOf).toList())));
    }

    /** A host's tcp block, as the sysctls it is named after. */
    private void tcp(final String node, final TcpSpec t) {
        if (t.initialRtoNanos() != null && t.initialRtoNanos() != 1_000_000_000L) {
            throw new LabException("hosts." + node + ".tcp.initial-rto: Linux's is 1 s (TCP_TIMEOUT_INIT), no sysctl sets it");
        }
        if (t.receiveBuffer() != null) {
            throw new LabException("hosts." + node + ".tcp.receive-buffer: the lab does not set SO_RCVBUF in curl or vsftpd");
        }
        if (t.synRetries() != null) {
            sysctl(node, "net.ipv4.tcp_syn_retries", String.valueOf(t.synRetries()));
        }
        if (t.synAckRetries() != null) {
            sysctl(node, "net.ipv4.tcp_synack_retries", String.valueOf(t.synAckRetries()));
        }
        // The SYN schedule of the scenario's kernel (or its tcp block), whatever this kernel's default.
        final TcpConfig c = t.config();
        sysctl(node, "net.ipv4.tcp_syn_linear_timeouts", String.valueOf(c.synLinearTimeouts()));
        if (t.retries2() != null) {
            sysctl(node, "net.ipv4.tcp_retries2", String.valueOf(t.retries2()));
        }
        if (t.keepaliveTimeNanos() != null || t.keepaliveIntervalNanos() != null || t.keepaliveProbes() != null) {
            sysctl(node, "net.ipv4.tcp_keepalive_time", String.valueOf(c.keepaliveIdleNanos() / 1_000_000_000L));
            sysctl(node, "net.ipv4.tcp_keepalive_intvl", String.valueOf(c.keepaliveIntervalNanos() / 1_000_000_000L));
            sysctl(node, "net.ipv4.tcp_keepalive_probes", String.valueOf(c.keepaliveProbes()));
        }
    }

    private void firewall(final FirewallSpec f, final Path dir) {
        if (!namespaces.containsKey(f.node())) {
            throw new LabException("firewall." + f.node() + ": no such host or router");
        }
        if (!f.interfaceNames().isEmpty()) {
            throw new LabException("firewall." + f.node() + ".interface-names: the lab names the interfaces as the rules do");
        }
        if (!f.conntrack().autoHelperPorts().isEmpty()) {
            // nf_conntrack_helper, the automatic assignment, was removed in Linux 6.0.
            throw new LabException("firewall." + f.node() + ".conntrack.auto-helper-ports: Linux 6.0 and later have no"
                    + " automatic helper assignment");
        }
        if (f.nftFile() != null) {
            Cmd.check("ip", "netns", "exec", ns(f.node()), "nft", "-f", dir.resolve(f.nftFile()).toString());
        } else if (f.iptablesFile() != null) {
            // iptables-nft (1.8.9 here) loads an iptables-save file as nftables tables ip filter, nat, ...
            Cmd.check("ip", "netns", "exec", ns(f.node()), "iptables-restore", dir.resolve(f.iptablesFile()).toString());
        } else {
            throw new LabException("firewall." + f.node() + ": the lab loads rulesets from a file (key 'nft' or 'iptables')");
        }
        tracked = f.stateful();
    }

    private void namespace(final String node, final boolean v6) {
        final String name = prefix + node;
        Cmd.check("ip", "netns", "add", name);
        namespaces.put(node, name);
        if (v6) {
            // Before any veth exists, so its link-local address is usable at once too: duplicate
            // address detection would hold every address tentative for about a second.
            sysctl(node, "net.ipv6.conf.all.accept_dad", "0");
            sysctl(node, "net.ipv6.conf.default.accept_dad", "0");
        }
        Cmd.check("ip", "-n", name, "link", "set", "lo", "up");
    }

    private void address(final String node, final String iface, final String cidr) {
        Cmd.check("ip", "-n", ns(node), "addr", "add", cidr, "dev", iface);
        Cmd.check("ip", "-n", ns(node), "link", "set", "dev", iface, "up");
    }

    /** An IPv6 address, usable at once ({@code nodad}: no duplicate address detection). */
    private void address6(final String node, final String iface, final String cidr) {
        Cmd.check("ip", "-n", ns(node), "-6", "addr", "add", cidr, "dev", iface, "nodad");
        Cmd.check("ip", "-n", ns(node), "link", "set", "dev", iface, "up");
    }

    private void sysctl(final String node, final String key, final String value) {
        if (key.equals("net.ipv4.tcp_syn_linear_timeouts") && value.equals("0")
                && !java.nio.file.Files.exists(Path.of("/proc/sys/net/ipv4/tcp_syn_linear_timeouts"))) {
            return; // before Linux 6.5 (commit ccce324dabfe) every SYN retransmission doubles anyway
        }
        if (key.equals("net.ipv4.tcp_syn_linear_timeouts")
                && !java.nio.file.Files.exists(Path.of("/proc/sys/net/ipv4/tcp_syn_linear_timeouts"))) {
            throw new LabException(node + ": the scenario's linear SYN timeouts need Linux 6.5 or later here");
        }
        Cmd.check("ip", "netns", "exec", ns(node), "sysctl", "-qw", key + "=" + value);
    }

    /** Loads more nftables rules into a node's namespace. */
    public void nft(final String node, final String ruleset) {
        try {
            final Path file = java.nio.file.Files.createTempFile(prefix, ".nft");
            try {
                java.nio.file.Files.writeString(file, ruleset);
                Cmd.check("ip", "netns", "exec", ns(node), "nft", "-f", file.toString());
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (final java.io.IOException e) {
            throw new LabException("cannot write the counting ruleset: " + e.getMessage(), e);
        }
    }

    private static String ifname(final LinkSpec.End e) {
        return e.iface() == null ? "eth0" : e.iface();
    }

    /** The namespace of a node. */
    public String ns(final String node) {
        final String n = namespaces.get(node);
        if (n == null) {
            throw new LabException("no namespace for node '" + node + "'");
        }
        return n;
    }

    /** True when the router tracks connections (it has a stateful firewall). */
    public boolean tracked() {
        return tracked;
    }

    /**
     * The counters of data SYNs at the firewall's node (the router when it has none):
     * {@code data-new} and {@code data-related}.
     */
    public Map<String, Long> dataSynCounters() {
        final Cmd.Result r = Cmd.check("ip", "netns", "exec", ns(counted), "nft", "list", "table", "inet", "ftpsimlab");
        final Map<String, Long> out = new LinkedHashMap<>();
        for (final Matcher m = COUNTER.matcher(r.out()); m.find();) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    /** Runs a command in a node's namespace to its end. */
    public Cmd.Result exec(final String node, final long timeoutMillis, final List<String> argv) {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        full.addAll(argv);
        return Cmd.run(timeoutMillis, full);
    }

    /**
     * Starts a long-running command in a node's namespace, its output to {@code log} (or to a
     * pipe when null); {@link #close()} kills it by its PID.
     */
    public Process spawn(final String node, final List<String> argv, final Path log) {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        full.addAll(argv);
        try {
            // ip netns exec execs the command: the PID is the command's own.
            final ProcessBuilder b = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Cmd.nullDevice()));
            if (log != null) {
                b.redirectOutput(log.toFile());
            }
            final Process p = b.start();
            synchronized (processes) {
                processes.add(p);
            }
            return p;
        } catch (final java.io.IOException e) {
            throw new LabException("cannot start " + String.join(" ", full) + ": " + e.getMessage(), e);
        }
    }

    /** Kills the processes it started (children first) and deletes its namespaces by name. */
    @Override
    public void close() {
        synchronized (processes) {
            for (final Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            processes.clear();
        }
        for (final String name : namespaces.values()) {
            Cmd.succeeds("ip", "netns", "del", name);
        }
        namespaces.clear();
        OPEN.remove(this);
    }

    /** Deletes the lab's namespaces of JVMs that no longer run (one killed before its shutdown hook ran). */
    static void removeStale() {
        final Cmd.Result r = Cmd.run(30_000, List.of("ip", "netns", "list"));
        for (final String line : r.out().lines().toList()) {
            final String name = line.split(" ")[0];
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            final String[] parts = name.substring(PREFIX.length()).split("-", 2);
            try {
                final long pid = Long.parseLong(parts[0]);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
            } catch (final NumberFormatException e) {
                continue;
            }
            Cmd.succeeds("ip", "netns", "del", name);
        }
    }
}
