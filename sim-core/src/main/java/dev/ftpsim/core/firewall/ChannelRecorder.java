package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.util.LongObjectMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Watches the TCP packets a node forwards and derives the channels a firewall there must allow
 * for a given server, in the words of the first source document ("FTP server's port 21 from
 * anywhere", "FTP server's port 20 to ports > 1023", ...), each with a stateless rule that opens
 * it.
 *
 * <p>A channel is a direction (to or from the server), the server's port class (21, 20, or ports
 * above 1023) and the remote side: "anywhere" when the remote side opens the connection (its
 * source port is not known in advance), else its port class. Channels are listed in the order
 * they were first used.
 */
public final class ChannelRecorder {
    /** One channel, with the rule that opens it on a stateless filter. */
    public record Channel(String description, String rule) {}

    private final int server;
    /** Channels in the order first used, and by their packed key (see {@link #see}). */
    private final List<Channel> channels = new ArrayList<>();
    private final LongObjectMap<Channel> byKey = new LongObjectMap<>();
    /**
     * Connection (remote address, remote port, server port) to "opened by the remote side", from
     * its SYN until the first packet the other way.
     */
    private final LongObjectMap<Boolean> openedByRemote = new LongObjectMap<>();
    /** Per interface index of the node: the rule name's id (+1; 0 = not seen yet), and the names. */
    private int[] nameIdByIndex = new int[8];
    private final List<String> names = new ArrayList<>();

    private ChannelRecorder(final int server) {
        this.server = server;
    }

    /** Records on {@code node}'s FORWARD hook, before any filter, the channels to and from {@code server}. */
    public static ChannelRecorder attach(final Node node, final int server) {
        final ChannelRecorder r = new ChannelRecorder(server);
        node.hooks().register(Hook.FORWARD, Integer.MIN_VALUE, (hook, p, in, out) -> {
            r.see(p, in, out);
            return Verdict.ACCEPT;
        });
        return r;
    }

    /** The channels seen so far. */
    public List<Channel> channels() {
        return new ArrayList<>(channels);
    }

    /** Runs for every forwarded packet: primitive keys, no allocation once a channel is known. */
    private void see(final Packet p, final NetInterface in, final NetInterface out) {
        if (p.protocol != Packet.PROTO_TCP || (p.src != server && p.dst != server)) {
            return;
        }
        final boolean toServer = p.dst == server;
        final int serverPort = toServer ? p.dport : p.sport;
        final int remotePort = toServer ? p.sport : p.dport;
        final int remote = toServer ? p.src : p.dst;
        final long conn = (remote & 0xFFFFFFFFL) << 32 | (long) remotePort << 16 | serverPort;
        if ((p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN) {
            openedByRemote.put(conn, toServer ? Boolean.TRUE : Boolean.FALSE);
        }
        final Boolean opened = openedByRemote.get(conn);
        if (opened == null) {
            return; // both directions of this connection were seen: its channels are recorded
        }
        final boolean byRemote = opened;
        if (toServer != byRemote) {
            // The first packet against the SYN's direction: with it, every channel this connection
            // uses is known, so the connection is forgotten and the table holds opening ones only.
            openedByRemote.remove(conn);
        }
        final int serverClass = Math.min(serverPort, 1024);                        // 1024 = "ports > 1023"
        final int remoteClass = toServer && byRemote ? 1025 : Math.min(remotePort, 1024); // 1025 = "anywhere"
        final NetInterface iface = toServer ? in : out;
        final int nameId = iface == null ? 0 : nameId(iface);
        final long key = (long) nameId << 24 | (long) remoteClass << 12 | (long) serverClass << 1 | (toServer ? 1 : 0);
        if (byKey.get(key) != null) {
            return;
        }
        final String serverPorts = serverPort >= 1024 ? "ports > 1023" : "port " + serverPort;
        final String remotePorts = remotePort >= 1024 ? "ports > 1023" : "port " + remotePort;
        final String remoteWords = toServer ? (byRemote ? "anywhere" : remotePorts)
                : (serverPort >= 1024 ? "remote " + remotePorts : remotePorts);
        final String description = "FTP server's " + serverPorts + (toServer ? " from " : " to ") + remoteWords;
        final Channel c = new Channel(description, rule(toServer, serverPort, remotePort, byRemote,
                nameId == 0 ? "" : names.get(nameId - 1)));
        byKey.put(key, c);
        channels.add(c);
    }

    /**
     * The id (from 1) of the name a rule uses for this interface: a host-group member's "lan#17"
     * is written "lan", which matches them all, so all members share one id.
     */
    private int nameId(final NetInterface i) {
        final int index = i.index();
        if (index >= nameIdByIndex.length) {
            nameIdByIndex = Arrays.copyOf(nameIdByIndex, Math.max(index + 1, 2 * nameIdByIndex.length));
        }
        if (nameIdByIndex[index] == 0) {
            final int hash = i.name().indexOf('#');
            final String name = hash < 0 ? i.name() : i.name().substring(0, hash);
            int id = names.indexOf(name) + 1;
            if (id == 0) {
                names.add(name);
                id = names.size();
            }
            nameIdByIndex[index] = id;
        }
        return nameIdByIndex[index];
    }

    private String rule(final boolean toServer, final int serverPort, final int remotePort, final boolean byRemote,
            final String iface) {
        final String sp = serverPort >= 1024 ? "1024-65535" : String.valueOf(serverPort);
        final String rp = remotePort >= 1024 ? "1024-65535" : String.valueOf(remotePort);
        final String addr = Ipv4.format(server);
        if (toServer) {
            return (iface.isEmpty() ? "" : "iif " + iface + " ") + "ip daddr " + addr + " tcp dport " + sp
                    + (byRemote ? "" : " tcp sport " + rp) + " accept";
        }
        return (iface.isEmpty() ? "" : "oif " + iface + " ") + "ip saddr " + addr + " tcp sport " + sp + " tcp dport "
                + rp + " accept";
    }
}
