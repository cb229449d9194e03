package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.ftp.protocol.Addresses;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a ladder recorder knows of one client's endpoints (address << 16 | port) along the path:
 * the client's own, those the firewalls' NAT made of them (read from the conntrack entry each packet
 * carries), and those a PORT or EPRT announced for the server to dial. It tells a packet of the
 * client from another and maps every far-side endpoint back to the client's view, so that one
 * connection keeps one name at every hop.
 */
final class ClientEndpoints {
    /** A connection as the client sees it: its two endpoints, the smaller first. */
    record ConnKey(long lo, long hi) {}

    /** The client's address: IPv4, or its IPv6 id for a session that dials IPv6. */
    private final int client;
    /** Another address its connections leave from: 127.0.0.1 for a client dialling loopback; else {@link #client}. */
    private final int local;
    /** The network's IPv6 addresses, to read EPRT |2| lines. */
    private final Ipv6Addresses a6;
    /** The client's endpoints as NAT translated them, learnt from conntrack and PORT/EPRT. */
    private final Set<Long> translated = new HashSet<>();
    /** Far-side endpoints (after NAT) to the same endpoint as the client sees it. */
    private final Map<Long, Long> clientView = new HashMap<>();
    /**
     * Endpoints a PORT or EPRT announced (as the server will dial them), by the client's port of the
     * control connection that announced them: a server's SYN dropped before any NAT showed the
     * client's own address still belongs to that session.
     */
    private final Map<Long, Integer> announcedBy = new HashMap<>();
    /** The conntrack entry {@link #belongs} last learnt from, and what it learnt (farDst, farSrc, nearSrc, nearDst). */
    private ConnEntry learntFrom;
    private final long[] learnt = new long[4];
    /** Counts the learning above: a connection's key ({@link #key}) reads {@link #clientView}. */
    private long viewChanges;

    ClientEndpoints(final int client, final Ipv6Addresses a6) {
        this(client, client, a6);
    }

    /** {@code local}: another address of the client's connections (127.0.0.1 when it dials loopback). */
    ClientEndpoints(final int client, final int local, final Ipv6Addresses a6) {
        this.client = client;
        this.local = local;
        this.a6 = a6;
    }

    /** Both endpoints are the client's own: a connection to a server on its own node. */
    boolean bothOwn(final long e1, final long e2) {
        return isClient((int) (e1 >>> 16)) && isClient((int) (e2 >>> 16));
    }

    private boolean isClient(final int ip) {
        return ip == client || ip == local;
    }

    /**
     * A proxy on the path relays a connection of the client ({@code front}, as the client sees
     * it) from its own endpoint {@code back}: the relayed connection's packets are the client's too,
     * and its end there stands for the client's. False when {@code front} is not the client's.
     */
    boolean relayed(final long front, final long back) {
        final long seen = clientView.getOrDefault(front, front);
        if (!isClient((int) (seen >>> 16))) {
            return false;
        }
        translated.add(back);
        clientView.put(back, seen);
        viewChanges++;
        return true;
    }

    static long endpoint(final int ip, final int port) {
        return (ip & 0xFFFFFFFFL) << 16 | port;
    }

    /** How often the client's view of far-side endpoints changed: a key named before may be stale. */
    long viewChanges() {
        return viewChanges;
    }

    /** The packet is the client's, possibly after NAT; learns the translations it carries. */
    boolean belongs(final Packet p) {
        if (p.ct instanceof ConnEntry e) {
            // The client initiated (original source) or is the target (reply source): the other
            // direction's destination is the client as the far side sees it. Each far-side
            // endpoint is also mapped to the client's view of it, so one connection keeps one name.
            final int near = isClient(e.srcIp(0)) ? 0 : isClient(e.srcIp(1)) ? 1 : -1;
            if (near >= 0) {
                final int far = 1 - near;
                final long farDst = endpoint(e.dstIp(far), e.dstPort(far));
                final long farSrc = endpoint(e.srcIp(far), e.srcPort(far));
                final long nearSrc = endpoint(e.srcIp(near), e.srcPort(near));
                final long nearDst = endpoint(e.dstIp(near), e.dstPort(near));
                // The entry of the packet before, unchanged: these were just learnt (a connection's
                // packets come in runs, and the sets only grow).
                if (e != learntFrom || farDst != learnt[0] || farSrc != learnt[1] || nearSrc != learnt[2]
                        || nearDst != learnt[3]) {
                    translated.add(farDst);
                    clientView.put(farDst, nearSrc);
                    clientView.put(farSrc, nearDst);
                    viewChanges++;
                    learntFrom = e;
                    learnt[0] = farDst;
                    learnt[1] = farSrc;
                    learnt[2] = nearSrc;
                    learnt[3] = nearDst;
                }
            }
        }
        final boolean mine = isClient(p.src) || isClient(p.dst) || translated.contains(endpoint(p.src, p.sport))
                || translated.contains(endpoint(p.dst, p.dport));
        if (mine && p.data != null && p.payloadLength > 5) {
            learnActiveEndpoint(LadderRecorder.firstLine(p), clientPort(p));
        }
        return mine;
    }

    /**
     * A PORT or EPRT on its way to the server names where the server will connect: behind NAT the
     * helper's public endpoint, known before the server's first SYN reaches the firewall.
     */
    private void learnActiveEndpoint(final String line, final int controlPort) {
        final Addresses.HostPort hp = announced(line, a6);
        if (hp != null) {
            translated.add(endpoint(hp.ipv4(), hp.port()));
            if (controlPort >= 0) {
                announcedBy.putIfAbsent(endpoint(hp.ipv4(), hp.port()), controlPort);
            }
        }
    }

    /**
     * The endpoint a PORT or EPRT line announces (its address an IPv6 id for EPRT |2|), or null for
     * another line or a malformed one, which the server refuses too: nothing connects there.
     */
    static Addresses.HostPort announced(final String line, final Ipv6Addresses a6) {
        final String eprt = line.startsWith("EPRT ") ? line.substring(5).trim() : null;
        final Addresses.HostPort hp = line.startsWith("PORT ") ? Addresses.parseCommaForm(line.substring(5))
                : eprt != null && eprt.length() > 2 && eprt.charAt(1) == '2' ? Addresses.parseEprt6(eprt, a6)
                : eprt != null ? Addresses.parseEprt(eprt) : null;
        return hp != null && hp.port() > 0 ? hp : null;
    }

    /** Both ends of a connection as the client sees them: one key, so one name, for all its hops. */
    ConnKey key(final Packet p) {
        return key(endpoint(p.src, p.sport), endpoint(p.dst, p.dport));
    }

    /** {@link #key(Packet)} of a connection between endpoints {@code x} and {@code y}. */
    ConnKey key(final long x, final long y) {
        final long a = clientView.getOrDefault(x, x);
        final long b = clientView.getOrDefault(y, y);
        return new ConnKey(Math.min(a, b), Math.max(a, b));
    }

    /** The client's own port of a packet that shows the client's address; -1 if neither end is the client. */
    int ownPort(final Packet p) {
        return isClient(p.src) ? p.sport : isClient(p.dst) ? p.dport : -1;
    }

    /** The client's own port of a packet, through the translations learnt so far; -1 if unknown. */
    int clientPort(final Packet p) {
        final int own = ownPort(p);
        return own >= 0 ? own : Math.max(viewPort(endpoint(p.src, p.sport)), viewPort(endpoint(p.dst, p.dport)));
    }

    /** The client's port of an endpoint as the far side sees it (after NAT); -1 if it is not the client's. */
    int viewPort(final long endpoint) {
        final long v = clientView.getOrDefault(endpoint, endpoint);
        return isClient((int) (v >>> 16)) ? (int) (v & 0xFFFF) : -1;
    }

    /** The client's control port that announced one of these endpoints in a PORT or EPRT, or null. */
    Integer announcer(final long end2, final long end1) {
        return announcedBy.getOrDefault(end2, announcedBy.get(end1));
    }
}
