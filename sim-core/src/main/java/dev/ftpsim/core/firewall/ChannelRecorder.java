package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The name a rule uses: a host-group member's "lan#17" is written "lan", which matches them all. */
    private static String ruleName(final NetInterface i) {
        if (i == null) {
            return "";
        }
        final int hash = i.name().indexOf('#');
        return hash < 0 ? i.name() : i.name().substring(0, hash);
    }

    private record Key(boolean toServer, String serverPorts, String remote, String iface) {}

    private final int server;
    private final Map<Key, Channel> channels = new LinkedHashMap<>();
    /** Connection (client-side tuple) to "opened by the remote side". */
    private final Map<Long, Boolean> openedByRemote = new HashMap<>();

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
        return new ArrayList<>(channels.values());
    }

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
            openedByRemote.put(conn, toServer);
        }
        final boolean byRemote = openedByRemote.getOrDefault(conn, Boolean.FALSE);
        final String serverPorts = serverPort >= 1024 ? "ports > 1023" : "port " + serverPort;
        final String remotePorts = remotePort >= 1024 ? "ports > 1023" : "port " + remotePort;
        final String iface = ruleName(toServer ? in : out);
        final String remoteWords = toServer ? (byRemote ? "anywhere" : remotePorts)
                : (serverPort >= 1024 ? "remote " + remotePorts : remotePorts);
        final Key k = new Key(toServer, serverPorts, remoteWords, iface);
        if (channels.containsKey(k)) {
            return;
        }
        final String description = "FTP server's " + serverPorts + (toServer ? " from " : " to ") + remoteWords;
        channels.put(k, new Channel(description, rule(toServer, serverPort, remotePort, byRemote, iface)));
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
