package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.conntrack.Expectation;
import dev.ftpsim.core.conntrack.HelperContext;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands and replies split across TCP segments, fed to the helper as the firewall would: each
 * segment alone holds only part of the line, yet the expectation is created once it completes.
 */
class SplitCommandTest {
    private static final int CLIENT = Ipv4.parse("198.51.100.10");
    private static final int SERVER = Ipv4.parse("203.0.113.10");

    /** A control connection entry, tracked for real by a conntrack from its SYN. */
    private static ConnEntry control() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final Packet syn = new Packet();
        syn.protocol = Packet.PROTO_TCP;
        syn.src = CLIENT;
        syn.dst = SERVER;
        syn.sport = 40000;
        syn.dport = 21;
        syn.flags = Packet.SYN;
        ct.track(syn);
        ct.confirm(syn);
        return (ConnEntry) syn.ct;
    }

    /** Records expectations instead of registering them. */
    private static final class Recorder implements HelperContext {
        final List<String> expected = new ArrayList<>();

        @Override
        public Expectation expect(final ConnEntry master, final int srcIp, final int srcPort, final int dstIp,
                final int dstPort, final int proto, final int maxPerMaster, final String label) {
            expected.add(Ipv4.format(srcIp) + ":" + srcPort + " -> " + Ipv4.format(dstIp) + ":" + dstPort);
            return null;
        }

        @Override
        public int expectTranslated(final ConnEntry master, final int dir, final int srcIp, final int dstIp,
                final int port, final int proto, final int maxPerMaster, final String label) {
            throw new AssertionError("no NAT here");
        }

        @Override
        public void mangle(final ConnEntry ct, final int dir, final Packet p, final int offset, final int oldLen,
                final byte[] replacement) {
            throw new AssertionError("no NAT here");
        }
    }

    private static Packet segment(final int seq, final String text) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.seq = seq;
        p.data = text.getBytes(StandardCharsets.US_ASCII);
        p.payloadLength = p.data.length;
        return p;
    }

    @Test
    void aPortCommandSplitInTwoCreatesItsExpectationWhenComplete() {
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry ct = control();
        final Recorder ctx = new Recorder();
        h.help(ctx, ct, 0, segment(1000, "USER anonymous\r\nPORT 198,51,"), Order.IN_ORDER);
        assertTrue(ctx.expected.isEmpty(), "half a PORT command announces nothing yet");
        h.help(ctx, ct, 0, segment(1028, "100,10,156,65\r\n"), Order.IN_ORDER);
        assertEquals(List.of("203.0.113.10:0 -> 198.51.100.10:40001"), ctx.expected);
    }

    @Test
    void aPassiveReplySplitInThreeCreatesItsExpectation() {
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry ct = control();
        final Recorder ctx = new Recorder();
        ConntrackPackets.linesSeen(h, ctx, ct, 1000, 5000);
        h.help(ctx, ct, 1, segment(5000, "227 Entering Pas"), Order.IN_ORDER);
        h.help(ctx, ct, 1, segment(5016, "sive Mode (203,0,113,10,1"), Order.IN_ORDER);
        h.help(ctx, ct, 1, segment(5041, "17,48).\r\n"), Order.IN_ORDER);
        assertEquals(List.of("198.51.100.10:0 -> 203.0.113.10:30000"), ctx.expected);
    }

    @Test
    void aRetransmittedCommandIsFoundAgainButAMidLineSegmentIsNot() {
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry ct = control();
        final Recorder ctx = new Recorder();
        ConntrackPackets.linesSeen(h, ctx, ct, 1000, 5000);
        h.help(ctx, ct, 0, segment(1000, "PORT 198,51,100,10,156,65\r\n"), Order.IN_ORDER);
        h.help(ctx, ct, 0, segment(1000, "PORT 198,51,100,10,156,65\r\n"), Order.RETRANSMISSION);
        assertEquals(2, ctx.expected.size(), "the retransmission starts at a known line start");
        h.help(ctx, ct, 0, segment(1005, "198,51,100,10,156,65\r\n"), Order.RETRANSMISSION);
        assertEquals(2, ctx.expected.size());
    }

    @Test
    void anAddressOtherThanTheSendersIsIgnoredUnlessLoose() {
        final Recorder strict = new Recorder();
        final FtpHelper standard = FtpHelper.standard();
        final ConnEntry a = control();
        ConntrackPackets.linesSeen(standard, strict, a, 1, 1);
        standard.help(strict, a, 0, segment(1, "PORT 192,0,2,99,156,65\r\n"), Order.IN_ORDER);
        assertTrue(strict.expected.isEmpty(), "the bounce-attack guard");
        final Recorder loose = new Recorder();
        final FtpHelper looseHelper = new FtpHelper(true, true);
        final ConnEntry b = control();
        ConntrackPackets.linesSeen(looseHelper, loose, b, 1, 1);
        looseHelper.help(loose, b, 0, segment(1, "PORT 192,0,2,99,156,65\r\n"), Order.IN_ORDER);
        assertEquals(List.of("203.0.113.10:0 -> 192.0.2.99:40001"), loose.expected);
    }
}
