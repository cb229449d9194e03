package dev.ftpsim.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario: the network, its firewalls, the FTP traffic and what to record. Read one
 * with {@link ScenarioLoader#load}; {@code docs/scenario-format.md} documents every key.
 *
 * @param name the scenario's name (default: the file name without extension)
 * @param seed master seed of the random streams (default 1)
 * @param stopNanos simulated time at which the run ends (default 60s)
 * @param hosts hosts and host groups by name, in file order
 * @param routers routers by name, in file order
 * @param links in file order
 * @param firewalls firewall per node name, in file order
 * @param ftp servers and client populations
 * @param record what to record
 * @param sweep the parameter grid, or null when the file has no {@code sweep} block
 * @param tcp hosts' and host groups' TCP settings by name; a host not here has Linux's
 * @param balancers L4 load balancers by router name, in file order (default none)
 * @param switches learning bridges by name, in file order (default none); links name them as ends
 * @param bridges switches that are a router's bridge device, by switch name (default none)
 * @param hairpin switches with hairpin mode on every port, in file order (default none)
 */
public record Scenario(String name, long seed, long stopNanos, Map<String, HostSpec> hosts,
        Map<String, RouterSpec> routers, List<LinkSpec> links, Map<String, FirewallSpec> firewalls, FtpSpec ftp,
        Recording record, Sweep sweep, Map<String, TcpSpec> tcp, Map<String, BalancerSpec> balancers,
        List<String> switches, Map<String, Bridge> bridges, List<String> hairpin) {

    public Scenario {
        balancers = ordered(balancers);
        bridges = ordered(bridges);
        hairpin = List.copyOf(hairpin);
        switches = List.copyOf(switches);
        tcp = ordered(tcp);
        hosts = ordered(hosts);
        routers = ordered(routers);
        links = List.copyOf(links);
        firewalls = ordered(firewalls);
    }

    /** A scenario without balancers and switches. */
    public Scenario(final String name, final long seed, final long stopNanos, final Map<String, HostSpec> hosts,
            final Map<String, RouterSpec> routers, final List<LinkSpec> links, final Map<String, FirewallSpec> firewalls,
            final FtpSpec ftp, final Recording record, final Sweep sweep, final Map<String, TcpSpec> tcp) {
        this(name, seed, stopNanos, hosts, routers, links, firewalls, ftp, record, sweep, tcp, Map.of(), List.of(),
                Map.of(), List.of());
    }

    /**
     * A switch that is a router's bridge device (docker0, cni0): the router's interface {@code iface}
     * is its port on it.
     *
     * @param brNetfilter net.bridge.bridge-nf-call-iptables (and -ip6tables): bridged IP frames run the
     *     router's IP hooks with conntrack and NAT (default false: br_netfilter not loaded)
     */
    public record Bridge(String router, String iface, boolean brNetfilter) {
    }

    private static <V> Map<String, V> ordered(final Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * The runs of a sweep: one point per combination of the varied values, the first varied key
     * changing slowest, values in file order. Without a {@code sweep} block, one point named
     * {@code "default"} holding this scenario. Point scenarios have no sweep of their own.
     */
    public List<SweepPoint> sweepPoints() {
        if (sweep == null) {
            return List.of(new SweepPoint("default", Map.of(), this));
        }
        return sweep.points();
    }

    /**
     * The {@code record} block.
     *
     * @param pcap link ends whose packets are captured (default none)
     * @param timeseriesNanos sampling interval of time series, 0 = off (default 1s)
     * @param tcp single hosts whose TCP ({@code cwnd_<host>}, {@code rto_<host>}) the time series
     *     samples, in file order (default none)
     * @param startNanos wall-clock time of simulated time 0 in captures, nanoseconds since 1970-01-01 UTC
     *     (default {@link #DEFAULT_START}, fixed so that captures are reproducible)
     * @param snaplen bytes of each packet a capture keeps (default 65535: all)
     */
    public record Recording(List<LinkSpec.End> pcap, long timeseriesNanos, List<String> tcp, long startNanos,
            int snaplen) {
        /** 2026-01-01T00:00:00Z. */
        public static final long DEFAULT_START = 1_767_225_600_000_000_000L;
        /** Keeps every packet whole (an IPv4 datagram is at most 65535 bytes). */
        public static final int DEFAULT_SNAPLEN = 65535;

        public Recording {
            pcap = List.copyOf(pcap);
            tcp = List.copyOf(tcp);
        }

        /** Captures starting at {@link #DEFAULT_START}, whole packets. */
        public Recording(final List<LinkSpec.End> pcap, final long timeseriesNanos, final List<String> tcp) {
            this(pcap, timeseriesNanos, tcp, DEFAULT_START, DEFAULT_SNAPLEN);
        }

        /** This recording keeping {@code bytes} of each captured packet. */
        public Recording withSnaplen(final int bytes) {
            return new Recording(pcap, timeseriesNanos, tcp, startNanos, bytes);
        }
    }

    /** This scenario recording as {@code r} says. */
    public Scenario withRecord(final Recording r) {
        return new Scenario(name, seed, stopNanos, hosts, routers, links, firewalls, ftp, r, sweep, tcp, balancers,
                switches, bridges, hairpin);
    }

    /**
     * The {@code sweep} block.
     *
     * @param replications runs per point with independent seeds (default 1)
     * @param vary key path to its values as written, in file order
     * @param points every combination, already validated
     */
    public record Sweep(int replications, Map<String, List<String>> vary, List<SweepPoint> points) {
        public Sweep {
            vary = ordered(vary);
            points = List.copyOf(points);
        }
    }

    /**
     * One point of a sweep.
     *
     * @param name {@code path=value} pairs joined by commas, e.g. {@code ftp.clients[0].mode=active,links[1].loss=0}
     * @param values varied path to the value at this point, in the order of {@code vary}
     * @param scenario the scenario with those values applied
     */
    public record SweepPoint(String name, Map<String, String> values, Scenario scenario) {
        public SweepPoint {
            values = ordered(values);
        }
    }
}
