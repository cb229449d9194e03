package dev.ftpsim.core.net;

import dev.ftpsim.core.kernel.Simulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The nodes and links of one simulation, their packet pool, and the simulator they run on. */
public final class Network {
    private final Simulator sim;
    private final PacketPool pool = new PacketPool();
    private final RingPool rings = new RingPool();
    private final Ipv6Addresses ipv6 = new Ipv6Addresses();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    /** Prefixes the nodes' interfaces and routes name, one object each (see {@link #shared}). */
    private final Map<Prefix, Prefix> prefixes = new java.util.HashMap<>();
    private static final int SHARED_PREFIXES = 4096;
    /** Link configurations, one object per distinct value (see {@link #connect}). */
    private final Map<LinkConfig, LinkConfig> configs = new java.util.HashMap<>();

    public Network(final Simulator sim) {
        this.sim = sim;
    }

    public Simulator simulator() {
        return sim;
    }

    public PacketPool pool() {
        return pool;
    }

    /** The interfaces' output-queue rings not in use. */
    RingPool rings() {
        return rings;
    }

    /** The IPv6 addresses of this network and their ids. */
    public Ipv6Addresses ipv6() {
        return ipv6;
    }

    public Host host(final String name) {
        final Host h = new Host(this, name);
        add(h);
        return h;
    }

    public Router router(final String name) {
        final Router r = new Router(this, name);
        add(r);
        return r;
    }

    /** A learning bridge; its ports are made by {@link Switch#addPort}. */
    public Switch bridge(final String name) {
        final Switch s = new Switch(this, name);
        add(s);
        return s;
    }

    private void add(final Node n) {
        if (nodes.putIfAbsent(n.name(), n) != null) {
            throw new IllegalArgumentException("a node named '" + n.name() + "' already exists");
        }
    }

    /**
     * The one object for prefix {@code p}: a host group's million members have the same subnet and
     * default route, and a prefix is immutable. Up to {@value #SHARED_PREFIXES} distinct ones are kept.
     */
    Prefix shared(final Prefix p) {
        final Prefix known = prefixes.get(p);
        if (known != null) {
            return known;
        }
        if (prefixes.size() < SHARED_PREFIXES) {
            prefixes.put(p, p);
        }
        return p;
    }

    public Node node(final String name) {
        final Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + name + "'");
        }
        return n;
    }

    public Map<String, Node> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    /** Connects two interfaces with a point-to-point link named "a-b" unless named otherwise. */
    public Link connect(final NetInterface a, final NetInterface b, final LinkConfig cfg) {
        return connect(a.node().name() + "." + a.name() + "-" + b.node().name() + "." + b.name(), a, b, cfg);
    }

    public Link connect(final String name, final NetInterface a, final NetInterface b, final LinkConfig cfg) {
        return connect(name, -1, a, b, cfg);
    }

    /**
     * Connects the link of host-group member {@code member} of the links named {@code name}: it is
     * called {@code name[member]}, a name made when asked for rather than kept per member.
     */
    public Link connect(final String name, final int member, final NetInterface a, final NetInterface b,
            final LinkConfig cfg) {
        // One object per distinct configuration: every packet reads its interface's, and 10^5 links
        // made alike then share one that stays in cache instead of each reading its own, cold.
        final LinkConfig known = configs.putIfAbsent(cfg, cfg);
        final Link l = new Link(name, member, known != null ? known : cfg, a, b);
        links.add(l);
        return l;
    }

    /** Sets Bernoulli loss {@code p} on packets sent by {@code from}, from stream {@link Link#lossStreamName}. */
    public void bernoulliLoss(final Link link, final NetInterface from, final double p) {
        link.loss(from, LossModel.bernoulli(sim.streams().stream(link.lossStreamName(from)), p));
    }

    /**
     * Sets Gilbert-Elliott burst loss on packets sent by {@code from} (see
     * {@link LossModel#gilbertElliott}), from stream {@link Link#lossStreamName}.
     */
    public void gilbertElliottLoss(final Link link, final NetInterface from, final double p, final double r,
            final double lossGood, final double lossBad) {
        link.loss(from, LossModel.gilbertElliott(sim.streams().stream(link.lossStreamName(from)), p, r, lossGood,
                lossBad));
    }
}
