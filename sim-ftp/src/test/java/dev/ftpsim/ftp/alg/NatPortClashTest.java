package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.conntrack.Expectation;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two clients behind one masquerading firewall announce the same active port: nf_nat_ftp gives
 * the second another port on the public address (and rewrites its PORT accordingly), or the
 * server's connection could reach the wrong client.
 */
class NatPortClashTest {
    private static final int PUBLIC = Ipv4.parse("203.0.113.1");
    private static final int SERVER = Ipv4.parse("203.0.113.10");

    /** A masqueraded control connection from {@code client}:{@code port}, tracked and confirmed. */
    private static ConnEntry control(final Conntrack ct, final String client, final int port) {
        final Packet syn = new Packet();
        syn.protocol = Packet.PROTO_TCP;
        syn.src = Ipv4.parse(client);
        syn.dst = SERVER;
        syn.sport = port;
        syn.dport = 21;
        syn.flags = Packet.SYN;
        ct.track(syn);
        final ConnEntry e = (ConnEntry) syn.ct;
        ct.setupSnat(e, PUBLIC, -1, -1);
        ct.confirm(syn);
        return e;
    }

    private static Packet port(final String text) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.seq = 1000;
        p.data = text.getBytes(StandardCharsets.US_ASCII);
        p.payloadLength = p.data.length;
        return p;
    }

    /** Before Linux 6.1 nf_nat_ftp tried the ports above the announced one in turn. */
    @Test
    void theSecondAnnouncementOfAPortGetsTheNextOneOnThePublicAddress() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux().withRandomExpectPorts(false));
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry a = control(ct, "10.0.0.10", 40000);
        final ConnEntry b = control(ct, "10.0.0.11", 40000);
        ConntrackPackets.linesSeen(h, ct.helperContext(), a, 1000, 1000);
        ConntrackPackets.linesSeen(h, ct.helperContext(), b, 1000, 1000);
        final Packet pa = port("PORT 10,0,0,10,156,65\r\n");
        final Packet pb = port("PORT 10,0,0,11,156,65\r\n");
        h.help(ct.helperContext(), a, 0, pa, Order.IN_ORDER);
        h.help(ct.helperContext(), b, 0, pb, Order.IN_ORDER);
        assertEquals("PORT 203,0,113,1,156,65\r\n", new String(pa.data, StandardCharsets.US_ASCII));
        assertEquals("PORT 203,0,113,1,156,66\r\n", new String(pb.data, StandardCharsets.US_ASCII));
        final List<Expectation> x = ct.expectations();
        assertEquals(2, x.size());
        assertEquals(List.of(40001, 40002), x.stream().map(Expectation::dstPort).sorted().toList());
    }

    /**
     * From 6.1 (nf_nat_exp_find_port after commit adda60cc2bb0) a taken port is replaced by a random
     * one above it: two clients behind masquerade on Linux 6.18 announcing port 1025 were given
     * 1025 and then 41724 (another run: 35784), not 1026.
     */
    @Test
    void fromLinux61TheSecondAnnouncementGetsARandomPortAboveIt() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry a = control(ct, "10.0.0.10", 40000);
        final ConnEntry b = control(ct, "10.0.0.11", 40000);
        ConntrackPackets.linesSeen(h, ct.helperContext(), a, 1000, 1000);
        ConntrackPackets.linesSeen(h, ct.helperContext(), b, 1000, 1000);
        final Packet pa = port("PORT 10,0,0,10,4,1\r\n");
        final Packet pb = port("PORT 10,0,0,11,4,1\r\n");
        h.help(ct.helperContext(), a, 0, pa, Order.IN_ORDER);
        h.help(ct.helperContext(), b, 0, pb, Order.IN_ORDER);
        assertEquals("PORT 203,0,113,1,4,1\r\n", new String(pa.data, StandardCharsets.US_ASCII));
        final List<Integer> ports = ct.expectations().stream().map(Expectation::dstPort).sorted().toList();
        assertEquals(2, ports.size());
        assertEquals(1025, ports.get(0));
        final int other = ports.get(1);
        org.junit.jupiter.api.Assertions.assertTrue(other > 1026 && other < 65535, "a random port above: " + other);
        assertEquals("PORT 203,0,113,1," + (other >> 8) + "," + (other & 255) + "\r\n",
                new String(pb.data, StandardCharsets.US_ASCII));
    }
}
