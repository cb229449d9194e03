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

/** IPv6 captures are real: version 6 headers, TCP and ICMPv6 checksums over the IPv6 pseudo-header, read by tshark. */
class Ipv6CaptureTest {
    @TempDir
    Path dir;

    /** A control exchange, 20 kB of bulk and a connect to an unrouted prefix (ICMPv6 no route), at the client. */
    private byte[] capture() {
        final Simulator sim = new Simulator(5);
        final Network net = new Network(sim);
        final Host c = net.host("c");
        final Router r = net.router("r");
        final Host s = net.host("s");
        final NetInterface ci = c.addInterface("eth0", "2001:db8:1::10/64");
        r.addInterface("lan", "192.0.2.1/24");
        r.addAddress6("lan", "2001:db8:1::1/64");
        final NetInterface r0 = r.iface("lan");
        final NetInterface r1 = r.addInterface("wan", "2001:db8:2::1/64");
        final NetInterface si = s.addInterface("eth0", "2001:db8:2::10/64");
        c.defaultGateway("2001:db8:1::1");
        s.defaultGateway("2001:db8:2::1");
        net.connect(ci, r0, LinkConfig.of(10_000_000, 2_000_000, 100));
        net.connect(r1, si, LinkConfig.of(10_000_000, 2_000_000, 100));
        final TcpStack ct = new TcpStack(c, TcpConfig.linux());
        final TcpStack st = new TcpStack(s, TcpConfig.linux());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PcapWriter w = new PcapWriter(out, 65535);
        ci.addTap(w);
        Exchange.start(ct, st, si.address(), net.ipv6().parse("2001:db8:99::1"), "EPSV\r\n", false);
        sim.run();
        w.close();
        return out.toByteArray();
    }

    @Test
    void everyRecordIsIpv6WithValidTcpAndIcmpv6Checksums() {
        final ByteBuffer b = ByteBuffer.wrap(capture());
        b.position(20);
        assertEquals(PcapWriter.LINKTYPE_RAW, b.getInt());
        int records = 0;
        int icmp6 = 0;
        long bulkZeros = 0;
        int mss = 0;
        final StringBuilder text = new StringBuilder();
        while (b.hasRemaining()) {
            b.position(b.position() + 8);
            final int incl = b.getInt();
            b.getInt();
            final byte[] pkt = new byte[incl];
            b.get(pkt);
            records++;
            assertEquals(0x60, pkt[0] & 0xF0);
            assertEquals(incl - 40, ((pkt[4] & 0xFF) << 8) | (pkt[5] & 0xFF), "payload length");
            long pseudo = PacketBytes.sum(pkt, 8, 32, 0) + (incl - 40) + pkt[6];
            assertEquals(0, PacketBytes.verify(pkt, 40, incl - 40, pseudo), "checksum of record " + records);
            if (pkt[6] == 58) {
                icmp6++;
                assertEquals(1, pkt[40]); // destination unreachable
                assertEquals(0, pkt[41]); // no route to destination
                assertEquals(0x60, pkt[48] & 0xF0); // quotes the offending IPv6 header
                assertEquals(21, ((pkt[90] & 0xFF) << 8) | (pkt[91] & 0xFF));
                continue;
            }
            assertEquals(6, pkt[6]);
            final int hl = ((pkt[52] & 0xFF) >>> 4) * 4;
            if (records == 1) {
                mss = ((pkt[62] & 0xFF) << 8) | (pkt[63] & 0xFF);
            }
            final int payload = incl - 40 - hl;
            if (payload > 0) {
                final String s = new String(pkt, 40 + hl, payload, StandardCharsets.ISO_8859_1);
                if (s.chars().allMatch(ch -> ch == 0)) {
                    bulkZeros += payload;
                } else {
                    text.append(s);
                }
            }
        }
        assertTrue(records > 20, "records: " + records);
        assertEquals(1, icmp6);
        assertEquals(1440, mss, "MSS of a 1500-byte MTU less 60 bytes of IPv6 and TCP headers");
        assertEquals("220 ftpsim ready\r\nEPSV\r\n", text.toString());
        assertEquals(20_000, bulkZeros);
    }

    /** Runs only where tshark is installed: Wireshark decodes IPv6, TCP and ICMPv6 and finds no bad checksum. */
    @Test
    void tsharkDecodesTheIpv6CaptureWithoutChecksumErrors() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Exchange.tsharkInstalled(), "tshark not installed: IPv6 capture not checked by Wireshark");
        final byte[] good = capture();
        final Path file = write(good);
        final String verbose = Exchange.tshark("-r", file.toString(), "-V", "-o", "tcp.check_checksum:TRUE");
        assertTrue(verbose.contains("Internet Protocol Version 6, Src: 2001:db8:1::10, Dst: 2001:db8:2::10"), verbose);
        assertTrue(verbose.contains("Internet Control Message Protocol v6"), verbose);
        assertTrue(verbose.contains("[Checksum Status: Good]"), verbose);
        assertTrue(!verbose.contains("[Checksum Status: Bad]"), verbose);
        assertEquals(List.of(), Exchange.problems(file));
        // The check can fail: flip one byte of the first record's TCP checksum (pcap 24 + record 16 + IPv6 40 + 16).
        final byte[] bad = good.clone();
        bad[24 + 16 + 40 + 16] ^= 0x55;
        assertEquals(1, Exchange.problems(write(bad)).size());
    }

    private Path write(final byte[] pcap) throws IOException {
        final Path file = Files.createTempFile(dir, "c", ".pcap");
        Files.write(file, pcap);
        return file;
    }
}
