package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.conntrack.Expectation;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.ladder.LadderNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records the packets of one FTP session for a ladder diagram. Theory of operation: a tap on every
 * interface of a path node facing another path node sees each of the client's TCP packets leave
 * each node. A packet seen leaving the node its arrow ends at is the same packet one hop further
 * (the stack forwards the object itself), so its arrow is extended rather than a new one drawn,
 * and what that node changed is noted on it: a NAT translation, an FTP helper's rewrite of a
 * PORT or 227 line, an expectation the helper created. Each connection's conntrack state is noted
 * where a firewall first sees it (or sees a new entry for it). Bulk data segments of a connection,
 * and the pure ACKs that answer them, fold into one arrow until the connection carries anything
 * else; a dropped packet is always drawn alone, with the rule or conntrack decision that dropped it.
 * Past {@link #MAX_ARROWS} arrows the ladder stops and says so.
 *
 * <p>Behind a balancer or kube-proxy every server is a column, so an arrow ends where its
 * connection really went. A balancer keeps no conntrack and tells no listener of its drops: hooks
 * just before and after its own see a packet go in and, unless dropped, come out. A connection a
 * proxy relays ({@link #relayed}) is a second connection, from the proxy's own address, drawn
 * under the name of the one it relays; a proxy on the client's own node gets a column of its own.
 */
public final class LadderRecorder implements Firewall.Listener {
    /** Arrows kept at most (a note marks the cut); a session's ladder is far smaller once bulk folds. */
    static final int MAX_ARROWS = 20_000;
    /** Packets remembered between hops: far more than are ever in flight on one session's path. */
    private static final int IN_FLIGHT = 4096;

    /** One arrow: a packet's journey along the path, or a fold of bulk segments. */
    private static final class Arrow {
        final long time;
        final String from;
        String to;
        final String label;
        final String conn;
        final boolean bulk;
        String drop;
        final List<String> notes = new ArrayList<>(1);
        long packets, bytes, acks, last;
        /** Where the packet was addressed on its last hop. */
        int dst;
        /** The client's own port of the connection, once a hop shows the client's address; else -1. */
        int clientPort = -1;
        /** The packet's endpoints where the arrow began (address << 16 | port), to find its session later. */
        long end1, end2;

        Arrow(final long time, final String from, final String to, final String label, final String conn,
              final boolean bulk) {
            this.time = time;
            this.from = from;
            this.to = to;
            this.label = label;
            this.conn = conn;
            this.bulk = bulk;
            this.last = time;
        }
    }

    /*
     * Keys of the recorder's maps, looked up at each hop of each packet: records rather than
     * strings, which each hop would build (most of a recording's cost on a long run).
     */
    /** A connection at a node. */
    private record NodeConn(String node, String conn) {}

    /** A connection's headers as they reached a node that translated them. */
    private record NatSeen(String node, String conn, int src, int sport, int dst, int dport) {}

    /** Where a packet was last seen: its arrow, the hop it took, and its header and text as it left. */
    private static final class Hop {
        final Arrow arrow;
        final boolean folded;
        String from, at;
        long sentAt;
        int src, sport, dst, dport;
        final int seq, flags, len;
        String text;
        /** {@link ClientEndpoints#viewChanges} when the connection's key, as the header shows it now, was last named. */
        long keyedAt;

        Hop(final Arrow arrow, final boolean folded, final long t, final String from, final String at, final Packet p) {
            this.arrow = arrow;
            this.folded = folded;
            this.seq = p.seq;
            this.flags = p.flags;
            this.len = p.payloadLength;
            moved(t, from, at, p);
        }

        void moved(final long t, final String f, final String a, final Packet p) {
            sentAt = t;
            from = f;
            at = a;
            src = p.src;
            sport = p.sport;
            dst = p.dst;
            dport = p.dport;
            text = firstLine(p);
        }

        /**
         * The packet object is still this packet (not reused from the pool): same node and flags, and
         * the same sequence number or length (a helper's rewrite changes the length, the sequence
         * adjustment after it the number) and one port (NAT changes one end per hop).
         */
        boolean same(final Packet p, final String node) {
            return at.equals(node) && flags == p.flags && (seq == p.seq || len == p.payloadLength)
                    && (sport == p.sport || dport == p.dport || translatedBoth(p));
        }

        /**
         * The node changed both ports, as DNAT and masquerade on one box do (kube-proxy): the
         * packet's conntrack entry holds its header as it was before, in the packet's direction.
         */
        private boolean translatedBoth(final Packet p) {
            final int d = p.ctDir;
            return p.ct instanceof ConnEntry e && (d == 0 || d == 1) && e.srcIp(d) == src && e.srcPort(d) == sport
                    && e.dstIp(d) == dst && e.dstPort(d) == dport;
        }
    }

    private final List<Node> path;
    /** The client's address: IPv4, or its IPv6 id for a session that dials IPv6. */
    private final int client;
    /** The network's IPv6 addresses, to write ids as addresses. */
    private final Ipv6Addresses a6;
    /** The control connection's server ports: where the client dials, and where the server listens. */
    private final int[] controlPorts;
    /** Hosts of FTP servers: their columns are "server". */
    private Set<String> servers = Set.of();
    /** Columns drawn only when an arrow touches them. */
    private Set<String> optional = Set.of();
    /** Roles of nodes that are more than a firewall or router, e.g. a balancer. */
    private Map<String, String> roles = Map.of();
    private final List<Arrow> arrows = new ArrayList<>();
    /** Packets by identity (Packet keeps Object's equals), oldest forgotten first. */
    private final Map<Packet, Hop> inFlight = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Packet, Hop> eldest) {
            return size() > IN_FLIGHT;
        }
    };
    private final Map<String, Firewall> firewalls = new HashMap<>();
    private final Map<String, Arrow> openBulk = new HashMap<>();
    private final Map<ClientEndpoints.ConnKey, String> connNames = new HashMap<>();
    /** The client's endpoints along the path, through every NAT. */
    private final ClientEndpoints ends;
    /** The virtual address of each balancer on the path, by node. */
    private final Map<String, Integer> balancerVip = new HashMap<>();
    /** A packet of the client in a balancer's hook, until it comes out (see {@link #balancer}). */
    private Hop entered;
    private Packet enteredPacket;
    private String enteredLabel, enteredWhy;
    /** Per node, the last SYN that left it unclaimed. */
    private final Map<String, Syn> lastSyn = new HashMap<>();
    /** Relayed connections by their internal name ("relay N"). */
    private final Map<String, Relay> relays = new LinkedHashMap<>();
    /** Per node, the endpoints where its proxy accepted the client's connections. */
    private final Map<String, Set<Long>> relayLocal = new HashMap<>();
    /** Per node and connection, the conntrack entry last noted (or a marker for "none"). */
    private final Map<NodeConn, Object> ctNoted = new HashMap<>();
    /** Per node and connection whose last packet that node dropped, the state then noted. */
    private final Map<NodeConn, String> droppedNoted = new HashMap<>();
    /** Per node and connection, the headers (before the node) whose translation was noted. */
    private final Set<NatSeen> natNoted = new HashSet<>();
    /** The session followed (see {@link #follow}): its record and its client ports, control port first. */
    private FtpSessionRecord sessionRecord;
    private int[] sessionPorts;
    private final Map<Expectation, Boolean> expectNoted = new IdentityHashMap<>();
    private final int maxArrows;
    private long cutAt = -1, notDrawn;
    /** Packet hops the recorder may look at before it stops; see {@link #stopAfter}. */
    private long hopsLeft = Long.MAX_VALUE;
    private boolean stopped;

    /**
     * Records, at every interface of a path node facing another path node, the TCP packets of the
     * session's client: those to or from its address, and those to or from an endpoint a firewall's
     * NAT made of it (seen on the conntrack entry a packet carries out of the firewall).
     */
    LadderRecorder(final List<Node> path, final int client, final int[] controlPorts, final int maxArrows) {
        this(path, client, client, controlPorts, maxArrows);
    }

    /**
     * As above, for a client whose connections may also leave from {@code local}: 127.0.0.1 for a
     * client that dials loopback, whose packets are then recorded on its node's {@code lo} too.
     */
    LadderRecorder(final List<Node> path, final int client, final int local, final int[] controlPorts,
            final int maxArrows) {
        this.maxArrows = maxArrows;
        this.path = path;
        this.client = client;
        this.a6 = path.get(0).network().ipv6();
        this.ends = new ClientEndpoints(client, local, a6);
        this.controlPorts = controlPorts.clone();
        final Set<Node> onPath = new HashSet<>(path);
        for (final Node n : path) {
            for (final NetInterface i : n.interfaces()) {
                if (i.peer() != null && onPath.contains(i.peer().node())) {
                    tap(n, i, i.peer().node().name());
                }
            }
        }
        if (local != client) { // to itself: out on lo and back in
            tap(path.get(0), path.get(0).loopback(), path.get(0).name());
        }
    }

    private void tap(final Node n, final NetInterface i, final String to) {
        i.addTap((iface, out, p, t) -> {
            if (stopped || out && --hopsLeft < 0 && stop()) {
                return;
            }
            try {
                if (failForTest) {
                    throw new IllegalStateException("a failure injected into the ladder's recording");
                }
                settle(null); // a packet leaving an interface is out of every hook
                if (out && p.protocol == Packet.PROTO_TCP) {
                    if (ends.belongs(p)) {
                        sent(t, n.name(), to, p);
                    } else if (p.flags == Packet.SYN) { // perhaps a proxy's, relaying the client: see relayed
                        lastSyn.put(n.name(), new Syn(p, t, to, p.src, p.sport, p.dst, p.dport));
                    }
                }
            } catch (final RuntimeException | StackOverflowError e) {
                broke(e);
            }
        });
    }

    /**
     * Watches the balancer on path node {@code name}, of virtual address {@code virtualAddress}: a
     * packet of the client that enters its hook and does not come out was dropped by it, as a packet
     * of a flow it forgot ({@code idleNanos}, its idle timeout, 0 for none) or a SYN with no backend.
     */
    void balancer(final String name, final int virtualAddress, final long idleNanos) {
        final Node n = path.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (n == null) {
            return;
        }
        balancerVip.put(name, virtualAddress);
        n.hooks().register(Hook.PREROUTING, dev.ftpsim.core.balancer.Balancer.PRIORITY - 1, (hook, p, in, out) -> {
            try {
                entering(name, idleNanos, p, in);
            } catch (final RuntimeException | StackOverflowError e) {
                broke(e);
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        n.hooks().register(Hook.PREROUTING, dev.ftpsim.core.balancer.Balancer.PRIORITY + 1, (hook, p, in, out) -> {
            if (entered != null && enteredPacket == p) {
                entered = null; // the balancer let it through
                enteredPacket = null;
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
    }

    /** A packet enters balancer {@code name}'s hook: kept until it comes out, or drawn as dropped there. */
    private void entering(final String name, final long idleNanos, final Packet p, final NetInterface in) {
        settle(null); // a packet entering is a new traversal, even of a pooled object used before
        final Hop h = stopped || in == null ? null : inFlight.get(p);
        if (h != null && h.same(p, name)) {
            final boolean syn = (p.flags & (Packet.SYN | Packet.ACK | Packet.RST)) == Packet.SYN;
            entered = h;
            enteredPacket = p;
            enteredLabel = h.folded || h.arrow.bulk || h.arrow.drop != null ? label(p) : null;
            enteredWhy = "dropped by balancer " + name + (syn ? ": no backend to send the connection to"
                    : ": no flow for it in its table" + (idleNanos > 0 ? String.format(Locale.ROOT,
                    " (it forgets a flow idle %s s)", new java.math.BigDecimal(idleNanos).movePointLeft(9)
                            .stripTrailingZeros().toPlainString()) : ""));
        }
    }

    /** A packet that entered a balancer's hook and never came out of it was dropped there: drawn so. */
    private void settle(final Packet now) {
        if (entered == null || now == enteredPacket) { // still in the hooks: another function's decision on it
            return;
        }
        final Hop h = entered;
        entered = null;
        if (inFlight.get(enteredPacket) == h) {
            inFlight.remove(enteredPacket);
        }
        enteredPacket = null;
        drop(h, null, enteredLabel, enteredWhy);
    }

    /** A SYN no one claimed, as it left a node: the connection a proxy there opens is told of after its SYN left. */
    private record Syn(Packet p, long t, String to, int src, int sport, int dst, int dport) {}

    /** A relay: the proxy on {@code node} opened connection {@code back} for the client's connection {@code front}. */
    private record Relay(String node, ClientEndpoints.ConnKey front, long frontLocal, long backRemote) {}

    /**
     * A proxy on {@code node} accepted {@code front} and opened {@code back} for it: when front is
     * the client's, back is drawn as the same connection relayed by that node.
     */
    void relayed(final Node node, final dev.ftpsim.core.tcp.TcpConnection front,
            final dev.ftpsim.core.tcp.TcpConnection back) {
        if (stopped || !path.contains(node)) {
            return;
        }
        try {
            relay(node, front, back);
        } catch (final RuntimeException | StackOverflowError e) {
            broke(e);
        }
    }

    private void relay(final Node node, final dev.ftpsim.core.tcp.TcpConnection front,
            final dev.ftpsim.core.tcp.TcpConnection back) {
        final long frontRemote = ClientEndpoints.endpoint(front.remoteIp(), front.remotePort());
        final long frontLocal = ClientEndpoints.endpoint(front.localIp(), front.localPort());
        final long backLocal = ClientEndpoints.endpoint(back.localIp(), back.localPort());
        final ClientEndpoints.ConnKey frontKey = ends.key(frontRemote, frontLocal);
        if (!ends.relayed(frontRemote, backLocal)) {
            return;
        }
        final ClientEndpoints.ConnKey backKey = ends.key(backLocal,
                ClientEndpoints.endpoint(back.remoteIp(), back.remotePort()));
        final String name = "relay " + (connNames.size() + 1);
        connNames.put(backKey, name);
        relays.put(name, new Relay(node.name(), frontKey, frontLocal,
                ClientEndpoints.endpoint(back.remoteIp(), back.remotePort())));
        relayLocal.computeIfAbsent(node.name(), k -> new HashSet<>()).add(frontLocal);
        final Syn syn = lastSyn.remove(node.name());
        if (syn != null && syn.src == back.localIp() && syn.sport == back.localPort() && syn.dst == back.remoteIp()
                && syn.dport == back.remotePort() && syn.p.src == syn.src && syn.p.sport == syn.sport
                && syn.p.flags == Packet.SYN) { // still on the wire, as it left
            sent(syn.t, node.name(), syn.to, syn.p);
        }
    }

    /**
     * What the columns are: the hosts of FTP servers ({@code servers}), the columns drawn only when
     * an arrow touches them ({@code optional}), and roles beyond a firewall's ({@code roles}, by node).
     */
    void columns(final Set<String> serverHosts, final Set<String> optionalColumns, final Map<String, String> nodeRoles) {
        servers = Set.copyOf(serverHosts);
        optional = Set.copyOf(optionalColumns);
        roles = Map.copyOf(nodeRoles);
    }

    /** A firewall of the path: its decisions and conntrack are read for the notes. */
    void firewall(final String node, final Firewall fw) {
        firewalls.put(node, fw);
    }

    /** A packet of the client leaves {@code from} towards {@code to}. */
    private void sent(final long t, final String from, final String to, final Packet p) {
        final Hop h = inFlight.get(p);
        if (h != null && h.same(p, from)) { // one hop further
            // The same header and translations as at the hop before: the key is named already.
            if (h.src != p.src || h.sport != p.sport || h.dst != p.dst || h.dport != p.dport || h.keyedAt != ends.viewChanges()) {
                connNames.putIfAbsent(ends.key(p), h.arrow.conn);
            }
            h.keyedAt = ends.viewChanges();
            crossed(from, h, p);
            if (!h.folded && h.arrow.to.equals(from)) {
                h.arrow.to = to;
            }
            h.moved(t, from, to, p);
            if (!h.folded) {
                h.arrow.dst = p.dst;
            }
            if (h.arrow.clientPort < 0) {
                h.arrow.clientPort = ends.ownPort(p);
            }
            return;
        }
        final String conn = connection(p);
        final boolean bulkData = p.data == null && p.payloadLength > 0;
        final Arrow open = openBulk.get(conn);
        if (open != null && (bulkData || p.flags == Packet.ACK && p.payloadLength == 0)) {
            if (bulkData) {
                open.packets++;
                open.bytes += p.payloadLength;
            } else {
                open.acks++;
            }
            open.last = t;
            final Hop fh = new Hop(open, !bulkData || !open.from.equals(from), t, from, to, p);
            fh.keyedAt = ends.viewChanges(); // connection(p) named its key
            inFlight.put(p, fh);
            return;
        }
        if (open != null) {
            openBulk.remove(conn);
        }
        if (arrows.size() >= maxArrows) {
            cutAt = cutAt < 0 ? t : cutAt;
            notDrawn++;
            return;
        }
        final Arrow a = new Arrow(t, from, to, bulkData ? "" : label(p), conn, bulkData);
        if (bulkData) {
            a.packets = 1;
            a.bytes = p.payloadLength;
            openBulk.put(conn, a);
        }
        a.dst = p.dst;
        a.clientPort = ends.ownPort(p);
        a.end1 = ClientEndpoints.endpoint(p.src, p.sport);
        a.end2 = ClientEndpoints.endpoint(p.dst, p.dport);
        arrows.add(a);
        final Hop nh = new Hop(a, false, t, from, to, p);
        nh.keyedAt = ends.viewChanges();
        inFlight.put(p, nh);
        if (firewalls.containsKey(from)) { // the firewall's own packet, e.g. a reset
            firstSight(from, a, p);
            // its OUTPUT or POSTROUTING NAT, before the first tap: the entry holds the header as sent
            if (p.ct instanceof ConnEntry e && (p.ctDir == 0 || p.ctDir == 1)) {
                final int d = p.ctDir;
                if ((e.srcIp(d) != p.src || e.srcPort(d) != p.sport || e.dstIp(d) != p.dst || e.dstPort(d) != p.dport)
                        && natNoted.add(new NatSeen(from, a.conn, e.srcIp(d), e.srcPort(d), e.dstIp(d), e.dstPort(d)))) {
                    final boolean src = e.srcIp(d) != p.src || e.srcPort(d) != p.sport;
                    final boolean dst = e.dstIp(d) != p.dst || e.dstPort(d) != p.dport;
                    a.notes.add(from + ": " + (d == 1 ? "reverse NAT" : src && dst ? "DNAT + SNAT" : src ? "SNAT" : "DNAT")
                            + " " + ends(e.srcIp(d), e.srcPort(d), e.dstIp(d), e.dstPort(d)) + " => "
                            + ends(p.src, p.sport, p.dst, p.dport));
                }
            }
        }
    }

    /** What node {@code at} did to a packet it forwarded: NAT, helper rewrite, expectations, first sight. */
    private void crossed(final String at, final Hop h, final Packet p) {
        final Arrow a = h.arrow;
        if (firewalls.containsKey(at)) {
            firstSight(at, a, p);
        }
        if (h.src != p.src || h.sport != p.sport || h.dst != p.dst || h.dport != p.dport) {
            if (natNoted.add(new NatSeen(at, a.conn, h.src, h.sport, h.dst, h.dport))) {
                final String before = ends(h.src, h.sport, h.dst, h.dport);
                final boolean src = h.src != p.src || h.sport != p.sport, dst = h.dst != p.dst || h.dport != p.dport;
                // A balancer keeps no conntrack entry: its rewrite of a backend's answer to come from the
                // virtual address undoes its DNAT; it is no source NAT (the backend saw the client's address).
                final Integer vip = balancerVip.get(at);
                final boolean reply = p.ctDir == 1 || vip != null && p.src == vip && !dst && src;
                final String kind = reply ? "reverse NAT" : src && dst ? "DNAT + SNAT" : src ? "SNAT" : "DNAT";
                a.notes.add(at + ": " + kind + " " + before + " => " + ends(p.src, p.sport, p.dst, p.dport));
            }
        }
        final String text = firstLine(p);
        if (h.text != null && text != null && !h.text.equals(text)) {
            final int sp = h.text.indexOf(' ');
            final String verb = sp > 0 && text.startsWith(h.text.substring(0, sp + 1)) ? h.text.substring(0, sp + 1) : "";
            a.notes.add(at + " helper rewrote: " + h.text + " -> " + text.substring(verb.length()));
        }
        final Firewall fw = firewalls.get(at);
        if (text != null && fw != null && fw.conntrack() != null && p.ct != null) {
            for (final Expectation x : fw.conntrack().expectations()) {
                if (x.master() == p.ct && expectNoted.put(x, Boolean.TRUE) == null) {
                    a.notes.add(at + ": expects " + (x.srcIp() == 0 ? "any" : a6.formatAny(x.srcIp())) + " -> "
                            + endpointText(x.dstIp(), x.dstPort()) + " (" + x.label() + ")");
                }
            }
        }
    }

    /** Notes the conntrack state of the packet's connection where {@code at} first sees it, or sees a new entry. */
    private void firstSight(final String at, final Arrow a, final Packet p) {
        final Firewall fw = firewalls.get(at);
        if (fw == null || fw.conntrack() == null) {
            return;
        }
        final NodeConn k = new NodeConn(at, a.conn);
        final Object entry = p.ct != null ? p.ct : "none " + p.ctInfo;
        final Object prev = ctNoted.get(k);
        if (prev != null && (prev == p.ct || p.ct == null && entry.equals(prev))) {
            return;
        }
        final StringBuilder n = new StringBuilder(at).append(": ct ");
        final String state = CtState.format(p.ctInfo);
        n.append(state.isEmpty() ? "untracked" : state);
        if (p.ct instanceof ConnEntry e) {
            if (e.master() != null) {
                n.append(", expected (").append(e.expectedBy()).append(')');
            }
            if (e.helperName() != null && !e.helperName().isEmpty()) {
                n.append(", helper ").append(e.helperName());
            }
        }
        // A dropped packet's entry is never confirmed: its retransmission gets a new one, in the same state.
        if (n.toString().equals(droppedNoted.get(k))) {
            return;
        }
        ctNoted.put(k, entry);
        a.notes.add(n.toString());
    }

    /**
     * Stops recording after {@code hops} packet hops on the path: a run that records a ladder in
     * case it fails keeps the cost of one it does not need small. A stopped recording is
     * incomplete; {@link #stopped} says so.
     */
    void stopAfter(final long hops) {
        hopsLeft = hops;
    }

    boolean stopped() {
        return stopped;
    }

    /** Tests make the recording throw at the first packet, as a bug in it would. */
    static volatile boolean failForTest;

    /** Why the recording broke (a bug in it), or null. */
    private Throwable broken;

    /**
     * A bug while recording: the recording stops, incomplete, and the run goes on, since the ladder
     * only pictures the run; drawing it then says why ({@link #checkWhole}).
     */
    private void broke(final Throwable e) {
        if (broken == null) {
            broken = e;
        }
        stop();
    }

    /** Throws, saying why, when the recording broke: such a ladder cannot be drawn. */
    void checkWhole() {
        if (broken != null) {
            throw new IllegalStateException("recording the ladder failed: " + broken, broken);
        }
    }

    private boolean stop() {
        stopped = true;
        arrows.clear(); // incomplete, never drawn: its memory goes back at once
        inFlight.clear();
        return true;
    }

    /** The session's client host, as session records name it. */
    public String clientName() {
        return path.get(0).name();
    }

    @Override
    public void decided(final Firewall fw, final Hook hook, final Program.ChainCode chain, final int rule, final Packet p,
            final boolean dropped) {
        try {
            decide(fw, chain, rule, p, dropped);
        } catch (final RuntimeException | StackOverflowError e) {
            broke(e);
        }
    }

    private void decide(final Firewall fw, final Program.ChainCode chain, final int rule, final Packet p,
            final boolean dropped) {
        settle(p);
        final Hop h = stopped ? null : inFlight.get(p);
        if (h == null || !h.same(p, fw.node().name())) {
            return;
        }
        firstSight(fw.node().name(), h.arrow, p);
        if (dropped) {
            drop(h, p, "dropped by " + Firewall.describe(chain, rule));
        }
    }

    @Override
    public void conntrackDrop(final Firewall fw, final Hook hook, final Packet p, final String reason) {
        try {
            settle(p);
            final Hop h = stopped ? null : inFlight.get(p);
            if (h != null && h.same(p, fw.node().name())) {
                drop(h, p, "conntrack: " + reason);
            }
        } catch (final RuntimeException | StackOverflowError e) {
            broke(e);
        }
    }

    /** Ends the packet's arrow with a cross; a folded packet gets an arrow of its own. */
    private void drop(final Hop h, final Packet p, final String why) {
        inFlight.remove(p);
        drop(h, p, null, why);
    }

    /** As above; {@code p} null for a packet gone already, {@code label} then its label (null when not needed). */
    private void drop(final Hop h, final Packet p, final String label, final String why) {
        Arrow a = h.arrow;
        final NodeConn k = new NodeConn(h.at, a.conn);
        final String state = a.notes.stream().filter(x -> x.startsWith(h.at + ": ct ")).findFirst().orElse(null);
        if (state != null) {
            droppedNoted.put(k, state);
        }
        if (a.bulk || h.folded || a.drop != null) {
            if (arrows.size() >= maxArrows) {
                notDrawn++;
                return;
            }
            final Arrow folded = a;
            a = new Arrow(h.sentAt, h.from, h.at, p != null ? label(p) : label, a.conn, false);
            a.clientPort = folded.clientPort >= 0 || p == null ? folded.clientPort : ends.ownPort(p);
            a.end1 = folded.end1;
            a.end2 = folded.end2;
            arrows.add(a);
        }
        a.to = h.at;
        a.drop = why;
    }

    /** The diagram's columns: the path's nodes, in order, each named for what it is. */
    public List<LadderNode> nodes() {
        return nodes(null);
    }

    /**
     * The columns of a drawing of {@code events}: {@link #nodes()} without the optional ones
     * (another server than the dialled one) that no event touches; null: all.
     */
    public List<LadderNode> nodes(final List<LadderEvent> events) {
        final Set<String> touched = new HashSet<>();
        if (events != null) {
            events.forEach(e -> {
                touched.add(e.from());
                touched.add(e.to());
            });
        }
        final List<LadderNode> out = new ArrayList<>();
        final String proxy = proxyColumn();
        for (int i = 0; i < path.size(); i++) {
            final Node n = path.get(i);
            if (i == 1 && proxy != null && (events == null || touched.contains(proxy))) {
                final Relay r = relays.values().stream().filter(x -> x.node.equals(path.get(0).name())).findFirst()
                        .orElseThrow();
                out.add(new LadderNode(proxy, "proxy to " + endpointText((int) (r.backRemote >>> 16),
                        (int) (r.backRemote & 0xFFFF))));
            }
            if (events != null && optional.contains(n.name()) && !touched.contains(n.name())) {
                continue;
            }
            if (n instanceof dev.ftpsim.core.net.Switch) { // no address of its own
                out.add(new LadderNode(n.name(), firewalls.get(n.name()) == null ? "switch" : "bridge firewall"));
                continue;
            }
            final String role = roles.get(n.name());
            if (role != null) { // a balancer: named by the address its clients dial
                final Firewall fw = firewalls.get(n.name());
                out.add(new LadderNode(n.name(), (fw == null ? "" : role(fw) + " + ") + role));
                continue;
            }
            final String what = i == 0 ? (servers.contains(n.name()) ? "client + server" : "client") : servers.contains(n.name()) ? "server"
                    : !(n instanceof dev.ftpsim.core.net.Router) && firewalls.get(n.name()) == null && !relayLocal.containsKey(n.name())
                            ? "host" // a backend with no FTP server
                    : role(firewalls.get(n.name())) + (relayLocal.containsKey(n.name()) ? " + proxy" : "");
            out.add(new LadderNode(n.name(), what + " " + a6.formatAny(shownAddress(n))));
        }
        return out;
    }

    /** A node's first address of the session's family: its IPv6 one for a session over IPv6, where it has one. */
    private int shownAddress(final Node n) {
        if (Ipv6.isId(client)) {
            for (final NetInterface i : n.interfaces()) {
                if (i.address6() != 0) {
                    return i.address6();
                }
            }
        }
        return n.interfaces().get(0).address();
    }

    /** A router with no rules is a router; one whose rules translate addresses is a NAT. */
    private static String role(final Firewall fw) {
        if (fw == null) {
            return "router";
        }
        final boolean nat = fw.program().chains().stream().anyMatch(Program.ChainCode::nat);
        return (fw.conntrack() == null ? "stateless firewall" : "firewall") + (nat ? " + NAT" : "");
    }

    /**
     * The arrows that began between {@code from} and {@code to} (simulated nanoseconds), data
     * connections numbered from 1 in order of appearance; ends with a note if the recording was cut.
     */
    public List<LadderEvent> events(final long from, final long to) {
        return events(from, to, null);
    }

    /**
     * As {@link #events(long, long)}, keeping only the connections of one session when
     * {@code ports} (its client ports, control port first, as {@link #follow} takes them) is not
     * null: several sessions of one client node run at the same time share its address, never a port.
     */
    List<LadderEvent> events(final long from, final long to, final int[] ports) {
        settle(null);
        final List<LadderEvent> out = new ArrayList<>();
        final Map<String, String> renumber = new HashMap<>();
        final Map<String, String> controls = new HashMap<>();
        final Set<String> accepted = new HashSet<>();
        for (final Arrow a : arrows) {
            if (a.time < from || a.time > to || ports != null && !ofSession(a, ports)) {
                continue;
            }
            final String conn = display(a.conn, controls, renumber);
            final String label = a.bulk ? bulkLabel(a) : a.label;
            final List<String> lines = new ArrayList<>(a.notes);
            if (a.drop == null && !relays.containsKey(a.conn) && endsInside(a)) { // a proxy's own connection ends there
                final Relay r = relayOfFront(a.conn);
                if (r == null) {
                    lines.add(a.to + ": addressed to " + a.to + " itself, not translated onward");
                } else if (accepted.add(a.conn)) {
                    lines.add(a.to + ": its proxy relays it to "
                            + endpointText((int) (r.backRemote >>> 16), (int) (r.backRemote & 0xFFFF)));
                }
            }
            final String notes = String.join("\n", lines);
            final String f = column(a, a.from, a.end1), t = column(a, a.to, a.end2);
            out.add(a.drop != null
                    ? LadderEvent.dropped(a.time, f, t, label, conn, a.drop + (notes.isEmpty() ? "" : "\n" + notes))
                    : new LadderEvent(a.time, f, t, label, conn, LadderEvent.Kind.SENT_AND_DELIVERED, notes));
        }
        if (cutAt >= 0 && cutAt <= to) {
            String last = path.get(0).name();
            for (final Node n : path) {
                last = optional.contains(n.name()) ? last : n.name(); // a column every drawing has
            }
            out.add(LadderEvent.note(cutAt, path.get(0).name(), last,
                    String.format(Locale.ROOT, "ladder cut here: more than %,d arrows; %,d later packets of this client"
                            + " are not drawn", maxArrows, notDrawn)));
        }
        return out;
    }

    /**
     * A connection's name in the drawing: "control", "data N" numbered in order of appearance, and
     * a connection a proxy relays named for the one it relays, e.g. "control relayed by docker-host".
     */
    private String display(final String conn, final Map<String, String> controls, final Map<String, String> renumber) {
        final Relay r = relays.get(conn);
        if (r != null) {
            final String front = connNames.get(r.front);
            return (front == null ? "connection" : display(front, controls, renumber)) + " relayed by " + r.node;
        }
        return conn.startsWith("control")
                ? controls.computeIfAbsent(conn, k -> controls.isEmpty() ? "control" : "control " + (controls.size() + 1))
                : renumber.computeIfAbsent(conn, k -> "data " + (renumber.size() + 1));
    }

    /** The relay of which connection {@code conn} is the accepted (front) side, or null. */
    private Relay relayOfFront(final String conn) {
        for (final Relay r : relays.values()) {
            if (conn.equals(connNames.get(r.front))) {
                return r;
            }
        }
        return null;
    }

    /**
     * The column of an arrow's end at {@code node}: the proxy's own column ({@link #proxyColumn})
     * for the end that is the proxy's, when the proxy runs on the client's node; else the node's.
     * {@code endpoint} is the packet's endpoint at that end where the arrow began.
     */
    private String column(final Arrow a, final String node, final long endpoint) {
        final String proxy = proxyColumn();
        if (proxy == null || !node.equals(path.get(0).name())) {
            return node;
        }
        final Relay r = relays.get(a.conn);
        if (r != null && r.node.equals(node)) {
            return proxy; // the proxy's own connection: both ends at the node are its
        }
        return relayLocal.get(node).contains(endpoint) ? proxy : node;
    }

    /** A column of its own for a proxy on the client's node (which dials it on loopback), or null for none. */
    private String proxyColumn() {
        return relayLocal.containsKey(path.get(0).name()) ? "proxy on " + path.get(0).name() : null;
    }

    /** The arrow stops at a middlebox that was its destination, e.g. a reply whose NAT entry expired. */
    private boolean endsInside(final Arrow a) {
        for (int i = 1; i < path.size(); i++) {
            final Node n = path.get(i);
            if (n.name().equals(a.to) && !servers.contains(n.name())) {
                return n.interfaces().stream().anyMatch(x -> x.address() == a.dst);
            }
        }
        return false;
    }

    private static String bulkLabel(final Arrow a) {
        final double secs = (a.last - a.time) / 1e9;
        return String.format(Locale.ROOT, "data: %,d segments, %,d B sent in %s%s", a.packets, a.bytes,
                secs >= 1 ? String.format(Locale.ROOT, "%.3f s", secs) : String.format(Locale.ROOT, "%.3f ms", secs * 1e3),
                a.acks > 0 ? String.format(Locale.ROOT, " (and %,d ACKs)", a.acks) : "");
    }

    private String connection(final Packet p) {
        // Each control connection is named apart: sessions of one node can overlap in time.
        boolean c = false;
        for (final int port : controlPorts) {
            c |= p.sport == port || p.dport == port;
        }
        final boolean control = c;
        return connNames.computeIfAbsent(ends.key(p), k -> (control ? "control " : "data ") + (connNames.size() + 1));
    }

    /**
     * Whether the arrow is one of the session's connections: its client port is one of the
     * session's, or (the client's own address never seen on it) it went to an endpoint the
     * session's control connection announced. An arrow nothing ties to any session is kept.
     */
    private boolean ofSession(final Arrow a, final int[] ports) {
        if (ends.bothOwn(a.end1, a.end2)) { // to a server on the client's own node: either end is the client's
            for (final int q : ports) {
                if (q == (int) (a.end1 & 0xFFFF) || q == (int) (a.end2 & 0xFFFF)) {
                    return true;
                }
            }
            return false;
        }
        int port = a.clientPort;
        for (final Set<Long> local : relayLocal.values()) { // the client's end is the one the proxy did not listen on
            port = local.contains(a.end1) ? (int) (a.end2 & 0xFFFF) : local.contains(a.end2) ? (int) (a.end1 & 0xFFFF) : port;
        }
        if (port < 0) {
            port = Math.max(ends.viewPort(a.end1), ends.viewPort(a.end2));
        }
        if (port >= 0) {
            for (final int q : ports) {
                if (q == port) {
                    return true;
                }
            }
            return false;
        }
        final Integer by = ends.announcer(a.end2, a.end1);
        if (by == null) {
            return true;
        }
        for (final int q : ports) { // any of the session's control connections (lftp reconnects)
            if (q == by) {
                return true;
            }
        }
        return false;
    }

    /**
     * Follows one session of this client node: its record and its client ports (the control
     * connection's first, then each data connection attempt's), whose ladder is then drawn alone.
     */
    void follow(final FtpSessionRecord record, final int[] ports) {
        sessionRecord = record;
        sessionPorts = ports;
    }

    /** The followed session's record, or null when none ended (or was cut) in the run. */
    FtpSessionRecord sessionRecord() {
        return sessionRecord;
    }

    /** The followed session's client ports (control first), or null: then every connection of the node is drawn. */
    int[] sessionPorts() {
        return sessionPorts;
    }

    private String ends(final int src, final int sport, final int dst, final int dport) {
        return endpointText(src, sport) + " > " + endpointText(dst, dport);
    }

    /** Address and port; an IPv6 address in brackets, "[2001:db8::1]:21" (RFC 5952 section 6). */
    private String endpointText(final int ip, final int port) {
        return (Ipv6.isId(ip) ? "[" + a6.format(ip) + "]" : Ipv4.format(ip)) + ":" + port;
    }

    /** The first line of a packet's real payload, or null for none or bulk. */
    static String firstLine(final Packet p) {
        if (p.data == null || p.payloadLength == 0) {
            return null;
        }
        final String text = new String(p.data, 0, p.payloadLength, StandardCharsets.ISO_8859_1);
        final int nl = text.indexOf('\r');
        return (nl >= 0 ? text.substring(0, nl) : text).strip();
    }

    private String label(final Packet p) {
        final String text = firstLine(p);
        if (text != null) {
            if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                return "TLS record " + p.payloadLength + " B";
            }
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
        if (p.payloadLength > 0) {
            return "data " + p.payloadLength + " B";
        }
        final StringBuilder f = new StringBuilder();
        if ((p.flags & Packet.SYN) != 0) {
            f.append("SYN");
        }
        if ((p.flags & Packet.FIN) != 0) {
            f.append(f.length() > 0 ? "/" : "").append("FIN");
        }
        if ((p.flags & Packet.RST) != 0) {
            f.append(f.length() > 0 ? "/" : "").append("RST");
        }
        if ((p.flags & Packet.ACK) != 0) {
            f.append(f.length() > 0 ? "/" : "").append("ACK");
        }
        return f + " " + ends(p.src, p.sport, p.dst, p.dport);
    }
}
