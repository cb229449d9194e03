package dev.ftpsim.core.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures are real libpcap files: valid headers and checksums, real control bytes, zeros for bulk. */
class PcapWriterTest {
    @TempDir
    Path dir;

    /** A short FTP-like exchange plus 20 kB of bulk data and a refused connect, captured at the client. */
    private byte[] capture(final int snap) {
        final Simulator sim = new Simulator(5);
        final Network net = new Network(sim);
        final Host c = net.host("c");
        final Router r = net.router("r");
        final Host s = net.host("s");
        final NetInterface ci = c.addInterface("eth0", "192.0.2.10/24");
        final NetInterface r0 = r.addInterface("lan", "192.0.2.1/24");
        final NetInterface r1 = r.addInterface("wan", "203.0.113.1/24");
        final NetInterface si = s.addInterface("eth0", "203.0.113.10/24");
        c.defaultGateway("192.0.2.1");
        s.defaultGateway("203.0.113.1");
        net.connect(ci, r0, LinkConfig.of(10_000_000, 2_000_000, 100));
        net.connect(r1, si, LinkConfig.of(10_000_000, 2_000_000, 100));
        final TcpStack ct = new TcpStack(c, TcpConfig.linux());
        final TcpStack st = new TcpStack(s, TcpConfig.linux());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PcapWriter w = new PcapWriter(out, snap);
        ci.addTap(w);
        Exchange.start(ct, st, si.address(), dev.ftpsim.core.net.Ipv4.parse("198.51.100.1"), "USER anonymous\r\n",
                true); // the unrouted connect: ICMP net unreachable
        sim.run();
        w.close();
        return out.toByteArray();
    }

    @Test
    void everyRecordHasValidIpAndTcpChecksumsAndTheControlBytesAreReal() {
        final byte[] f = capture(65535);
        final ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(0xa1b23c4d, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.getInt();
        b.getInt();
        assertEquals(65535, b.getInt());
        assertEquals(PcapWriter.LINKTYPE_RAW, b.getInt());
        int records = 0;
        int icmp = 0;
        long bulkZeros = 0;
        final StringBuilder text = new StringBuilder();
        while (b.hasRemaining()) {
            b.getInt();
            b.getInt();
            final int incl = b.getInt();
            final int orig = b.getInt();
            assertEquals(orig, incl);
            final byte[] pkt = new byte[incl];
            b.get(pkt);
            records++;
            assertEquals(0x45, pkt[0]);
            assertEquals(incl, ((pkt[2] & 0xFF) << 8) | (pkt[3] & 0xFF));
            assertEquals(0, PacketBytes.verify(pkt, 0, 20, 0), "IP header checksum");
            if (pkt[9] == 1) {
                icmp++;
                assertEquals(0, PacketBytes.verify(pkt, 20, incl - 20, 0), "ICMP checksum");
                assertEquals(3, pkt[20]); // destination unreachable
                assertEquals(0x45, pkt[28]); // quotes the offending IP header...
                assertEquals(0, PacketBytes.verify(pkt, 28, 20, 0), "quoted IP header checksum");
                assertEquals(21, ((pkt[50] & 0xFF) << 8) | (pkt[51] & 0xFF)); // ...and its ports
                continue;
            }
            assertEquals(6, pkt[9]);
            long pseudo = 0;
            for (int i = 12; i < 20; i += 2) {
                pseudo += ((pkt[i] & 0xFF) << 8) | (pkt[i + 1] & 0xFF);
            }
            pseudo += 6 + (incl - 20);
            assertEquals(0, PacketBytes.verify(pkt, 20, incl - 20, pseudo), "TCP checksum of record " + records);
            final int hl = ((pkt[32] & 0xFF) >>> 4) * 4;
            final int payload = incl - 20 - hl;
            if (payload > 0) {
                final String s = new String(pkt, 20 + hl, payload, StandardCharsets.ISO_8859_1);
                if (s.chars().allMatch(ch -> ch == 0)) {
                    bulkZeros += payload;
                } else {
                    text.append(s);
                }
            }
        }
        assertTrue(records > 20, "records: " + records);
        assertEquals(1, icmp);
        assertEquals("220 ftpsim ready\r\nUSER anonymous\r\n", text.toString());
        assertEquals(20_000, bulkZeros);
    }

    @Test
    void aSnapLengthTruncatesRecordsButKeepsTheOriginalLength() {
        final byte[] f = capture(54);
        final ByteBuffer b = ByteBuffer.wrap(f);
        b.position(24);
        boolean sawTruncated = false;
        while (b.hasRemaining()) {
            b.getInt();
            b.getInt();
            final int incl = b.getInt();
            final int orig = b.getInt();
            assertTrue(incl <= 54);
            sawTruncated |= orig > incl;
            b.position(b.position() + incl);
        }
        assertTrue(sawTruncated);
    }

    /** Runs only where tshark is installed: Wireshark's own dissectors must find nothing wrong. */
    @Test
    void tsharkReadsTheCaptureWithoutMalformedPacketsOrBadChecksums() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Exchange.tsharkInstalled(), "tshark not installed");
        final byte[] good = capture(65535);
        assertEquals(List.of(), Exchange.problems(write(good)));
        // The check itself can fail: flip one byte of the first record's TCP checksum.
        final byte[] bad = good.clone();
        bad[24 + 16 + 20 + 16] ^= 0x55;
        assertEquals(1, Exchange.problems(write(bad)).size());
    }

    private Path write(final byte[] pcap) throws IOException {
        final Path file = Files.createTempFile(dir, "c", ".pcap");
        Files.write(file, pcap);
        return file;
    }
}
