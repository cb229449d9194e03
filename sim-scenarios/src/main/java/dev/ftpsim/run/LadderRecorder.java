package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.firewall.Rule;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
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
    private final Set<Integer> addresses;
    private final int controlPort;
    private final List<Raw> raw = new ArrayList<>();
    private final Map<Packet, Integer> lastSent = new IdentityHashMap<>();
    private final Map<Integer, String> drops = new HashMap<>();
    private final int limit;

    LadderRecorder(final List<Node> path, final Set<Integer> addresses, final int controlPort, final int limit) {
        this.path = path;
        this.addresses = addresses;
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
                    if (out && p.protocol == Packet.PROTO_TCP && raw.size() < this.limit
                            && (addresses.contains(p.src) || addresses.contains(p.dst))) {
                        final Packet c = new Packet();
                        c.copyFrom(p);
                        lastSent.put(p, raw.size());
                        raw.add(new Raw(t, n.name(), to, c));
                    }
                });
            }
        }
    }

    @Override
    public void decided(final Firewall fw, final Hook hook, final Chain chain, final Rule rule, final Packet p,
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
        final String a = Ipv4.format(p.src) + ":" + p.sport;
        final String b = Ipv4.format(p.dst) + ":" + p.dport;
        final String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
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
