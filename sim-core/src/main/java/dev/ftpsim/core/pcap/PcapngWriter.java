package dev.ftpsim.core.pcap;

import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.PacketTap;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the packets of some interfaces as a pcapng file (IETF draft-ietf-opsawg-pcapng): a
 * Section Header Block, one Interface Description Block (LINKTYPE_RAW, nanosecond timestamps,
 * the capture's name) and an Enhanced Packet Block per packet, big-endian. Timestamps are the
 * simulated time plus a fixed wall-clock start, so captures open at a real date.
 *
 * <p>Theory of operation: a packet can carry a comment ({@code opt_comment}), which Wireshark shows
 * as the packet's comment and {@code tshark -e frame.comment} prints: {@link #comment} puts on a
 * packet why a firewall dropped it. The firewall decides in the same simulated instant the packet
 * arrived (the receive path is synchronous), so packets are held back until simulated time moves
 * on, and a comment finds its packet among those held.
 */
public final class PcapngWriter implements PacketTap, Closeable {
    private static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0, OPT_COMMENT = 1, IF_NAME = 2, IF_TSRESOL = 9;

    /** A packet written when simulated time moves past it. */
    private static final class Held {
        Packet packet;
        long time;
        int length, original;
        byte[] bytes = new byte[2048];
        String comment;
    }

    private final OutputStream out;
    private final int snapLength;
    private final long startNanos;
    private final List<Held> held = new ArrayList<>();
    private final List<Held> spare = new ArrayList<>();
    private final byte[] head = new byte[28];
    private long packets;

    /**
     * @param snapLength bytes kept per packet (65535 keeps everything)
     * @param startNanos wall-clock time of simulated time 0, nanoseconds since 1970-01-01 UTC
     * @param name the interface name a reader shows (e.g. "fw.wan")
     */
    public PcapngWriter(final OutputStream out, final int snapLength, final long startNanos, final String name) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.snapLength = snapLength;
        this.startNanos = startNanos;
        final byte[] h = new byte[28];
        PacketBytes.put32(h, 0, SHB);
        PacketBytes.put32(h, 4, 28);
        PacketBytes.put32(h, 8, BYTE_ORDER_MAGIC);
        PacketBytes.put16(h, 12, 1); // version 1.0
        PacketBytes.put16(h, 14, 0);
        PacketBytes.put32(h, 16, -1); // section length unknown (-1, 64 bits)
        PacketBytes.put32(h, 20, -1);
        PacketBytes.put32(h, 24, 28);
        write(h, 28);
        final byte[] n = name.getBytes(StandardCharsets.UTF_8);
        final int options = 4 + pad(n.length) + 4 + 4 + 4;
        final byte[] i = new byte[20 + options];
        PacketBytes.put32(i, 0, IDB);
        PacketBytes.put32(i, 4, i.length);
        PacketBytes.put16(i, 8, PcapWriter.LINKTYPE_RAW);
        PacketBytes.put32(i, 12, snapLength);
        int o = 16;
        PacketBytes.put16(i, o, IF_NAME);
        PacketBytes.put16(i, o + 2, n.length);
        System.arraycopy(n, 0, i, o + 4, n.length);
        o += 4 + pad(n.length);
        PacketBytes.put16(i, o, IF_TSRESOL);
        PacketBytes.put16(i, o + 2, 1);
        i[o + 4] = 9; // 10^-9 s: nanoseconds
        o += 8;
        PacketBytes.put32(i, o, OPT_END);
        PacketBytes.put32(i, i.length - 4, i.length);
        write(i, i.length);
    }

    /** A writer to {@code file} tapping {@code ifaces}. */
    public static PcapngWriter open(final Path file, final int snapLength, final long startNanos, final String name,
            final NetInterface... ifaces) throws IOException {
        final PcapngWriter w = new PcapngWriter(Files.newOutputStream(file), snapLength, startNanos, name);
        w.file = file.toString();
        for (final NetInterface i : ifaces) {
            i.addTap(w);
        }
        return w;
    }

    /** Packets written or held so far. */
    public long packets() {
        return packets;
    }

    @Override
    public void onPacket(final NetInterface iface, final boolean outgoing, final Packet p, final long timeNanos) {
        release(timeNanos);
        final Held h = spare.isEmpty() ? new Held() : spare.remove(spare.size() - 1);
        final int total = p.totalLength();
        if (h.bytes.length < Math.max(total, 64)) {
            h.bytes = new byte[Math.max(total, 64)];
        }
        h.packet = p;
        h.time = timeNanos;
        h.length = PacketBytes.write(p, iface == null ? null : iface.node().network().ipv6(), h.bytes, snapLength);
        h.original = total;
        h.comment = null;
        held.add(h);
        packets++;
    }

    /**
     * Puts {@code text} on packet {@code p} if this capture saw it at simulated time {@code now} (a
     * pooled packet object seen earlier is another packet); a second comment on the same packet is
     * appended on a new line. Returns whether it was.
     */
    public boolean comment(final Packet p, final String text, final long now) {
        release(now);
        for (int i = held.size() - 1; i >= 0; i--) {
            final Held h = held.get(i);
            if (h.packet == p) {
                h.comment = h.comment == null ? text : h.comment + "\n" + text;
                return true;
            }
        }
        return false;
    }

    /** Writes the held packets older than {@code now}, in order. */
    private void release(final long now) {
        int n = 0;
        while (n < held.size() && held.get(n).time < now) {
            n++;
        }
        if (n > 0) {
            writeHeld(n);
        }
    }

    private void writeHeld(final int n) {
        for (int k = 0; k < n; k++) {
            final Held h = held.get(k);
            final byte[] c = h.comment == null ? null : h.comment.getBytes(StandardCharsets.UTF_8);
            final int options = c == null ? 0 : 4 + pad(c.length) + 4;
            final int total = 28 + pad(h.length) + options + 4;
            final long ts = startNanos + h.time;
            PacketBytes.put32(head, 0, EPB);
            PacketBytes.put32(head, 4, total);
            PacketBytes.put32(head, 8, 0); // interface 0
            PacketBytes.put32(head, 12, (int) (ts >>> 32));
            PacketBytes.put32(head, 16, (int) ts);
            PacketBytes.put32(head, 20, h.length);
            PacketBytes.put32(head, 24, h.original);
            write(head, 28);
            write(h.bytes, h.length);
            write(ZEROS, pad(h.length) - h.length);
            if (c != null) {
                final byte[] o = new byte[4];
                PacketBytes.put16(o, 0, OPT_COMMENT);
                PacketBytes.put16(o, 2, c.length);
                write(o, 4);
                write(c, c.length);
                write(ZEROS, pad(c.length) - c.length);
                write(ZEROS, 4); // opt_endofopt
            }
            PacketBytes.put32(head, 0, total);
            write(head, 4);
            h.packet = null;
            h.comment = null;
            spare.add(h);
        }
        held.subList(0, n).clear();
    }

    /** Where the capture is written, for a failure's message: a full disk's says only "No space left on device". */
    private String file = "the pcapng capture";

    private UncheckedIOException failed(final String what, final IOException e) {
        return new UncheckedIOException(new IOException("cannot " + what + " " + file + ": " + e.getMessage(), e));
    }

    private static final byte[] ZEROS = new byte[4];

    private static int pad(final int n) {
        return (n + 3) & ~3;
    }

    private void write(final byte[] b, final int n) {
        try {
            out.write(b, 0, n);
        } catch (final IOException e) {
            throw failed("write", e);
        }
    }

    /** Writes every held packet and flushes. */
    public void flush() {
        writeHeld(held.size());
        try {
            out.flush();
        } catch (final IOException e) {
            throw failed("write", e);
        }
    }

    @Override
    public void close() {
        writeHeld(held.size());
        try {
            out.close();
        } catch (final IOException e) {
            throw failed("close", e);
        }
    }
}
