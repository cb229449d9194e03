package dev.ftpsim.core.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pcapng as readers parse it: the section header, an interface in nanoseconds with its name and
 * snap length, and one enhanced packet block per packet with the wall-clock timestamp, the cut
 * and the original length, and the comment a firewall's drop put on it.
 */
class PcapngWriterTest {
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private static Packet tcp(final int payload) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = 0xC000020A;
        p.dst = 0xCB00710A;
        p.sport = 40000;
        p.dport = 21;
        p.ttl = 64;
        p.flags = Packet.ACK;
        p.payloadLength = payload;
        return p;
    }

    /** An enhanced packet block's fields. */
    private record Epb(long timestamp, int captured, int original, String comment) {}

    private static List<Epb> packets(final byte[] file, final int[] idb) {
        final ByteBuffer b = ByteBuffer.wrap(file);
        assertEquals(0x0A0D0D0A, b.getInt(0), "section header block");
        assertEquals(0x1A2B3C4D, b.getInt(8), "big-endian byte-order magic");
        final List<Epb> out = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            final int type = b.getInt(at);
            final int len = b.getInt(at + 4);
            assertEquals(0, len % 4, "blocks are 32-bit aligned");
            assertEquals(len, b.getInt(at + len - 4), "trailing block length");
            if (type == 1) {
                idb[0] = b.getShort(at + 8);
                idb[1] = b.getInt(at + 12);
                for (int o = at + 16; b.getShort(o) != 0; o += 4 + ((b.getShort(o + 2) + 3) & ~3)) {
                    if (b.getShort(o) == 9) {
                        idb[2] = file[o + 4];
                    }
                }
            } else if (type == 6) {
                final long ts = (long) b.getInt(at + 12) << 32 | b.getInt(at + 16) & 0xFFFFFFFFL;
                final int cap = b.getInt(at + 20);
                String comment = null;
                for (int o = at + 28 + ((cap + 3) & ~3); o < at + len - 4 && b.getShort(o) != 0;
                        o += 4 + ((b.getShort(o + 2) + 3) & ~3)) {
                    if (b.getShort(o) == 1) {
                        comment = new String(file, o + 4, b.getShort(o + 2), StandardCharsets.UTF_8);
                    }
                }
                out.add(new Epb(ts, cap, b.getInt(at + 24), comment));
            }
            at += len;
        }
        return out;
    }

    @Test
    void packetsAreDatedFromTheStartCutToTheSnapLengthAndADropIsCommented() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PcapngWriter w = new PcapngWriter(bytes, 96, START, "fw.lan");
        final Packet a = tcp(1000), dropped = tcp(0), c = tcp(10);
        w.onPacket(null, false, a, 5_000_000L);
        w.onPacket(null, false, dropped, 7_000_000L);
        assertFalse(w.comment(dropped, "a pooled packet object seen before is another packet", 9_000_000L));
        w.onPacket(null, false, dropped, 9_000_000L);
        assertTrue(w.comment(dropped, "dropped by fw forward rule 2: iif lan drop", 9_000_000L));
        assertFalse(w.comment(a, "too late", 9_000_000L), "a packet of an earlier instant is written already");
        w.onPacket(null, true, c, 9_000_000L);
        w.close();
        final int[] idb = new int[3];
        final List<Epb> p = packets(bytes.toByteArray(), idb);
        assertEquals(101, idb[0], "LINKTYPE_RAW");
        assertEquals(96, idb[1], "snap length");
        assertEquals(9, idb[2], "nanosecond timestamps");
        assertEquals(4, p.size());
        assertEquals(new Epb(START + 5_000_000L, 96, 1040, null), p.get(0));
        assertEquals(new Epb(START + 7_000_000L, 40, 40, null), p.get(1));
        assertEquals(new Epb(START + 9_000_000L, 40, 40, "dropped by fw forward rule 2: iif lan drop"), p.get(2));
        assertEquals(new Epb(START + 9_000_000L, 50, 50, null), p.get(3));
    }
}
