package dev.ftpsim.core.net;

import java.util.ArrayList;
import java.util.Collections;
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

    private final Network network;
    private final String name;
    private final boolean forwarding;
    /** Up to this many interfaces are searched in a list; more (a router facing a host group) get maps. */
    private static final int FEW_INTERFACES = 4;
    private static final ProtocolHandler[] NO_PROTOCOLS = new ProtocolHandler[0];

    // A host group of a million members is a million nodes: what every node holds is kept small.
    private final List<NetInterface> interfaces = new ArrayList<>(1);
    /** Interfaces by name and by address once there are more than {@link #FEW_INTERFACES}; else null. */
    private Map<String, NetInterface> byName;
    private dev.ftpsim.core.util.LongObjectMap<NetInterface> byAddress;
    private final RouteTable routes = new RouteTable();
    private final NetfilterHooks hooks = new NetfilterHooks();
    /** Handlers indexed by IP protocol number, as long as the highest one set. */
    private ProtocolHandler[] protocols = NO_PROTOCOLS;
    /** Counters for packets this node generates that die before reaching an interface. */
    private final InterfaceCounters localCounters = new InterfaceCounters();
    private int nextIpId;

    protected Node(final Network network, final String name, final boolean forwarding) {
        this.network = network;
        this.name = name;
        this.forwarding = forwarding;
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
        return hooks;
    }

    public InterfaceCounters localCounters() {
        return localCounters;
    }

    public List<NetInterface> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }

    public NetInterface iface(final String ifName) {
        final NetInterface i = byName(ifName);
        if (i == null) {
            throw new IllegalArgumentException(name + " has no interface '" + ifName + "'; it has "
                    + interfaces.stream().map(NetInterface::name).toList());
        }
        return i;
    }

    private NetInterface byName(final String ifName) {
        if (byName != null) {
            return byName.get(ifName);
        }
        for (int k = 0; k < interfaces.size(); k++) {
            if (interfaces.get(k).name().equals(ifName)) {
                return interfaces.get(k);
            }
        }
        return null;
    }

    /** First interface's address: the usual way to name a single-homed host. */
    public int address() {
        if (interfaces.isEmpty()) {
            throw new IllegalStateException(name + " has no interface");
        }
        return interfaces.get(0).address();
    }

    /** Adds an interface with an address like "192.0.2.1/24" and its connected route. */
    public NetInterface addInterface(final String ifName, final String addressWithPrefix) {
        final Prefix p = Prefix.parse(addressWithPrefix);
        final int addr = Ipv4.parse(addressWithPrefix.contains("/")
                ? addressWithPrefix.substring(0, addressWithPrefix.indexOf('/')) : addressWithPrefix);
        if (byName(ifName) != null) {
            throw new IllegalArgumentException(name + " already has an interface '" + ifName + "'");
        }
        final NetInterface i = new NetInterface(this, ifName, interfaces.size(), p, addr);
        interfaces.add(i);
        if (byName == null && interfaces.size() > FEW_INTERFACES) {
            byName = new HashMap<>();
            byAddress = new dev.ftpsim.core.util.LongObjectMap<>(2 * FEW_INTERFACES);
            for (final NetInterface x : interfaces) {
                byName.put(x.name(), x);
                byAddress.put(x.address() & 0xFFFFFFFFL, x); // in order: the last of equal addresses wins
            }
        } else if (byName != null) {
            byName.put(ifName, i);
            byAddress.put(addr & 0xFFFFFFFFL, i);
        }
        routes.add(new Route(p, 0, i));
        return i;
    }

    /** Adds a static route "dst/len via gateway"; the interface is the one whose network holds the gateway. */
    public void addRoute(final String prefix, final String gateway) {
        final int gw = Ipv4.parse(gateway);
        final Route connected = routes.lookup(gw);
        if (connected == null || connected.gateway() != 0) {
            throw new IllegalArgumentException(name + ": gateway " + gateway + " is not on a connected network");
        }
        routes.add(new Route(Prefix.parse(prefix), gw, connected.iface()));
    }

    /** Adds the default route 0.0.0.0/0 via {@code gateway}. */
    public void defaultGateway(final String gateway) {
        addRoute("0.0.0.0/0", gateway);
    }

    /** Whether {@code addr} is one of this node's addresses. */
    public boolean isLocal(final int addr) {
        return interfaceFor(addr) != null;
    }

    /** The interface owning {@code addr} (the last added, if several share it), or null. */
    public NetInterface interfaceFor(final int addr) {
        if (byAddress != null) {
            return byAddress.get(addr & 0xFFFFFFFFL);
        }
        for (int k = interfaces.size() - 1; k >= 0; k--) {
            if (interfaces.get(k).address() == addr) {
                return interfaces.get(k);
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
        p.mark = 0; // skb->mark and the notrack template are local to a host
        p.notrack = false;
        Verdict v = hooks.run(Hook.PREROUTING, p, in, null);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in.counters());
            return;
        }
        if (interfaceFor(p.dst) != null) {
            v = hooks.run(Hook.INPUT, p, in, null);
            if (v != Verdict.ACCEPT) {
                verdict(v, p, in.counters());
                return;
            }
            deliverLocal(p, in);
            return;
        }
        if (!forwarding) {
            in.drop(p, DropCause.NOT_LOCAL);
            return;
        }
        final Route r = routes.lookup(p.dst);
        if (r == null) {
            sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_NET_UNREACHABLE);
            in.drop(p, DropCause.NO_ROUTE);
            return;
        }
        //" If the TTL is reduced to zero (or less), the packet MUST be discarded, and if the
        //" destination is not a multicast address the router MUST send an ICMP Time Exceeded
        //" message ... (RFC 1812 section 5.3.1)
        if (p.ttl <= 1) {
            sendIcmpError(p, in, Packet.ICMP_TIME_EXCEEDED, 0);
            in.drop(p, DropCause.TTL_EXPIRED);
            return;
        }
        p.ttl--;
        p.nextHop = r.gateway() != 0 ? r.gateway() : p.dst;
        v = hooks.run(Hook.FORWARD, p, in, r.iface());
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in.counters());
            return;
        }
        postrouting(p, in, r.iface());
    }

    private void deliverLocal(final Packet p, final NetInterface in) {
        if (p.protocol == Packet.PROTO_ICMP) {
            if ((p.icmpType == Packet.ICMP_DEST_UNREACHABLE || p.icmpType == Packet.ICMP_TIME_EXCEEDED)
                    && protocol(p.qProtocol) != null) {
                protocol(p.qProtocol).icmpError(p, in);
            } else {
                network.pool().release(p);
            }
            return;
        }
        final ProtocolHandler h = protocol(p.protocol);
        if (h == null) {
            if (p.protocol == Packet.PROTO_TCP) {
                sendTcpReset(p); // every Linux node has TCP: no socket there means RST
            } else {
                sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_PROTOCOL_UNREACHABLE);
            }
            in.drop(p, DropCause.NO_PROTOCOL);
            return;
        }
        h.receive(p, in);
    }

    // ---------------------------------------------------------------- send path

    /**
     * Sends a locally generated packet (src, dst and transport fields set; TTL and IP id are filled
     * in when zero). Takes ownership.
     *
     * @return false if there is no route (the packet is dropped and counted), true otherwise,
     *     whatever happens to the packet later
     */
    public boolean sendLocal(final Packet p) {
        if (p.ttl == 0) {
            p.ttl = DEFAULT_TTL;
        }
        Route r = routes.lookup(p.dst);
        if (r == null) {
            localCounters.drop(DropCause.NO_ROUTE);
            network.pool().release(p);
            return false;
        }
        final int dst = p.dst;
        final Verdict v = hooks.run(Hook.OUTPUT, p, null, r.iface());
        if (v != Verdict.ACCEPT) {
            verdict(v, p, localCounters);
            return true;
        }
        if (p.dst != dst) { // rerouted by DNAT on OUTPUT
            r = routes.lookup(p.dst);
            if (r == null) {
                localCounters.drop(DropCause.NO_ROUTE);
                network.pool().release(p);
                return false;
            }
        }
        p.nextHop = r.gateway() != 0 ? r.gateway() : p.dst;
        postrouting(p, null, r.iface());
        return true;
    }

    private void postrouting(final Packet p, final NetInterface in, final NetInterface out) {
        final Verdict v = hooks.run(Hook.POSTROUTING, p, in, out);
        if (v != Verdict.ACCEPT) {
            verdict(v, p, in != null ? in.counters() : localCounters);
            return;
        }
        out.enqueue(p);
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
     * message", RFC 1122 3.2.2). The source address is that of the interface it arrived on, or the
     * offending packet's source interface when {@code in} is null. ICMP rate limiting is not
     * modelled.
     */
    public void sendIcmpError(final Packet offending, final NetInterface in, final int type, final int code) {
        if (offending.protocol == Packet.PROTO_ICMP) {
            return;
        }
        final Packet e = network.pool().acquire();
        e.protocol = Packet.PROTO_ICMP;
        e.src = in != null ? in.address() : address();
        e.dst = offending.src;
        e.id = nextIpId();
        e.icmpType = type;
        e.icmpCode = code;
        e.qSrc = offending.src;
        e.qDst = offending.dst;
        e.qProtocol = offending.protocol;
        e.qTtl = offending.ttl;
        e.qId = offending.id;
        e.qTotalLength = offending.totalLength();
        e.qSport = offending.sport;
        e.qDport = offending.dport;
        e.qSeq = offending.seq;
        sendLocal(e);
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
        if (seg.protocol != Packet.PROTO_TCP || (seg.flags & Packet.RST) != 0) {
            return;
        }
        final Packet r = network.pool().acquire();
        r.protocol = Packet.PROTO_TCP;
        r.src = seg.dst;
        r.dst = seg.src;
        r.sport = seg.dport;
        r.dport = seg.sport;
        r.df = true;
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
