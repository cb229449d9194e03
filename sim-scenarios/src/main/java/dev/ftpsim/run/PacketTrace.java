package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What packets meet on the firewalls of their path, in the words of {@code nft monitor trace}: per
 * firewall and hook a {@code packet:} line (interfaces, addresses, ports, flags, conntrack state),
 * then each rule that decided or jumped with its verdict, the policy when no rule decided, and the
 * NAT the connection's first packet set up. Theory of operation: the firewalls' tracers report
 * decisions, jumps and rewrites (nothing per rule, so untraced runs pay nothing); a predicate picks
 * the packets to follow, each given a trace id when first seen.
 */
public final class PacketTrace implements Firewall.Tracer {
    /** How long a {@link #packet} trace runs: far longer than any path's delay. */
    private static final long PACKET_HORIZON_NS = 10_000_000_000L;

    /**
     * A packet to inject: its protocol (6 tcp, 17 udp, 1 icmp, 58 icmpv6), endpoints and TCP flags.
     * Addresses are kept as written ({@code src}, {@code dst}) and become the network's ids when the
     * packet is built, since an IPv6 address's id belongs to one network.
     */
    public record Spec(int protocol, String src, int sport, String dst, int dport, int flags, boolean v6) {
        /**
         * Reads {@code tcp 10.0.1.2:40000 > 203.0.113.10:21 syn}, {@code udp A:P > B:P}, {@code icmp A > B},
         * and the same over IPv6 with bracketed addresses ({@code tcp [2001:db8:1::10]:40000 >
         * [2001:db8:2::10]:21}, {@code icmpv6 2001:db8:1::10 > 2001:db8:2::10}; {@code icmp} between IPv6
         * addresses is ICMPv6). TCP flags (syn, ack, fin, rst, psh; several joined by commas or spaces)
         * default to syn.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        public static Spec parse(final String text) {
            final String[] w = text.trim().split("[\\s,]+");
            if (w.length < 4 || !w[2].equals(">")) {
                throw new IllegalArgumentException("expected 'tcp|udp SRC:PORT > DST:PORT [FLAGS]' or 'icmp SRC > DST'"
                        + " (IPv6: '[ADDRESS]:PORT')");
            }
            int proto = switch (w[0].toLowerCase(Locale.ROOT)) {
                case "tcp" -> Packet.PROTO_TCP;
                case "udp" -> 17;
                case "icmp" -> Packet.PROTO_ICMP;
                case "icmpv6" -> Packet.PROTO_ICMPV6;
                default -> throw new IllegalArgumentException("unknown protocol '" + w[0] + "': tcp, udp, icmp or icmpv6");
            };
            final boolean ports = proto == Packet.PROTO_TCP || proto == 17;
            final Endpoint a = Endpoint.parse(w[1], ports);
            final Endpoint b = Endpoint.parse(w[3], ports);
            if (a.v6 != b.v6) {
                throw new IllegalArgumentException("'" + w[1] + "' and '" + w[3] + "': one IPv4 and one IPv6 address");
            }
            if (proto == Packet.PROTO_ICMPV6 && !a.v6) {
                throw new IllegalArgumentException("icmpv6 between IPv4 addresses: use icmp");
            }
            if (proto == Packet.PROTO_ICMP && a.v6) {
                proto = Packet.PROTO_ICMPV6;
            }
            int flags = 0;
            for (int i = 4; i < w.length; i++) {
                if (proto != Packet.PROTO_TCP) {
                    throw new IllegalArgumentException("unexpected '" + w[i] + "': flags are for tcp only");
                }
                flags |= switch (w[i].toLowerCase(Locale.ROOT)) {
                    case "syn" -> Packet.SYN;
                    case "ack" -> Packet.ACK;
                    case "fin" -> Packet.FIN;
                    case "rst" -> Packet.RST;
                    case "psh" -> Packet.PSH;
                    default -> throw new IllegalArgumentException("unknown tcp flag '" + w[i]
                            + "': syn, ack, fin, rst or psh");
                };
            }
            if (proto == Packet.PROTO_TCP && flags == 0) {
                flags = Packet.SYN;
            }
            return new Spec(proto, a.address, a.port, b.address, b.port, flags, a.v6);
        }

        /** This packet's address as an id of {@code network} (an IPv6 address is interned there). */
        int id(final dev.ftpsim.core.net.Network network, final String address) {
            if (!v6) {
                return (int) Ipv4.tryParse(address);
            }
            final long[] x = dev.ftpsim.core.net.Ipv6.parse(address);
            return network.ipv6().intern(x[0], x[1]);
        }
    }

    /** One side of {@code --packet}: the address as written (no brackets), its port, its family. */
    private record Endpoint(String address, int port, boolean v6) {
        static Endpoint parse(final String s, final boolean port) {
            final boolean bracket = s.startsWith("[");
            final int close = s.indexOf(']');
            if (bracket && close < 0) {
                throw new IllegalArgumentException("'" + s + "': no ']' after the IPv6 address");
            }
            final boolean v6 = bracket || s.indexOf(':') != s.lastIndexOf(':');
            final String address;
            final String rest;
            if (bracket) {
                address = s.substring(1, close);
                rest = s.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + s + "': expected ':PORT' after ']'");
                }
            } else if (v6) {
                if (port) {
                    throw new IllegalArgumentException("'" + s + "': write an IPv6 address with a port as [ADDRESS]:PORT");
                }
                address = s;
                rest = "";
            } else {
                final int colon = s.indexOf(':');
                address = colon < 0 ? s : s.substring(0, colon);
                rest = colon < 0 ? "" : s.substring(colon);
            }
            if (port != !rest.isEmpty()) {
                throw new IllegalArgumentException("'" + s + "': " + (port ? "expected ADDRESS:PORT" : "icmp has no port"));
            }
            if (v6) {
                try {
                    dev.ftpsim.core.net.Ipv6.parse(address);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + s + "': not an IPv6 address");
                }
            } else if (Ipv4.tryParse(address) == Ipv4.INVALID) {
                throw new IllegalArgumentException("'" + s + "': not an IPv4 address");
            }
            int p = 0;
            if (port) {
                try {
                    p = Integer.parseInt(rest.substring(1));
                } catch (NumberFormatException e) {
                    p = -1;
                }
                if (p < 0 || p > 65535) {
                    throw new IllegalArgumentException("'" + s + "': the port must be 0..65535");
                }
            }
            return new Endpoint(address, p, v6);
        }
    }

    private final Simulator sim;
    private final Predicate<Packet> follow;
    private final List<Line> lines = new ArrayList<>();
    /** Trace ids by connection (a pooled packet object carries many connections' packets), else by packet. */
    private final Map<Object, Integer> ids = new IdentityHashMap<>();
    /** The last chain a packet line was printed for, per trace id: the next base chain prints another. */
    private final Map<Integer, String> at = new java.util.HashMap<>();

    /** A trace line: when, which packet (trace id), and the text. */
    public record Line(long timeNanos, int id, String text) { }

    /** Whether each connection has its own id ({@link #session}); else there is one packet. */
    private final boolean byConnection;
    /** Told of each new trace id with the packet that opened it; null: nobody asks. */
    private java.util.function.ObjIntConsumer<Packet> onNewId;

    /** No node of the scenario can send the packet asked for: the {@code --packet} given is the problem. */
    public static final class Unsendable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Unsendable(final String message) {
            super(message);
        }
    }

    private PacketTrace(final Simulator sim, final Predicate<Packet> follow, final boolean byConnection) {
        this.sim = sim;
        this.follow = follow;
        this.byConnection = byConnection;
    }

    /**
     * Builds the scenario's network and firewalls (no FTP agents), injects {@code spec} at time 0 at the
     * node owning its source address, else into the router that routes it, and traces it to its end.
     *
     * @throws Unsendable when no node can send the packet
     */
    public static List<String> packet(final Scenario s, final long seed, final Spec spec) throws IOException {
        final Simulator sim = new Simulator(seed);
        final NetworkBuilder net = NetworkBuilder.build(s, sim);
        final Packet p = net.nodes().values().iterator().next().network().pool().acquire();
        final PacketTrace t = new PacketTrace(sim, x -> x == p && x.protocol == spec.protocol(), false);
        final FirewallBuilder fb = FirewallBuilder.of(HelperRegistry.standard());
        final String[] end = {null};
        for (final FirewallSpec f : s.firewalls().values()) {
            final Firewall fw = fb.build(f, net.node(f.node()));
            fw.setTracer(t);
            fw.setListener(new Firewall.Listener() {
                @Override
                public void decided(final Firewall w, final Hook h, final Program.ChainCode c, final int r,
                        final Packet x, final boolean dropped) {
                    if (dropped && t.follow.test(x)) {
                        end[0] = "dropped by " + w.node().name() + " (" + Firewall.describe(c, r) + ")";
                    }
                }

                @Override
                public void conntrackDrop(final Firewall w, final Hook h, final Packet x, final String reason) {
                    if (t.follow.test(x)) {
                        t.add(x, w.node().name() + " conntrack drop: " + reason);
                        end[0] = "dropped by " + w.node().name() + "'s conntrack (" + reason + ")";
                    }
                }
            });
        }
        for (final Node n : net.nodes().values()) { // delivered: every INPUT hook accepted it
            n.hooks().register(Hook.INPUT, Integer.MAX_VALUE, (h, x, in, out) -> {
                if (t.follow.test(x) && end[0] == null) {
                    end[0] = "delivered to " + n.name() + " (" + Firewall.tuple(x, n.network().ipv6()) + ")";
                }
                return dev.ftpsim.core.net.Verdict.ACCEPT;
            });
        }
        final dev.ftpsim.core.net.Network network = net.nodes().values().iterator().next().network();
        final int src = spec.id(network, spec.src());
        p.protocol = spec.protocol();
        p.src = src;
        p.dst = spec.id(network, spec.dst());
        p.sport = spec.sport();
        p.dport = spec.dport();
        p.flags = spec.flags();
        p.window = 64240;
        // echo request: ICMP type 8 (RFC 792), ICMPv6 type 128 (RFC 4443)
        p.icmpType = spec.protocol() == Packet.PROTO_ICMP ? 8 : spec.protocol() == Packet.PROTO_ICMPV6 ? 128 : 0;
        final List<Runnable> balancerEnds = new ArrayList<>();
        for (final dev.ftpsim.scenario.BalancerSpec bs : s.balancers().values()) {
            balancerEnds.add(t.balancer(bs, net.node(bs.router()), end, p));
        }
        final Node owner = net.nodes().values().stream().filter(n -> n.isLocal(src)).findFirst().orElse(null);
        final NetInterface entry = owner != null ? null : entry(net, src);
        if (owner == null && entry == null) {
            throw new Unsendable("no node owns " + spec.src()
                    + " and no router has a route towards it to receive the packet from");
        }
        final List<String> out = new ArrayList<>();
        out.add("trace of " + describe(spec) + (owner != null ? ", sent by " + owner.name()
                : ", arriving at " + entry.peer().node().name() + " on " + entry.peer().name()));
        sim.scheduleAt(0, () -> {
            if (owner != null) {
                owner.sendLocal(p);
            } else {
                entry.enqueue(p);
            }
        });
        try {
            sim.runUntil(PACKET_HORIZON_NS);
        } catch (final IllegalArgumentException e) {
            throw new EngineFailure("the trace failed", sim.now(), e); // the packet was sent: not the user's
        }
        balancerEnds.forEach(Runnable::run);
        t.lines.forEach(l -> out.add(l.text()));
        out.add(end[0] != null ? end[0] : "not delivered: no route, TTL expired or lost on a link");
        return out;
    }

    /** The interface facing a router that routes {@code src} back out of its side: the packet comes in through it. */
    private static NetInterface entry(final NetworkBuilder net, final int src) {
        for (final Node n : net.nodes().values()) {
            if (!n.isForwarding()) {
                continue;
            }
            final NetInterface out = n.outputInterface(src);
            if (out != null && !out.isLoopback() && out.peer() != null) {
                return out.peer();
            }
        }
        return null;
    }

    private static String describe(final Spec s) {
        final boolean ports = s.protocol() == Packet.PROTO_TCP || s.protocol() == 17;
        final String a = s.v6() && ports ? "[" + s.src() + "]" : s.src();
        final String b = s.v6() && ports ? "[" + s.dst() + "]" : s.dst();
        final String text = ports ? a + ":" + s.sport() + " > " + b + ":" + s.dport() : a + " > " + b;
        return (s.protocol() == 6 ? "tcp " : s.protocol() == 17 ? "udp " : s.protocol() == 1 ? "icmp " : "icmpv6 ") + text
                + (s.protocol() == 6 ? " " + flags(s.flags()) : "");
    }

    private static String flags(final int f) {
        final List<String> n = new ArrayList<>();
        final String[] names = {"fin", "syn", "rst", "psh", "ack"};
        for (int i = 0; i < names.length; i++) {
            if ((f & 1 << i) != 0) {
                n.add(names[i]);
            }
        }
        return String.join(",", n);
    }

    /**
     * Runs the scenario with its seed and traces the first packet of each connection of session
     * {@code session} of client population {@code population}: control and data connections, in
     * time order, each line prefixed with its simulated time.
     */
    public static List<String> session(final Scenario s, final long seed, final int population, final int session)
            throws IOException {
        final Recording rec = new Recording(s, population, session);
        final Simulation sim = new Simulation(s, seed, FirewallBuilder.of(HelperRegistry.standard()),
                ProbeRegistry.standard(), List.of(rec));
        sim.run(null, RunSink.DISCARD);
        final Set<Integer> theirs = rec.owners.idsOf(rec.ports);
        final List<String> out = new ArrayList<>();
        final long from = rec.record == null ? 0 : rec.record.timings().start();
        final long to = rec.record == null || rec.record.timings().end() < 0 ? Long.MAX_VALUE
                : rec.record.timings().end();
        final String pop = s.ftp().clients().get(population).name();
        out.add("trace of session " + session + " of " + pop + (pop.equals(rec.client.name()) ? "" : " on " + rec.client.name())
                + (rec.record == null ? ""
                : rec.record.ok() ? ": ok" : ": " + rec.record.reasonText()));
        for (final Line l : rec.trace.lines) {
            if (l.timeNanos() >= from && l.timeNanos() <= to && (theirs == null || theirs.contains(l.id()))) {
                out.add(String.format(Locale.ROOT, "%.6f s  %s", l.timeNanos() / 1e9, l.text()));
            }
        }
        return out;
    }

    /** Attaches the trace to every firewall and keeps the session's record. */
    private static final class Recording implements Recorder {
        private final Scenario scenario;
        private final int population;
        private final int session;
        private Node client;
        private PacketTrace trace;
        private FtpSessionRecord record;
        /** The client's addresses as the firewalls' NAT shows them. */
        private final Set<Integer> aliases = new HashSet<>();
        /** Which session each trace id's connection belongs to, told by the client's ports. */
        private ConnectionOwners owners;
        /** The session's client ports, control first; null until it ends. */
        private int[] ports;

        Recording(final Scenario s, final int population, final int session) {
            this.scenario = s;
            this.population = population;
            this.session = session;
        }

        @Override
        public void networkBuilt(final NetworkBuilder net) {
            client = LadderRecording.clientNode(scenario, net, population, session);
            aliases.add(client.address());
            for (final NetInterface i : client.interfaces()) {
                if (i.address6() != 0) {
                    aliases.add(i.address6()); // a session over IPv6 carries the client's IPv6 id
                }
            }
            final Simulator sim = net.nodes().values().iterator().next().network().simulator();
            owners = new ConnectionOwners(Set.copyOf(aliases), client.network().ipv6());
            trace = new PacketTrace(sim, this::first, true);
            trace.onNewId = owners::opened;
        }

        /** A connection's first packet (a SYN without ACK), to or from the client or a NAT alias of it. */
        private boolean first(final Packet p) {
            if (p.protocol == Packet.PROTO_TCP && p.data != null && p.payloadLength > 5) {
                owners.control(p);
            }
            if (p.protocol != Packet.PROTO_TCP || (p.flags & (Packet.SYN | Packet.ACK)) != Packet.SYN) {
                return false;
            }
            if (p.ct instanceof ConnEntry e) {
                // the client as the other side of its NAT sees it: the other direction's destination
                final boolean orig = aliases.contains(e.srcIp(0));
                final boolean reply = aliases.contains(e.srcIp(1));
                if (orig) {
                    aliases.add(e.dstIp(1));
                }
                if (reply) {
                    aliases.add(e.dstIp(0));
                }
                if (orig || reply) {
                    return true;
                }
            }
            return aliases.contains(p.src) || aliases.contains(p.dst);
        }

        @Override
        public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
            fw.setTracer(trace);
            return null;
        }

        @Override
        public void sessionEnded(final LiveSessions.Live live, final FtpSessionRecord r,
                final Map<String, String> dataPaths) {
            if (live.population == population && r.identity().session() == session) {
                record = r;
                ports = LadderRecording.ports(live);
            }
        }
    }

    @Override
    public void met(final Firewall fw, final Hook hook, final NetInterface in, final NetInterface out,
            final Program.ChainCode chain, final int rule, final Packet p, final boolean dropped,
            final Program.ChainCode to, final boolean isGoto) {
        if (p == null || !follow.test(p)) {
            return;
        }
        final int id = id(p);
        final String where = fw.node().name() + " " + chain.table() + " " + local(chain);
        if (chain.hook() != null && !where.equals(at.get(id))) {
            at.put(id, where);
            add(p, where + " packet: " + packetText(hook, in, out, p, fw));
        }
        if (to != null) {
            add(p, where + " rule " + chain.text(rule) + " (verdict " + (isGoto ? "goto " : "jump ") + local(to) + ")");
        } else if (rule < 0) {
            add(p, where + " policy " + (chain.policyDrop() ? "drop" : "accept"));
        } else {
            add(p, where + " rule " + chain.text(rule) + " (verdict " + (dropped ? "drop" : "accept") + ")");
        }
    }

    @Override
    public void translated(final Firewall fw, final Hook hook, final Packet p, final String before) {
        if (follow.test(p)) {
            final boolean dst = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
            add(p, fw.node().name() + " " + hook.name().toLowerCase(Locale.ROOT) + " " + (dst ? "dnat" : "snat")
                    + " " + before + " -> " + Firewall.tuple(p, fw.node().network().ipv6()));
        }
    }

    /** A chain's name inside its table ("forward" for "fw4/forward"), as nft prints it. */
    private static String local(final Program.ChainCode c) {
        final String table = c.table().substring(c.table().indexOf(' ') + 1) + "/";
        return c.name().startsWith(table) ? c.name().substring(table.length()) : c.name();
    }

    private int id(final Packet p) {
        final Object key = byConnection && p.ct instanceof ConnEntry e ? e : byConnection ? p : this;
        Integer id = ids.get(key);
        if (id == null) {
            id = ids.size() + 1;
            ids.put(key, id);
            if (onNewId != null) {
                onNewId.accept(p, id);
            }
        }
        return id;
    }

    /**
     * Installs a scenario's balancer on its router as a run does (same hash seed), with a line for
     * each rewrite of the followed packet; the returned action, run after the packet's end, says
     * why the balancer dropped it when it did.
     */
    private Runnable balancer(final dev.ftpsim.scenario.BalancerSpec bs, final Node node, final String[] end,
            final Packet p) {
        final long seed = sim.streams().stream("balancer/" + bs.router() + "/hash").nextLong();
        if (dev.ftpsim.core.balancer.Profile.byKey(bs.profile()).terminates()) {
            return proxy(bs, node, end, p, seed);
        }
        final dev.ftpsim.core.balancer.Balancer b = dev.ftpsim.core.balancer.Balancer.install(bs.router(), node,
                bs.config(), seed);
        bs.down().forEach(i -> b.setHealthy(i, false));
        final var a6 = node.network().ipv6();
        final String[] before = {null};
        node.hooks().register(Hook.PREROUTING, dev.ftpsim.core.balancer.Balancer.PRIORITY - 1, (h, x, in, o) -> {
            if (follow.test(x) && x.protocol == Packet.PROTO_TCP) {
                before[0] = Firewall.tuple(x, a6);
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        node.hooks().register(Hook.PREROUTING, dev.ftpsim.core.balancer.Balancer.PRIORITY + 1, (h, x, in, o) -> {
            if (follow.test(x) && before[0] != null) {
                final String now = Firewall.tuple(x, a6);
                if (!now.equals(before[0])) {
                    add(x, node.name() + " balancer (" + bs.profile() + "): " + before[0] + " -> " + now);
                }
                before[0] = null;
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        return () -> {
            if (before[0] == null || end[0] != null) {
                return; // it passed the balancer, or never met it
            }
            final dev.ftpsim.core.balancer.Balancer.Stats st = b.stats();
            end[0] = "dropped by " + node.name() + "'s balancer (" + (st.noBackend > 0 ? "no healthy backend"
                    : st.notServed > 0 ? "no virtual service on that port: the director's own TCP answered with a reset"
                    : "no connection in its table for it") + ")";
        };
    }

    /**
     * A proxying balancer (HAProxy) as a run builds it: the virtual address is its router's own, so
     * the packet is delivered there; the returned action says what the proxy does with it.
     */
    private static Runnable proxy(final dev.ftpsim.scenario.BalancerSpec bs, final Node node, final String[] end,
            final Packet p, final long seed) {
        final dev.ftpsim.core.balancer.Balancer b = dev.ftpsim.core.balancer.Balancer.forProxy(bs.router(), node,
                bs.config(), seed);
        bs.down().forEach(i -> b.setHealthy(i, false));
        final int vip = bs.config().virtualAddress();
        Balancers.holdVirtualAddress(node, vip);
        // the packet goes back to its pool once delivered: what the action needs is read now
        final int src = p.src;
        final int sport = p.sport;
        final int dst = p.dst;
        final int dport = p.dport;
        final boolean tcpSyn = p.protocol == Packet.PROTO_TCP && (p.flags & Packet.SYN) != 0 && (p.flags & Packet.ACK) == 0;
        final boolean tcp = p.protocol == Packet.PROTO_TCP;
        return () -> {
            if (end[0] == null || !end[0].startsWith("delivered to " + node.name() + " ") || dst != vip || !tcp
                    || !served(bs.config(), dport)) {
                return;
            }
            if (!tcpSyn) {
                end[0] += "; its proxy (" + bs.profile() + ") holds no connection for it: its TCP answers with a reset";
                return;
            }
            final dev.ftpsim.core.balancer.Flow f = b.accepted(src, sport, dport);
            end[0] += f == null
                    ? "; its proxy (" + bs.profile() + ") accepts the connection and, with no healthy backend, closes it"
                    : "; its proxy (" + bs.profile() + ") accepts the connection and opens its own, from " + node.name()
                            + "'s address, to " + dev.ftpsim.core.net.Ipv4.format(f.backendAddress()) + ":"
                            + f.backendPort();
        };
    }

    private static boolean served(final dev.ftpsim.core.balancer.BalancerConfig c, final int port) {
        for (final int[] r : c.frontPorts()) {
            if (r[0] <= port && port <= r[1]) {
                return true;
            }
        }
        return false;
    }

    private void add(final Packet p, final String text) {
        final int id = id(p);
        lines.add(new Line(sim.now(), id, "trace id " + id + " " + text));
    }

    /** The packet as nft trace prints it: interfaces, addresses, ports, flags, then conntrack. */
    private static String packetText(final Hook hook, final NetInterface in, final NetInterface out, final Packet p,
            final Firewall fw) {
        final StringBuilder b = new StringBuilder();
        if (in != null) {
            b.append("iif \"").append(in.name()).append("\" ");
        }
        if (out != null) {
            b.append("oif \"").append(out.name()).append("\" ");
        }
        final dev.ftpsim.core.net.Ipv6Addresses a6 = fw.node().network().ipv6();
        final String ip = dev.ftpsim.core.net.Ipv6.isId(p.src) ? "ip6" : "ip";
        b.append(ip).append(" saddr ").append(a6.formatAny(p.src)).append(' ').append(ip).append(" daddr ")
                .append(a6.formatAny(p.dst));
        if (p.protocol == Packet.PROTO_TCP || p.protocol == 17) {
            final String l4 = p.protocol == 17 ? "udp" : "tcp";
            b.append(' ').append(l4).append(" sport ").append(p.sport).append(' ').append(l4).append(" dport ")
                    .append(p.dport);
            if (p.protocol == Packet.PROTO_TCP) {
                b.append(" tcp flags == ").append(flags(p.flags));
            }
        } else if (p.protocol == Packet.PROTO_ICMP) {
            b.append(" icmp type ").append(p.icmpType).append(" icmp code ").append(p.icmpCode);
        } else if (p.protocol == Packet.PROTO_ICMPV6) {
            b.append(" icmpv6 type ").append(p.icmpType).append(" icmpv6 code ").append(p.icmpCode);
        }
        if (fw.conntrack() == null) {
            b.append(" (stateless: no conntrack)");
        } else if (p.ct instanceof ConnEntry e) {
            b.append(" ct state ").append(CtState.format(p.ctInfo));
            if (e.helperName() != null) {
                b.append(" ct helper \"").append(e.helperName()).append('"');
            }
            if (e.master() != null) {
                b.append(" (expected by ").append(e.expectedBy() != null ? e.expectedBy() : "a helper").append(')');
            }
        } else if (p.ctInfo != 0) {
            b.append(" ct state ").append(CtState.format(p.ctInfo));
        } else if (p.notrack) {
            b.append(" ct state untracked");
        } else if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
            b.append(" (before conntrack)");
        } else {
            b.append(" ct state invalid");
        }
        return b.toString();
    }
}
