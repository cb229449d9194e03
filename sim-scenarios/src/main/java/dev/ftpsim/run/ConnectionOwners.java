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
 * Which session a traced connection belongs to, when several sessions run on one client node at
 * once: sessions share the node's address, never its ports. Theory of operation: each trace id
 * keeps its conntrack entry (read after the run, when NAT has bound its tuples) or, without
 * conntrack, the endpoints its first packet showed. After the run, the entries whose one side is
 * the client's own address teach where NAT made the client appear (the other direction's
 * destination), which ties an entry seen only behind another NAT to the client's port; a
 * connection seen nowhere near the client (a server's SYN dropped before any NAT) belongs to the
 * session whose control connection announced its endpoint in a PORT or EPRT.
 */
final class ConnectionOwners {
    private final Set<Integer> own;
    private final Ipv6Addresses a6;
    /** Per trace id: its {@link ConnEntry}, or the endpoints ({@code long[]}) of its first packet. */
    private final Map<Integer, Object> opened = new HashMap<>();
    /** Endpoints a PORT or EPRT announced, to the endpoint of the control connection that carried it there. */
    private final Map<Long, Long> announced = new HashMap<>();

    /** @param own the client's own addresses (IPv4, and IPv6 ids) */
    ConnectionOwners(final Set<Integer> own, final Ipv6Addresses a6) {
        this.own = own;
        this.a6 = a6;
    }

    /** A new trace id, opened by {@code p}. */
    void opened(final Packet p, final int id) {
        opened.put(id, p.ct instanceof ConnEntry e ? e : new long[] {endpoint(p.src, p.sport), endpoint(p.dst, p.dport)});
    }

    /** A packet with payload met a firewall: a PORT or EPRT in it names where a data connection will go. */
    void control(final Packet p) {
        final String line = LadderRecorder.firstLine(p);
        final Addresses.HostPort hp = line == null ? null : ClientEndpoints.announced(line, a6);
        if (hp != null) {
            announced.putIfAbsent(endpoint(hp.ipv4(), hp.port()), endpoint(p.src, p.sport));
        }
    }

    /**
     * The trace ids of one session's connections, {@code ports} being its client ports (control
     * first); a connection nothing ties to any session is kept. Null {@code ports}: null, all of them.
     */
    Set<Integer> idsOf(final int[] ports) {
        if (ports == null) {
            return null;
        }
        final Map<Long, Integer> learned = new HashMap<>();
        for (int round = 0; round < 4; round++) { // one round per NAT between the client and the far end
            boolean more = false;
            for (final Object o : opened.values()) {
                if (o instanceof ConnEntry e) {
                    for (int near = 0; near < 2; near++) {
                        final int port = port(endpoint(e.srcIp(near), e.srcPort(near)), learned);
                        final int far = 1 - near;
                        if (port >= 0 && learned.putIfAbsent(endpoint(e.dstIp(far), e.dstPort(far)), port) == null) {
                            more = true;
                        }
                    }
                }
            }
            if (!more) {
                break;
            }
        }
        final Set<Integer> out = new HashSet<>();
        opened.forEach((id, o) -> {
            final long[] ends = o instanceof ConnEntry e
                    ? new long[] {endpoint(e.srcIp(0), e.srcPort(0)), endpoint(e.dstIp(0), e.dstPort(0)),
                        endpoint(e.srcIp(1), e.srcPort(1)), endpoint(e.dstIp(1), e.dstPort(1))}
                    : (long[]) o;
            int port = -1;
            Long by = null;
            for (final long end : ends) {
                port = port >= 0 ? port : port(end, learned);
                by = by != null ? by : announced.get(end);
            }
            if (port >= 0 ? contains(ports, port) : by == null || contains(ports, port(by, learned))) {
                out.add(id);
            }
        });
        return out;
    }

    /** The client's own port of an endpoint: its own address's, or where NAT made it appear; -1 if not the client's. */
    private int port(final long endpoint, final Map<Long, Integer> learned) {
        if (own.contains((int) (endpoint >>> 16))) {
            return (int) (endpoint & 0xFFFF);
        }
        final Integer p = learned.get(endpoint);
        return p == null ? -1 : p;
    }

    private static boolean contains(final int[] ports, final int port) {
        for (final int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static long endpoint(final int ip, final int port) {
        return (ip & 0xFFFFFFFFL) << 16 | port;
    }
}
