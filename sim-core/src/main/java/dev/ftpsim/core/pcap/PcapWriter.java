package dev.ftpsim.core.pcap;

import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.PacketTap;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the packets an interface sends and receives as a classic libpcap file: nanosecond
 * timestamps (magic 0xa1b23c4d), big-endian, link type LINKTYPE_RAW (101: the packet starts with
 * its IPv4 header). Timestamps are simulated time. One writer may tap several interfaces.
 */
public final class PcapWriter implements PacketTap, Closeable {
    /** LINKTYPE_RAW: raw IPv4/IPv6, per tcpdump.org/linktypes.html. */
    public static final int LINKTYPE_RAW = 101;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private final OutputStream out;
    private final int snapLength;
    private final byte[] record = new byte[16];
    private byte[] buf = new byte[65536];
    private long packets;

    /** @param snapLength bytes kept per packet (65535 keeps everything) */
    public PcapWriter(final OutputStream out, final int snapLength) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.snapLength = snapLength;
        final byte[] h = new byte[24];
        PacketBytes.put32(h, 0, MAGIC_NANOS);
        PacketBytes.put16(h, 4, 2); // version 2.4
        PacketBytes.put16(h, 6, 4);
        // thiszone 0, sigfigs 0
        PacketBytes.put32(h, 16, snapLength);
        PacketBytes.put32(h, 20, LINKTYPE_RAW);
        write(h, 24);
    }

    /** A writer to {@code file} tapping {@code ifaces}. */
    public static PcapWriter open(final Path file, final int snapLength, final NetInterface... ifaces) throws IOException {
        final PcapWriter w = new PcapWriter(Files.newOutputStream(file), snapLength);
        for (final NetInterface i : ifaces) {
            i.addTap(w);
        }
        return w;
    }

    public long packets() {
        return packets;
    }

    @Override
    public void onPacket(final NetInterface iface, final boolean outgoing, final Packet p, final long timeNanos) {
        final int total = p.totalLength();
        final int n = PacketBytes.write(p, iface.node().network().ipv6(), buf, snapLength);
        PacketBytes.put32(record, 0, (int) (timeNanos / 1_000_000_000L));
        PacketBytes.put32(record, 4, (int) (timeNanos % 1_000_000_000L));
        PacketBytes.put32(record, 8, n);
        PacketBytes.put32(record, 12, total);
        write(record, 16);
        write(buf, n);
        packets++;
    }

    private void write(final byte[] b, final int n) {
        try {
            out.write(b, 0, n);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write pcap", e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write pcap", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot close pcap", e);
        }
    }
}
