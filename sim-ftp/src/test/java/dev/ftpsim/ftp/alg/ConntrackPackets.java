package dev.ftpsim.ftp.alg;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;

/** Packets through one conntrack, for the helper tests: handshakes, payload and data SYNs. */
final class ConntrackPackets {
    private ConntrackPackets() {}

    static Packet tcp(final String src, final int sport, final String dst, final int dport, final int flags,
            final int seq, final int ack) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = Ipv4.parse(src);
        p.dst = Ipv4.parse(dst);
        p.sport = sport;
        p.dport = dport;
        p.flags = flags;
        p.seq = seq;
        p.ack = ack;
        p.window = 65535;
        return p;
    }

    /** Tracks and confirms a packet as PREROUTING and POSTROUTING do; false when conntrack dropped it. */
    static boolean pass(final Conntrack ct, final Packet p) {
        return ct.track(p) && ct.confirm(p);
    }

    /** A completed handshake from {@code client} to port 21: the entry, ASSURED. */
    static ConnEntry control(final Conntrack ct, final String client, final int port, final String server) {
        pass(ct, tcp(client, port, server, 21, Packet.SYN, 100, 0));
        pass(ct, tcp(server, 21, client, port, Packet.SYN | Packet.ACK, 500, 101));
        final Packet ack = tcp(client, port, server, 21, Packet.ACK, 101, 501);
        pass(ct, ack);
        return (ConnEntry) ack.ct;
    }

    /**
     * Feeds {@code h} a first line each way ending just before the sequence numbers {@link #text}
     * uses, as "USER a" and the "220" greeting would: nf_conntrack_ftp parses no packet in a
     * direction before one there has ended a line.
     */
    static void linesSeen(final FtpHelper h, final dev.ftpsim.core.conntrack.HelperContext ctx, final ConnEntry e,
            final int clientSeq, final int serverSeq) {
        for (int dir = 0; dir < 2; dir++) {
            final String line = dir == 0 ? "USER a\r\n" : "220 hi\r\n";
            final Packet p = text(e, dir, line);
            p.seq = (dir == 0 ? clientSeq : serverSeq) - line.length();
            h.help(ctx, e, dir, p, dev.ftpsim.core.conntrack.ConntrackHelper.Order.IN_ORDER);
        }
    }

    /** {@link #linesSeen(FtpHelper, dev.ftpsim.core.conntrack.HelperContext, ConnEntry, int, int)} for {@link #text}'s numbers. */
    static void linesSeen(final FtpHelper h, final Conntrack ct, final ConnEntry e) {
        linesSeen(h, ct.helperContext(), e, 101, 501);
    }

    /** A line of FTP text on the control connection, in the direction given. */
    static Packet text(final ConnEntry e, final int dir, final String line) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.seq = dir == 0 ? 101 : 501;
        p.data = line.getBytes(StandardCharsets.US_ASCII);
        p.payloadLength = p.data.length;
        return p;
    }
}
