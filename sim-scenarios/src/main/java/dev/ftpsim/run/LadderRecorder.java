package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.ftp.protocol.Addresses;
import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.ladder.LadderNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records the packets of one FTP session hop by hop for a ladder diagram: every TCP packet a node
 * of the path sends to another node of the path, within the session's time and addresses, and,
 * from the firewalls, which of them were dropped and by which rule or conntrack decision.
 * Consecutive bulk data segments (and the pure ACKs between them) are folded into one arrow.
 */
public final class LadderRecorder implements Firewall.Listener {
    private record Raw(long time, String from, String to, Packet copy) {}

    private final List<Node> path;
    private final int client;
    private final int controlPort;
    private final List<Raw> raw = new ArrayList<>();
    private final Map<Packet, Integer> lastSent = new IdentityHashMap<>();
    private final Map<Integer, String> drops = new HashMap<>();
    /** The client's endpoints as NAT translated them (address << 16 | port), learnt from conntrack. */
    private final Set<Long> translated = new java.util.HashSet<>();
    /** Far-side endpoints (after NAT) to the same endpoint as the client sees it. */
    private final Map<Long, Long> clientView = new HashMap<>();
    private final int limit;

    /**
     * Records, at every interface of a path node facing another path node, the TCP packets of the
     * session's client: those to or from its address, and those to or from an endpoint a firewall's
     * NAT made of it (seen on the conntrack entry a packet carries out of the firewall).
     */
    LadderRecorder(final List<Node> path, final int client, final int controlPort, final int limit) {
        this.path = path;
        this.client = client;
        this.controlPort = controlPort;
        this.limit = limit;
        final Set<Node> onPath = new java.util.HashSet<>(path);
        for (final Node n : path) {
            for (final NetInterface i : n.interfaces()) {
                if (i.peer() == null || !onPath.contains(i.peer().node())) {
                    continue;
                }
                final String to = i.peer().node().name();
                i.addTap((iface, out, p, t) -> {
                    if (out && p.protocol == Packet.PROTO_TCP && raw.size() < this.limit && belongs(p)) {
                        final Packet c = new Packet();
                        c.copyFrom(p);
                        lastSent.put(p, raw.size());
                        raw.add(new Raw(t, n.name(), to, c));
                    }
                });
            }
        }
    }

    private static long endpoint(final int ip, final int port) {
        return (ip & 0xFFFFFFFFL) << 16 | port;
    }

    /** The packet is the client's, possibly after NAT; learns the translations it carries. */
    private boolean belongs(final Packet p) {
        if (p.ct instanceof ConnEntry e) {
            // The client initiated (original source) or is the target (reply source): the other
            // direction's destination is the client as the far side sees it. Each far-side
            // endpoint is also mapped to the client's view of it, so one connection keeps one name.
            final int near = e.srcIp(0) == client ? 0 : e.srcIp(1) == client ? 1 : -1;
            if (near >= 0) {
                final int far = 1 - near;
                translated.add(endpoint(e.dstIp(far), e.dstPort(far)));
                clientView.put(endpoint(e.dstIp(far), e.dstPort(far)), endpoint(client, e.srcPort(near)));
                clientView.put(endpoint(e.srcIp(far), e.srcPort(far)), endpoint(e.dstIp(near), e.dstPort(near)));
            }
        }
        final boolean mine = p.src == client || p.dst == client || translated.contains(endpoint(p.src, p.sport))
                || translated.contains(endpoint(p.dst, p.dport));
        if (mine && p.data != null && p.payloadLength > 5) {
            learnActiveEndpoint(new String(p.data, 0, p.payloadLength, StandardCharsets.ISO_8859_1));
        }
        return mine;
    }

    /**
     * A PORT or EPRT on its way to the server names where the server will connect: behind NAT the
     * helper's public endpoint, known before the server's first SYN reaches the firewall.
     */
    private void learnActiveEndpoint(final String text) {
        final String line = text.strip();
        final Addresses.HostPort hp = line.startsWith("PORT ") ? Addresses.parseCommaForm(line.substring(5))
                : line.startsWith("EPRT ") ? Addresses.parseEprt(line.substring(5).trim()) : null;
        // A malformed command (null, or another family's -1) is refused by the server too: nothing connects.
        if (hp != null && hp.port() > 0) {
            translated.add(endpoint(hp.ipv4(), hp.port()));
        }
    }

    /** The session's client host, as session records name it. */
    public String clientName() {
        return path.get(0).name();
    }

    @Override
    public void decided(final Firewall fw, final Hook hook, final Program.ChainCode chain, final int rule, final Packet p,
            final boolean dropped) {
        if (dropped) {
            drop(p, "dropped by " + Firewall.describe(chain, rule));
        }
    }

    @Override
    public void conntrackDrop(final Firewall fw, final Hook hook, final Packet p, final String reason) {
        drop(p, "conntrack: " + reason);
    }

    private void drop(final Packet p, final String why) {
        final Integer i = lastSent.remove(p);
        if (i != null) {
            drops.put(i, why);
        }
    }

    /** The diagram's columns: the path's nodes, in order. */
    public List<LadderNode> nodes() {
        final List<LadderNode> out = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            final Node n = path.get(i);
            final String role = i == 0 ? "client" : i == path.size() - 1 ? "server" : "firewall";
            out.add(new LadderNode(n.name(), role + " " + Ipv4.format(n.interfaces().get(0).address())));
        }
        return out;
    }

    /** The arrows between {@code from} and {@code to} (simulated nanoseconds), bulk folded. */
    public List<LadderEvent> events(final long from, final long to) {
        final List<LadderEvent> out = new ArrayList<>();
        final Map<String, String> connNames = new HashMap<>();
        int folded = 0;
        long foldedBytes = 0;
        for (int i = 0; i < raw.size(); i++) {
            final Raw r = raw.get(i);
            if (r.time < from || r.time > to) {
                continue;
            }
            final Packet p = r.copy;
            final String conn = connection(p, connNames);
            final String drop = drops.get(i);
            final boolean bulk = drop == null && (p.data == null && p.payloadLength > 0
                    || p.payloadLength == 0 && p.flags == Packet.ACK && !out.isEmpty() && folded > 0);
            if (bulk && !out.isEmpty()) {
                final LadderEvent last = out.get(out.size() - 1);
                if (folded > 0 && last.from().equals(r.from) && last.to().equals(r.to) && last.connection().equals(conn)) {
                    folded++;
                    foldedBytes += p.payloadLength;
                    out.set(out.size() - 1, LadderEvent.delivered(last.timeNanos(), r.from, r.to,
                            "data x" + folded + " (" + foldedBytes + " B) and ACKs", conn));
                    continue;
                }
            }
            folded = p.data == null && p.payloadLength > 0 ? 1 : 0;
            foldedBytes = folded > 0 ? p.payloadLength : 0;
            final String label = label(p);
            out.add(drop != null ? LadderEvent.dropped(r.time, r.from, r.to, label, conn, drop)
                    : LadderEvent.delivered(r.time, r.from, r.to, label, conn));
        }
        return out;
    }

    private String connection(final Packet p, final Map<String, String> names) {
        if (p.sport == controlPort || p.dport == controlPort) {
            return "control";
        }
        // Both hops of a translated connection under one name: endpoints as the client sees them.
        final long a = clientView.getOrDefault(endpoint(p.src, p.sport), endpoint(p.src, p.sport));
        final long b = clientView.getOrDefault(endpoint(p.dst, p.dport), endpoint(p.dst, p.dport));
        final String key = Math.min(a, b) + "|" + Math.max(a, b);
        return names.computeIfAbsent(key, k -> "data " + (names.size() + 1));
    }

    private static String label(final Packet p) {
        final String ends = Ipv4.format(p.src) + ":" + p.sport + " > " + Ipv4.format(p.dst) + ":" + p.dport;
        if (p.data != null && p.payloadLength > 0) {
            String text = new String(p.data, 0, p.payloadLength, StandardCharsets.ISO_8859_1);
            final int nl = text.indexOf('\r');
            text = (nl >= 0 ? text.substring(0, nl) : text).strip();
            final boolean printable = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
            if (!printable) {
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
        return f + " " + ends;
    }
}
