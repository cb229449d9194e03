package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.core.net.Packet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Records, at one firewall, how the first packet (SYN) of each connection was classified and
 * judged: "RELATED (ftp PASV 198.51.100.10 -> 203.0.113.10:30068), accepted by forward rule 1:
 * ct state established,related accept" or "NEW, dropped by forward policy drop". Looked up by
 * either endpoint, so a session finds its data connection by the client's address and port; a
 * finished session's endpoints are {@linkplain #forget forgotten}, so the table holds the
 * connections of live sessions only.
 */
public final class DataPathObserver implements Firewall.Listener {
    /**
     * A judgement, and the other endpoint of its connection; {@code tracked} when only conntrack
     * classified the SYN (no chain judged it, or not yet).
     */
    private record Seen(String text, boolean dropped, long peer, boolean tracked) {}

    /** The judgement of a SYN that no filter chain met. */
    static final String NO_FILTER = "accepted: no filter chain on its way";

    private final Map<Long, Seen> byEndpoint = new HashMap<>();
    private final Firewall.Listener next;

    private DataPathObserver(final Firewall.Listener next) {
        this.next = next;
    }

    /** An observer not yet attached: for a firewall whose listeners are chained by the caller. */
    static DataPathObserver detached() {
        return new DataPathObserver(null);
    }

    /** Observes {@code fw}, keeping any listener it had. */
    public static DataPathObserver attach(final Firewall fw, final Firewall.Listener previous) {
        final DataPathObserver o = new DataPathObserver(previous);
        fw.setListener(o);
        return o;
    }

    /** The classification of the connection whose SYN had {@code ip:port} at either end, or "not seen". */
    public String classify(final int ip, final int port) {
        final Seen s = byEndpoint.get(key(ip, port));
        return s == null ? "not seen" : s.text();
    }

    /**
     * The classification of the connection whose SYN had one of {@code endpoints} (keys of
     * {@link Translations#key}: one endpoint as each NAT on the way wrote it) at either end, the
     * first found, or "not seen".
     */
    String classify(final Iterable<Long> endpoints) {
        // A chain's judgement first: conntrack's classification under an endpoint a NAT rewrote
        // later is the same SYN before the chain judged it.
        String tracked = null;
        for (final Long k : endpoints) {
            final Seen s = byEndpoint.get(k);
            if (s != null && !s.tracked()) {
                return s.text();
            }
            if (s != null && tracked == null) {
                tracked = s.text();
            }
        }
        return tracked != null ? tracked : "not seen";
    }

    /** {@link #forget(int, int)} by key. */
    void forget(final long endpoint) {
        forget((int) (endpoint >>> 16), (int) (endpoint & 0xffff));
    }

    /**
     * Drops what was recorded for the connection with {@code ip:port} at one end, and its other
     * end's record if that still belongs to the same connection.
     */
    public void forget(final int ip, final int port) {
        final long k = key(ip, port);
        final Seen s = byEndpoint.remove(k);
        if (s != null) {
            final Seen peer = byEndpoint.get(s.peer());
            if (peer != null && peer.peer() == k) {
                byEndpoint.remove(s.peer());
            }
        }
    }

    /** How many endpoints are recorded (a finished session's are forgotten). */
    public int size() {
        return byEndpoint.size();
    }

    private static long key(final int ip, final int port) {
        return (ip & 0xffff_ffffL) << 16 | (port & 0xffff);
    }

    @Override
    public void decided(final Firewall fw, final Hook hook, final Program.ChainCode chain, final int rule, final Packet p,
            final boolean dropped) {
        if (next != null) {
            next.decided(fw, hook, chain, rule, p, dropped);
        }
        if (!isSyn(p)) {
            return;
        }
        record(p, state(p) + ", " + (dropped ? "dropped by " : "accepted by ") + Firewall.describe(chain, rule),
                dropped, false);
    }

    @Override
    public void conntrackDrop(final Firewall fw, final Hook hook, final Packet p, final String reason) {
        if (next != null) {
            next.conntrackDrop(fw, hook, p, reason);
        }
        if (isSyn(p)) {
            record(p, state(p) + ", dropped by conntrack: " + reason, true, false);
        }
    }

    @Override
    public void tracked(final Firewall fw, final Hook hook, final Packet p) {
        if (next != null) {
            next.tracked(fw, hook, p);
        }
        // What the connection tracking said, before any chain: kept where no filter chain judges
        // the SYN (a firewall of nat chains only, or a host's with a prerouting chain only), as
        // the kernel classifies it all the same; a chain's judgement replaces it.
        if (isSyn(p)) {
            record(p, state(p) + ", " + NO_FILTER, false, true);
        }
    }

    private void record(final Packet p, final String text, final boolean dropped, final boolean tracked) {
        final long a = key(p.src, p.sport);
        final long b = key(p.dst, p.dport);
        // Chains run in hook and priority order: the last judgement is the one that let the packet
        // through, and a drop ends the packet's way, so it is never overwritten.
        put(a, new Seen(text, dropped, b, tracked));
        put(b, new Seen(text, dropped, a, tracked));
    }

    private void put(final long k, final Seen s) {
        final Seen old = byEndpoint.get(k);
        if (old == null || old.tracked() || !s.tracked() && (!old.dropped() || s.dropped())) {
            byEndpoint.put(k, s);
        }
    }

    private static boolean isSyn(final Packet p) {
        return p.protocol == Packet.PROTO_TCP && (p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
    }

    private static String state(final Packet p) {
        if (p.ctInfo == 0) {
            return "UNTRACKED";
        }
        final String s = CtState.format(p.ctInfo).toUpperCase(Locale.ROOT);
        if (p.ct instanceof ConnEntry e && e.expectedBy() != null && (p.ctInfo & CtState.RELATED) != 0) {
            return s + " (" + e.expectedBy() + ")";
        }
        return s;
    }
}
