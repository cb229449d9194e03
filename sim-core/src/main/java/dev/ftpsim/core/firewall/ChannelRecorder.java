package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.util.LongObjectMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the TCP packets a node forwards and derives the channels a firewall there must allow
 * for a given server, each with a stateless rule that opens it. The channels are data (direction,
 * port classes, who opened the connection, interface); words for them belong to the protocol
 * that uses them (the FTP sources' words are in sim-ftp's {@code FtpChannels}).
 *
 * <p>A channel is a direction (to or from the server), the server's port class (the port itself
 * below 1024, else "above 1023") and the remote side: "anywhere" when the remote side opens the
 * connection (its source port is not known in advance), else its port class. Channels are listed
 * in the order they were first used, each with the ports of the first packet that used it.
 *
 * <p>IPv6 connections are followed as IPv4 ones: their addresses are the network's ids
 * ({@link Ipv6}), so a server's IPv6 address is one more address that stands for it, and a
 * channel's rule matches {@code ip6 daddr} with the address in its RFC 5952 form.
 */
public final class ChannelRecorder {
    /**
     * One channel.
     *
     * @param server         the server's address
     * @param toServer       packets go to the server (else from it)
     * @param serverPort     the server's port of the first packet; above 1023 stands for all such
     * @param remotePort     the remote port of the first packet; above 1023 stands for all such
     * @param openedByRemote the remote side opened the connection: its port is not known in advance
     * @param iface          the interface (or interface group) on the remote side, "" if none
     * @param address        the server's address in text: dotted, or IPv6 in its RFC 5952 form
     */
    public record Channel(int server, boolean toServer, int serverPort, int remotePort, boolean openedByRemote,
            String iface, String address) {
        /** The stateless nftables rule that opens this channel ({@code ip6} for an IPv6 server address). */
        public String rule() {
            final String sp = serverPort >= 1024 ? "1024-65535" : String.valueOf(serverPort);
            final String rp = remotePort >= 1024 ? "1024-65535" : String.valueOf(remotePort);
            final String ip = Ipv6.isId(server) ? "ip6" : "ip";
            if (toServer) {
                return (iface.isEmpty() ? "" : "iif " + iface + " ") + ip + " daddr " + address + " tcp dport " + sp
                        + (openedByRemote ? "" : " tcp sport " + rp) + " accept";
            }
            return (iface.isEmpty() ? "" : "oif " + iface + " ") + ip + " saddr " + address + " tcp sport " + sp
                    + " tcp dport " + rp + " accept";
        }
    }

    private final int server;
    /** Other addresses that stand for the server here (a DNAT address, a NAT's public address), or null. */
    private final java.util.function.IntPredicate aliases;
    /** Channels in the order first used, and by their packed key (see {@link #see}). */
    private final List<Channel> channels = new ArrayList<>();
    private final LongObjectMap<Channel> byKey = new LongObjectMap<>();
    /**
     * Connection (remote address, remote port, server port) to "opened by the remote side", from
     * its SYN until the first packet the other way.
     */
    private final LongObjectMap<Boolean> openedByRemote = new LongObjectMap<>();
    /**
     * The names rules use for the interfaces seen, and the last interface seen with its name's id:
     * consecutive packets mostly cross the same one. (A table by interface index would hold a slot
     * per host-group member's interface, 4 MB per recorder for a million members.)
     */
    private final List<String> names = new ArrayList<>();
    private NetInterface lastIface;
    private int lastNameId;

    /** Formats the addresses of the node's network, IPv6 ids included. */
    private final dev.ftpsim.core.net.Ipv6Addresses formats;

    private ChannelRecorder(final int server, final java.util.function.IntPredicate aliases,
            final dev.ftpsim.core.net.Ipv6Addresses formats) {
        this.server = server;
        this.aliases = aliases;
        this.formats = formats;
    }

    /** Records on {@code node}'s FORWARD hook, before any filter, the channels to and from {@code server}. */
    public static ChannelRecorder attach(final Node node, final int server) {
        return attach(node, server, null);
    }

    /**
     * As {@link #attach(Node, int)}, also counting as the server every address {@code aliases}
     * accepts at the time a packet passes: where NAT further along the path translates the
     * server's address, this node sees the address before that translation. A channel's rule names
     * the address seen here. A connection whose SYN passed before its address was known is taken up
     * at its SYN-ACK.
     */
    public static ChannelRecorder attach(final Node node, final int server, final java.util.function.IntPredicate aliases) {
        final ChannelRecorder r = new ChannelRecorder(server, aliases, node.network().ipv6());
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
    private boolean isServer(final int addr) {
        return addr == server || aliases != null && aliases.test(addr);
    }

    private void see(final Packet p, final NetInterface in, final NetInterface out) {
        if (p.protocol != Packet.PROTO_TCP) {
            return;
        }
        final boolean toServer = isServer(p.dst);
        if (!toServer && !isServer(p.src)) {
            return;
        }
        final int serverPort = toServer ? p.dport : p.sport;
        final int remotePort = toServer ? p.sport : p.dport;
        final int remote = toServer ? p.src : p.dst;
        final long conn = (remote & 0xFFFFFFFFL) << 32 | (long) remotePort << 16 | serverPort;
        final int synAck = p.flags & (Packet.SYN | Packet.ACK);
        if (synAck == Packet.SYN) {
            openedByRemote.put(conn, toServer ? Boolean.TRUE : Boolean.FALSE);
        }
        final Boolean opened = openedByRemote.get(conn);
        final NetInterface iface = toServer ? in : out; // a SYN-ACK's way out is its SYN's way in
        if (opened == null) {
            if (synAck == (Packet.SYN | Packet.ACK) && aliases != null) {
                // Its SYN passed before NAT further on made this address the server's: the SYN
                // went the other way, opened by the side this SYN-ACK goes to.
                final int addr = toServer ? p.dst : p.src;
                channel(!toServer, addr, serverPort, remotePort, !toServer, iface);
                channel(toServer, addr, serverPort, remotePort, !toServer, iface);
            }
            return; // both directions of this connection were seen: its channels are recorded
        }
        final boolean byRemote = opened;
        if (toServer != byRemote) {
            // The first packet against the SYN's direction: with it, every channel this connection
            // uses is known, so the connection is forgotten and the table holds opening ones only.
            openedByRemote.remove(conn);
        }
        channel(toServer, toServer ? p.dst : p.src, serverPort, remotePort, byRemote, iface);
    }

    /** Records the channel of a packet to (or from) the server at {@code addr}, unless known. */
    private void channel(final boolean toServer, final int addr, final int serverPort, final int remotePort,
            final boolean byRemote, final NetInterface iface) {
        final int serverClass = Math.min(serverPort, 1024);                        // 1024 = "ports > 1023"
        final int remoteClass = toServer && byRemote ? 1025 : Math.min(remotePort, 1024); // 1025 = "anywhere"
        final int nameId = iface == null || iface.isLoopback() ? 0 : nameId(iface);
        // IPv4 and IPv6 channels of a dual-stack server differ: each needs its own rule.
        final long key = (Ipv6.isId(addr) ? 1L << 62 : 0) | (long) nameId << 24 | (long) remoteClass << 12
                | (long) serverClass << 1 | (toServer ? 1 : 0);
        if (byKey.get(key) != null) {
            return;
        }
        final Channel c = new Channel(addr, toServer, serverPort, remotePort, toServer && byRemote,
                nameId == 0 ? "" : names.get(nameId - 1), formats.formatAny(addr));
        byKey.put(key, c);
        channels.add(c);
    }

    /**
     * The id (from 1) of the name a rule uses for this interface: its group's, so the interfaces
     * made for a host group's members share one id and one rule.
     */
    private int nameId(final NetInterface i) {
        if (i != lastIface) {
            final String name = i.group();
            int id = names.indexOf(name) + 1;
            if (id == 0) {
                names.add(name);
                id = names.size();
            }
            lastIface = i;
            lastNameId = id;
        }
        return lastNameId;
    }
}
