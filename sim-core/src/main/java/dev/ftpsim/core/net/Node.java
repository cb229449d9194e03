package dev.ftpsim.core.net;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host or router: interfaces, a routing table, netfilter hooks and the local protocols.
 *
 * <p>Packet path (each hook runs even while empty, so a firewall plugs in without touching it):
 *
 * <pre>
 * in iface -> PREROUTING -> route -+-> INPUT   -> local protocol (TCP)
 *                                  +-> FORWARD -> POSTROUTING -> out iface
 * local TCP -> route -> OUTPUT -> POSTROUTING -> out iface
 * </pre>
 */
public abstract class Node {
    /** Linux's {@code net.ipv4.ip_default_ttl}. */
    public static final int DEFAULT_TTL = 64;
    /** The loopback interface's name and address, as every Linux node has them: {@code lo}, 127.0.0.1/8. */
    public static final String LOOPBACK = "lo";
    private static final int LOOPBACK_ADDRESS = 0x7F00_0001;

    private final Network network;
    private final String name;
    private final boolean forwarding;
    /** Up to this many interfaces are searched in a list; more (a router facing a host group) get maps. */
    private static final int FEW_INTERFACES = 4;
    private static final ProtocolHandler[] NO_PROTOCOLS = new ProtocolHandler[0];
    private static final NetInterface[] NO_INTERFACES = new NetInterface[0];

    // A host group of a million members is a million nodes: what every node holds is kept small,
    // and a packet reads few of its objects (cold with 10^5 nodes): no list object, no empty hooks.
    private NetInterface[] ifaces = NO_INTERFACES;
    private int ifaceCount;
    /** The read-only view {@link #interfaces()} returns, made when first asked for. */
    private List<NetInterface> interfacesView;
    /** Interfaces by name and by address once there are more than {@link #FEW_INTERFACES}; else null. */
    private Map<String, NetInterface> byName;
    private dev.ftpsim.core.util.LongObjectMap<NetInterface> byAddress;
    /** ICMP error tokens per destination ({@link #icmpAllowed}): {tokens, last} in jiffies; made on first use. */
    private dev.ftpsim.core.util.LongObjectMap<long[]> icmpPeers;
    private final RouteTable routes;
    /** Made by the first {@link #hooks()}: a node that no one hooks into runs none and reads none. */
    private NetfilterHooks hooks;
    /** Handlers by IP protocol number, as long as the highest one set; {@code tcp} is {@code protocols[6]}, read directly. */
    private ProtocolHandler[] protocols = NO_PROTOCOLS;
    private ProtocolHandler tcp;
    /** Counters for packets this node generates that die before reaching an interface; made when first asked for. */
    private InterfaceCounters localCounters;
    /** {@code lo}, made when first used: a million group members that never talk to themselves need none. */
    private NetInterface loopback;
    private int nextIpId;

    protected Node(final Network network, final String name, final boolean forwarding) {
        this.network = network;
        this.name = name;
        this.forwarding = forwarding;
        this.routes = new RouteTable(network.ipv6());
    }

    public Network network() {
        return network;
    }

    public String name() {
        return name;
    }

    public boolean isForwarding() {
        return forwarding;
    }

    public RouteTable routes() {
        return routes;
    }

    public NetfilterHooks hooks() {
        if (hooks == null) {
            hooks = new NetfilterHooks();
        }
        return hooks;
    }

    /** The hooks' verdict on {@code p} at {@code hook}; ACCEPT, reading nothing, when none was ever registered. */
    Verdict runHooks(final Hook hook, final Packet p, final NetInterface in, final NetInterface out) {
        final NetfilterHooks h = hooks;
        return h == null ? Verdict.ACCEPT : h.run(hook, p, in, out);
    }

    /** {@link #localCounters()} if made, else null: reading a million nodes' drops makes nothing. */
    public InterfaceCounters localCountersIfAny() {
        return localCounters;
    }

    /** The node's interfaces' count and the k-th of them, without the view {@link #interfaces()} makes. */
    public int interfaceCount() {
        return ifaceCount;
    }

    /** See {@link #interfaceCount()}. */
    public NetInterface interfaceAt(final int k) {
        return ifaces[java.util.Objects.checkIndex(k, ifaceCount)];
    }

    public InterfaceCounters localCounters() {
        if (localCounters == null) {
            localCounters = new InterfaceCounters(null);
        }
        return localCounters;
    }

    public List<NetInterface> interfaces() {
        if (interfacesView == null) {
            interfacesView = new InterfaceList(this);
        }
        return interfacesView;
    }

    /** A read-only, live view of a node's interfaces. */
    private static final class InterfaceList extends AbstractList<NetInterface> {
        private final Node node;

        InterfaceList(final Node node) {
            this.node = node;
        }

        @Override
        public NetInterface get(final int k) {
            return node.ifaces[java.util.Objects.checkIndex(k, node.ifaceCount)];
        }

        @Override
        public int size() {
            return node.ifaceCount;
        }
    }

    /**
     * The node's loopback interface {@code lo} (127.0.0.1/8), apart from {@link #interfaces()}:
     * what the node sends to one of its own addresses goes out and comes back in through it, so
     * rules on {@code iif lo} / {@code oif lo} see it as on Linux.
     */
    public NetInterface loopback() {
        if (loopback == null) {
            loopback = new NetInterface(this, LOOPBACK, -1, new Prefix(LOOPBACK_ADDRESS & 0xFF00_0000, 8),
                    LOOPBACK_ADDRESS, true);
        }
        return loopback;
    }

    /** Whether {@link #loopback()} was made: a node that never talked to itself has none to count. */
    public boolean hasLoopback() {
        return loopback != null;
    }

    /** Whether {@code addr} is in 127.0.0.0/8, which Linux's local table routes to {@code lo}. */
    public static boolean isLoopbackAddress(final int addr) {
        return addr >>> 24 == 127;
    }

    public NetInterface iface(final String ifName) {
        if (LOOPBACK.equals(ifName)) {
            return loopback();
        }
        final NetInterface i = byName(ifName);
        if (i == null) {
            throw new IllegalArgumentException(name + " has no interface '" + ifName + "'; it has "
                    + interfaces().stream().map(NetInterface::name).toList());
        }
        return i;
    }

    private NetInterface byName(final String ifName) {
        if (byName != null) {
            return byName.get(ifName);
        }
        for (int k = 0; k < ifaceCount; k++) {
            if (ifaces[k].name().equals(ifName)) {
                return ifaces[k];
            }
        }
        return null;
    }

    /** First interface's address: the usual way to name a single-homed host. */
    public int address() {
        if (ifaceCount == 0) {
            throw new IllegalStateException(name + " has no interface");
        }
        return ifaces[0].address();
    }

    /**
     * Adds an interface with an address like "192.0.2.1/24" or "2001:db8::1/64" and its connected
     * route. An address in 240.0.0.0/4 is refused: ftpsim uses that block for IPv6 ids ({@link Ipv6}).
     */
    public NetInterface addInterface(final String ifName, final String addressWithPrefix) {
        if (LOOPBACK.equals(ifName)) {
            throw new IllegalArgumentException(name + " has lo already: every node has it");
        }
        if (byName(ifName) != null) {
            throw new IllegalArgumentException(name + " already has an interface '" + ifName + "'");
        }
        final NetInterface i;
        if (Ipv6.looksLike(addressWithPrefix)) {
            final Prefix6 p6 = Prefix6.parse(addressWithPrefix.contains("/") ? addressWithPrefix : addressWithPrefix + "/128");
            final int id = network.ipv6().parse(strip(addressWithPrefix));
            i = new NetInterface(this, ifName, ifaceCount, p6, id);
            routes.add(new Route(p6, 0, i));
        } else {
            final Prefix p = network.shared(Prefix.parse(addressWithPrefix));
            final int addr = Ipv4.parse(strip(addressWithPrefix));
            if (Ipv6.isId(addr)) {
                throw new IllegalArgumentException("address " + Ipv4.format(addr)
                        + " is in 240.0.0.0/4, reserved (RFC 1112 section 4); ftpsim does not route it");
            }
            i = new NetInterface(this, ifName, ifaceCount, p, addr);
            routes.add(new Route(p, 0, i));
            routes.addressesChanged();
        }
        if (ifaceCount == ifaces.length) {
            ifaces = Arrays.copyOf(ifaces, Math.max(1, 2 * ifaceCount));
        }
        ifaces[ifaceCount++] = i;
        if (byName == null && ifaceCount > FEW_INTERFACES) {
            byName = new HashMap<>();
            byAddress = new dev.ftpsim.core.util.LongObjectMap<>(2 * FEW_INTERFACES);
            for (int k = 0; k < ifaceCount; k++) {
                final NetInterface x = ifaces[k];
                byName.put(x.name(), x);
                indexAddresses(x); // in order: the last of equal addresses wins
            }
        } else if (byName != null) {
            byName.put(ifName, i);
            indexAddresses(i);
        }
        return i;
    }

    /** Gives interface {@code ifName} an IPv6 address like "2001:db8::1/64" besides its IPv4 one, and its connected route. */
    public NetInterface addAddress6(final String ifName, final String addressWithPrefix) {
        final NetInterface i = iface(ifName);
        final Prefix6 p6 = Prefix6.parse(addressWithPrefix.contains("/") ? addressWithPrefix : addressWithPrefix + "/128");
        i.setAddress6(p6, network.ipv6().parse(strip(addressWithPrefix)));
        if (byAddress != null) {
            indexAddresses(i);
        }
        routes.add(new Route(p6, 0, i));
        return i;
    }

    private static String strip(final String addressWithPrefix) {
        final int slash = addressWithPrefix.indexOf('/');
        return slash < 0 ? addressWithPrefix : addressWithPrefix.substring(0, slash);
    }

    private void indexAddresses(final NetInterface x) {
        byAddress.put(x.address() & 0xFFFFFFFFL, x);
        if (x.address6() != 0) {
            byAddress.put(x.address6() & 0xFFFFFFFFL, x);
        }
    }

    /**
     * Adds a static route "dst/len via gateway", IPv4 or IPv6 ("2001:db8:2::/48" via "2001:db8:1::1");
     * the interface is the one whose network holds the gateway.
     */
    public void addRoute(final String prefix, final String gateway) {
        final boolean v6 = Ipv6.looksLike(prefix);
        if (v6 != Ipv6.looksLike(gateway)) {
            throw new IllegalArgumentException(name + ": route " + prefix + " and gateway " + gateway
                    + " are of different address families");
        }
        final int gw = v6 ? network.ipv6().parse(gateway) : Ipv4.parse(gateway);
        final Route connected = routes.lookup(gw);
        if (connected == null || connected.gateway() != 0) {
            throw new IllegalArgumentException(name + ": gateway " + gateway + " is not on a connected network");
        }
        routes.add(v6 ? new Route(Prefix6.parse(prefix), gw, connected.iface())
                : new Route(network.shared(Prefix.parse(prefix)), gw, connected.iface()));
    }

    /** Adds the default route 0.0.0.0/0, or ::/0 for an IPv6 gateway, via {@code gateway}. */
    public void defaultGateway(final String gateway) {
        addRoute(Ipv6.looksLike(gateway) ? "::/0" : "0.0.0.0/0", gateway);
    }

    /** Whether {@code addr} is one of this node's addresses (127.0.0.0/8 included). */
    public boolean isLocal(final int addr) {
        return interfaceFor(addr) != null || isLoopbackAddress(addr);
    }

    /** The interface owning {@code addr} (the last added, if several share it), or null. */
    public NetInterface interfaceFor(final int addr) {
        if (byAddress != null) {
            return byAddress.get(addr & 0xFFFFFFFFL);
        }
        final NetInterface[] all = ifaces;
        for (int k = ifaceCount - 1; k >= 0; k--) {
            final NetInterface i = all[k];
            if (i.address() == addr || i.address6() == addr && addr != 0) {
                return i;
            }
        }
        return null;
    }

    public void setProtocolHandler(final int protocol, final ProtocolHandler h) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol " + protocol + " is not in 0..255");
        }
        if (protocol >= protocols.length) {
            protocols = java.util.Arrays.copyOf(protocols, protocol + 1);
        }
        if (protocols[protocol] != null && h != null) {
            throw new IllegalStateException(name + " already has a handler for IP protocol " + protocol);
        }
        protocols[protocol] = h;
        if (protocol == Packet.PROTO_TCP) {
            tcp = h;
        }
    }

    /** The handler of IP protocol {@code protocol} (6 is TCP), or null. */
    public ProtocolHandler protocolHandler(final int protocol) {
        return protocol(protocol);
    }

    private ProtocolHandler protocol(final int protocol) {
        return protocol < protocols.length ? protocols[protocol] : null;
    }

    /** Next IP identification value (one counter per node). */
    public int nextIpId() {
        final int id = nextIpId;
        nextIpId = (nextIpId + 1) & 0xFFFF;
        return id;
    }

    // ---------------------------------------------------------------- receive path

    /** Called by an interface when a packet has arrived; takes ownership. */
    void receive(final NetInterface in, final Packet p) {
        if (p.bridgePrerouted) { // ip_sabotage_in (br_netfilter_hooks.c): the bridge ran PREROUTING
            p.bridgePrerouted = false;
            p.skUid = p.skGid = -1;
            routeInput(in, p);
            return;
        }
        if (!in.isLoopback()) { // loopback_xmit keeps skb->mark and the conntrack entry
            p.mark = 0; // skb->mark and the notrack template are local to a host
            p.notrack = false;
        }
        p.skUid = p.skGid = -1; // a received packet has no socket of this host (skb->sk is NULL)
        final Verdict v = runHooks(Hook.PREROUTING, p, in, null);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in.counters());
            return;
        }
        routeInput(in, p);
    }

    /**
     * The receive path after PREROUTING: local delivery or forwarding. A bridge with br_netfilter
     * enters here with a frame its prerouting DNATed away from the bridge (ip_sabotage_in in
     * br_netfilter_hooks.c keeps the IP prerouting hook from running twice).
     */
    void routeInput(final NetInterface in, final Packet p) {
        Verdict v;
        // 127/8 from a wire, as source or destination, is a martian (ip_route_input_slow in
        // net/ipv4/route.c) unless the interface has route_localnet: then 127/8 is local
        final boolean localnet = !in.isLoopback() && !p.isV6()
                && (isLoopbackAddress(p.dst) || isLoopbackAddress(p.src));
        if (localnet && !in.routeLocalnet()) {
            in.drop(p, DropCause.NO_ROUTE);
            return;
        }
        // the arrival interface's address first (in hand); then a router asks the route, which knows
        // the node's addresses under its prefix, a host its interfaces
        Route r = RouteTable.LOCAL;
        if (in.address() != p.dst && !in.isLoopback() && !(localnet && isLoopbackAddress(p.dst))) {
            if (forwarding) {
                r = routes.forward(p.dst, this);
            } else if (interfaceFor(p.dst) == null) {
                in.drop(p, DropCause.NOT_LOCAL);
                return;
            }
        }
        if (r == RouteTable.LOCAL) {
            v = runHooks(Hook.INPUT, p, in, null);
            if (v != Verdict.ACCEPT) {
                verdict(v, p, in.counters());
                return;
            }
            deliverLocal(p, in);
            return;
        }
        if (r == null) {
            // ICMPv6 "no route to destination" (RFC 4443 3.1, code 0) for IPv6.
            sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_NET_UNREACHABLE);
            in.drop(p, DropCause.NO_ROUTE);
            return;
        }
        //" If the TTL is reduced to zero (or less), the packet MUST be discarded, and if the
        //" destination is not a multicast address the router MUST send an ICMP Time Exceeded
        //" message ... (RFC 1812 section 5.3.1); IPv6 likewise for the hop limit (RFC 8200 section 3)
        if (p.ttl <= 1) {
            sendIcmpError(p, in, Packet.ICMP_TIME_EXCEEDED, 0);
            in.drop(p, DropCause.TTL_EXPIRED);
            return;
        }
        final NetInterface out = routes.via(r, p); // sets the next hop
        final int mtu = out.mtu(); // the config its queue reads next: no load of the link
        if (mtu > 0 && p.totalLength() > mtu && (p.df || p.isV6())) {
            // ip_forward (net/ipv4/ip_forward.c) and ip6_forward (net/ipv6/ip6_output.c), before the
            // forward hook: a datagram with DF (TCP sets it for path MTU discovery), and any IPv6 one
            // (routers never fragment it), is dropped with "fragmentation needed" or "packet too big"
            // naming the next hop's MTU; the sender's TCP lowers its MSS and sends again
            sendIcmpError(p, in, p.isV6() ? Packet.ICMP6_PACKET_TOO_BIG : Packet.ICMP_DEST_UNREACHABLE,
                    p.isV6() ? 0 : Packet.CODE_FRAG_NEEDED, p.isV6(), mtu);
            in.drop(p, DropCause.MTU);
            return;
        }
        p.ttl--;
        v = runHooks(Hook.FORWARD, p, in, out);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in.counters());
            return;
        }
        postrouting(p, in, out);
    }

    private void deliverLocal(final Packet p, final NetInterface in) {
        if (p.protocol == Packet.PROTO_ICMP || p.protocol == Packet.PROTO_ICMPV6) {
            final boolean error = p.protocol == Packet.PROTO_ICMP
                    ? p.icmpType == Packet.ICMP_DEST_UNREACHABLE || p.icmpType == Packet.ICMP_TIME_EXCEEDED
                    : p.icmpType == Packet.ICMP6_DEST_UNREACHABLE || p.icmpType == Packet.ICMP6_TIME_EXCEEDED
                            || p.icmpType == Packet.ICMP6_PACKET_TOO_BIG;
            if (error && protocol(p.qProtocol) != null) {
                protocol(p.qProtocol).icmpError(p, in);
            } else {
                network.pool().release(p);
            }
            return;
        }
        final ProtocolHandler h = p.protocol == Packet.PROTO_TCP ? tcp : protocol(p.protocol);
        if (h == null) {
            if (p.protocol == Packet.PROTO_TCP) {
                sendTcpReset(p); // every Linux node has TCP: no socket there means RST
                in.drop(p, DropCause.NO_SOCKET);
            } else {
                sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_PROTOCOL_UNREACHABLE);
                in.drop(p, DropCause.NO_PROTOCOL);
            }
            return;
        }
        h.receive(p, in);
    }

    // ---------------------------------------------------------------- send path

    /** {@link #sendLocal}: the packet left this node's stack, whatever happens to it later. */
    public static final int SENT = 0;
    /** {@link #sendLocal}: no route; the packet was dropped (ip_queue_xmit's -EHOSTUNREACH). */
    public static final int NO_ROUTE = -1;
    /**
     * {@link #sendLocal}: the outgoing interface's queue was full and the packet dropped; Linux's
     * qdisc answers {@code NET_XMIT_DROP}, so a local TCP knows at once that the segment was not
     * sent ({@code __tcp_transmit_skb}, net/ipv4/tcp_output.c).
     */
    public static final int QUEUE_FULL = 1;

    /**
     * Sends a locally generated packet (src, dst and transport fields set; TTL and IP id are filled
     * in when zero). Takes ownership.
     *
     * @return {@link #SENT}, {@link #NO_ROUTE} or {@link #QUEUE_FULL}; a drop by a firewall's rule
     *     counts as sent (a known simplification: Linux's local sender hears -EPERM)
     */
    public int sendLocal(final Packet p) {
        if (p.ttl == 0) {
            p.ttl = DEFAULT_TTL;
        }
        NetInterface out = outputInterface(p.dst);
        if (out == null) {
            localCounters().drop(DropCause.NO_ROUTE);
            network.pool().release(p);
            return NO_ROUTE;
        }
        final int dst = p.dst;
        final Verdict v = runHooks(Hook.OUTPUT, p, null, out);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, localCounters());
            return SENT;
        }
        if (p.dst != dst) { // rerouted by DNAT on OUTPUT
            out = outputInterface(p.dst);
            if (out == null) {
                localCounters().drop(DropCause.NO_ROUTE);
                network.pool().release(p);
                return NO_ROUTE;
            }
            // ip_route_me_harder: __mkroute_output refuses a 127/8 source out of an interface
            // without route_localnet (-EINVAL), and the packet is dropped (net/ipv4/route.c)
            if (!p.isV6() && isLoopbackAddress(p.src) && !out.isLoopback() && !out.routeLocalnet()) {
                localCounters().drop(DropCause.NO_ROUTE);
                network.pool().release(p);
                return SENT;
            }
        }
        return postrouting(p, null, out) ? SENT : QUEUE_FULL;
    }

    /** The next hop toward {@code dst}: the route's gateway, or {@code dst} itself on a connected subnet. */
    int nextHopFor(final int dst) {
        final Route r = routes.lookup(dst);
        return r != null && r.gateway() != 0 ? r.gateway() : dst;
    }

    /**
     * Where a locally generated packet to {@code dst} leaves: {@code lo} for the node's own
     * addresses (Linux's local routing table), else the route's interface; null without a route.
     */
    public NetInterface outputInterface(final int dst) {
        if (isLocal(dst)) {
            return loopback();
        }
        final Route r = routes.lookup(dst);
        return r == null ? null : r.iface();
    }

    /** @return false only when the interface's queue was full */
    private boolean postrouting(final Packet p, final NetInterface in, final NetInterface out) {
        final Verdict v = runHooks(Hook.POSTROUTING, p, in, out);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in != null ? in.counters() : localCounters());
            return true;
        }
        return out.enqueue(p);
    }

    private void verdict(final Verdict v, final Packet p, final InterfaceCounters c) {
        if (v == Verdict.DROP) {
            c.drop(DropCause.FILTERED);
            network.pool().release(p);
        }
        // STOLEN: the hook owns the packet now.
    }

    /**
     * Sends an ICMP error about {@code offending} back to its source. Does nothing for an ICMP
     * error ("An ICMP error message MUST NOT be sent as the result of receiving ... an ICMP error
     * message", RFC 1122 3.2.2; RFC 4443 2.4 (e.1) for ICMPv6). The source address is that of the
     * interface it arrived on, or the offending packet's source interface when {@code in} is null.
     * For an IPv6 packet {@code type} and {@code code} are the IPv4 ones and become their ICMPv6
     * counterparts ({@link #icmp6Type}, {@link #icmp6Code}) unless already ICMPv6 ({@code icmp6}).
     * Errors are rate limited per destination as Linux does ({@link #icmpAllowed}).
     */
    public void sendIcmpError(final Packet offending, final NetInterface in, final int type, final int code) {
        sendIcmpError(offending, in, type, code, false);
    }

    /** {@link #sendIcmpError}, with {@code icmp6} set when type and code are already ICMPv6's. */
    public void sendIcmpError(final Packet offending, final NetInterface in, final int type, final int code,
            final boolean icmp6) {
        sendIcmpError(offending, in, type, code, icmp6, 0);
    }

    private void sendIcmpError(final Packet offending, final NetInterface in, final int type, final int code,
            final boolean icmp6, final int mtu) {
        if (offending.isIcmpError()) {
            return;
        }
        final boolean v6 = offending.isV6();
        if (!icmpAllowed(offending.src, v6, v6 && !icmp6 ? icmp6Type(type, code) : type, code)) {
            return;
        }
        final Packet e = network.pool().acquire();
        e.protocol = v6 ? Packet.PROTO_ICMPV6 : Packet.PROTO_ICMP;
        if (v6) {
            final NetInterface from = in != null ? in : interfaceFor(offending.src);
            e.src = from != null && from.address6() != 0 ? from.address6() : firstAddress6();
        } else {
            e.src = in != null ? in.address() : address();
        }
        e.dst = offending.src;
        e.id = v6 ? 0 : nextIpId();
        e.icmpType = v6 && !icmp6 ? icmp6Type(type, code) : type;
        e.icmpCode = v6 && !icmp6 ? icmp6Code(type, code) : code;
        e.icmpMtu = mtu;
        e.qSrc = offending.src;
        e.qDst = offending.dst;
        e.qProtocol = offending.protocol;
        e.qTtl = offending.ttl;
        e.qId = offending.id;
        e.qTotalLength = offending.totalLength();
        e.qSport = offending.sport;
        e.qDport = offending.dport;
        e.qSeq = offending.seq;
        e.ctAttach = offending.ct;
        e.ctAttachDir = 1 - offending.ctDir;
        if (e.src == 0) { // no IPv6 address to answer from
            network.pool().release(e);
            return;
        }
        sendLocal(e);
    }

    /** Linux's CONFIG_HZ where the rate limits were measured (6.18, 250): their tokens count jiffies. */
    private static final long NS_PER_JIFFY = 4_000_000L;
    /** XRLIM_BURST_FACTOR (net/ipv4/inetpeer.c): a peer's bucket holds six messages' worth. */
    private static final int ICMP_BURST = 6;

    /**
     * Whether an ICMP error to {@code dst} may go now: inet_peer_xrlim_allow() (net/ipv4/inetpeer.c), a
     * token bucket per destination that starts full (rate_last 60 s back, the tokens capped at six
     * messages) and refills one message per interval: net.ipv4.icmp_ratelimit, 1000 ms, for
     * destination unreachable (but fragmentation needed), source quench, time exceeded and parameter
     * problem (icmp_ratemask 6168, icmpv4_mask_allow, net/ipv4/icmp.c); net.ipv6.icmp.ratelimit, 100
     * ms on 6.18, for every ICMPv6 error but packet too big, halved for each 32 bits the route back is
     * shorter than /128 (icmpv6_xrlim_allow, net/ipv6/icmp.c: "Give more bandwidth to wider
     * prefixes"). Measured on Linux 6.18: ten SYNs at once into 'reject with icmpx admin-prohibited'
     * got six ICMP errors, over IPv4 and over IPv6 alike. Not modelled: the global 1000/s limit.
     */
    private boolean icmpAllowed(final int dst, final boolean v6, final int type, final int code) {
        if (v6 ? type == Packet.ICMP6_PACKET_TOO_BIG || type >= 128
                : type != 4 && type != Packet.ICMP_TIME_EXCEEDED && type != 12
                        && (type != Packet.ICMP_DEST_UNREACHABLE || code == Packet.CODE_FRAG_NEEDED)) {
            return true; // not in the rate mask
        }
        if (isLocal(dst)) {
            return true; // no rate limit on loopback
        }
        long timeout = v6 ? 25 : 250; // 100 ms and 1000 ms in jiffies
        if (v6) {
            final Route r = routes.lookup(dst);
            final int plen = r == null || r.prefix6() == null ? 0 : r.prefix6().length();
            timeout >>= (128 - plen) >> 5;
        }
        final long now = network.simulator().now() / NS_PER_JIFFY;
        if (icmpPeers == null) {
            icmpPeers = new dev.ftpsim.core.util.LongObjectMap<>(4);
        }
        long[] peer = icmpPeers.get(dst & 0xFFFF_FFFFL);
        if (peer == null) {
            peer = new long[] {0, now - 60 * 250}; // inet_getpeer: rate_last = jiffies - 60 * HZ
            icmpPeers.put(dst & 0xFFFF_FFFFL, peer);
        }
        long token = Math.min(peer[0] + now - peer[1], ICMP_BURST * timeout);
        peer[1] = now;
        final boolean allow = token >= timeout;
        if (allow) {
            token -= timeout;
        }
        peer[0] = token;
        return allow;
    }

    private int firstAddress6() {
        return interfaces().stream().mapToInt(NetInterface::address6).filter(a -> a != 0).findFirst().orElse(0);
    }

    /**
     * The ICMPv6 type for an IPv4 ICMP error, as Linux maps them for the same events: destination
     * unreachable (1), time exceeded (3), and protocol unreachable as a parameter problem (4)
     * "unrecognized Next Header" (RFC 4443 3.4, ip6_input.c).
     */
    public static int icmp6Type(final int type, final int code) {
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            return Packet.ICMP6_TIME_EXCEEDED;
        }
        return code == Packet.CODE_PROTOCOL_UNREACHABLE ? Packet.ICMP6_PARAM_PROBLEM : Packet.ICMP6_DEST_UNREACHABLE;
    }

    /** The ICMPv6 code for an IPv4 ICMP error's type and code (RFC 4443 3.1; see {@link #icmp6Type}). */
    public static int icmp6Code(final int type, final int code) {
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            return 0; // hop limit exceeded in transit
        }
        return switch (code) {
            case Packet.CODE_NET_UNREACHABLE -> Packet.CODE6_NO_ROUTE;
            case Packet.CODE_PORT_UNREACHABLE -> Packet.CODE6_PORT_UNREACHABLE;
            case Packet.CODE_PROTOCOL_UNREACHABLE -> Packet.CODE6_UNKNOWN_NEXT_HEADER;
            case Packet.CODE_NET_PROHIBITED, Packet.CODE_HOST_PROHIBITED, Packet.CODE_ADMIN_PROHIBITED ->
                Packet.CODE6_ADMIN_PROHIBITED;
            default -> Packet.CODE6_ADDR_UNREACHABLE;
        };
    }

    /**
     * Answers a TCP segment with RST, as a closed port does (RFC 9293 3.10.7.1): "If the ACK bit is
     * off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. If the ACK bit
     * is on, <SEQ=SEG.ACK><CTL=RST>". The RST comes from the segment's destination address, so a
     * firewall's {@code reject with tcp reset} sends it too: Linux builds both with IP id 0 and DF
     * set, the stack's answer in tcp_v4_send_reset (through its control socket, which has no peer,
     * so ip_select_ident gives id 0) and the firewall's in nf_reject_ipv4.c's nf_reject_iphdr_put
     * ({@code niph->id = 0; niph->frag_off = htons(IP_DF)}). Never answers an RST.
     */
    public void sendTcpReset(final Packet seg) {
        sendTcpReset(seg, false);
    }

    /**
     * {@link #sendTcpReset} for a firewall's {@code reject with tcp reset}: the reset carries the
     * rejected segment's connection, as nf_send_reset's nf_ct_attach does (nf_reject_ipv4.c), so
     * the node's conntrack sees it RELATED (see {@link Packet#ctAttach}).
     */
    public void sendRejectReset(final Packet seg) {
        sendTcpReset(seg, true);
    }

    private void sendTcpReset(final Packet seg, final boolean attach) {
        if (seg.protocol != Packet.PROTO_TCP || (seg.flags & Packet.RST) != 0) {
            return;
        }
        final Packet r = network.pool().acquire();
        if (attach) {
            r.ctAttach = seg.ct;
            r.ctAttachDir = 1 - seg.ctDir;
        }
        r.protocol = Packet.PROTO_TCP;
        r.src = seg.dst;
        r.dst = seg.src;
        r.sport = seg.dport;
        r.dport = seg.sport;
        r.df = !seg.isV6(); // IPv6 has no DF flag: it never fragments in flight
        r.id = 0;
        if ((seg.flags & Packet.ACK) != 0) {
            r.seq = seg.ack;
            r.flags = Packet.RST;
        } else {
            int len = seg.payloadLength;
            if ((seg.flags & Packet.SYN) != 0) {
                len++;
            }
            if ((seg.flags & Packet.FIN) != 0) {
                len++;
            }
            r.seq = 0;
            r.ack = seg.seq + len;
            r.flags = Packet.RST | Packet.ACK;
        }
        sendLocal(r);
    }

    @Override
    public String toString() {
        return name;
    }
}
