package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code nf_conntrack_expect_max}: with that many expectations pending, the next one fails
 * ("nf_conntrack: expectation table full", __nf_ct_expect_check) and nf_conntrack_ftp drops the
 * packet that announced it ("Can't expect this?  Best to drop packet now."). This limit is on the
 * whole table; the per-master one ({@code max_expected} = 1) only replaces a master's older one.
 */
class AFullExpectationTableDropsTheAnnouncementTest {
    private static final String SERVER = "203.0.113.10";

    private static Conntrack conntrack(final int expectMax) {
        final ConntrackConfig c = ConntrackConfig.linux();
        return new Conntrack(new Simulator(1), c.withSizes(c.buckets(), expectMax));
    }

    @Test
    void theThirdClientsPasvReplyIsDroppedWhenTwoExpectationsArePendingAndExpectMaxIsTwo() {
        final Conntrack ct = conntrack(2);
        final FtpHelper h = FtpHelper.standard();
        for (int i = 0; i < 3; i++) {
            final ConnEntry e = ConntrackPackets.control(ct, "198.51.100." + (10 + i), 40000, SERVER);
            ConntrackPackets.linesSeen(h, ct, e);
            final Packet reply = ConntrackPackets.text(e, 1, "227 Entering Passive Mode (203,0,113,10,117," + (48 + i)
                    + ").\r\n");
            final boolean kept = h.help(ct.helperContext(), e, 1, reply, Order.IN_ORDER);
            assertEquals(i < 2, kept, "reply " + i);
        }
        assertEquals(2, ct.expectationCount());
        assertEquals(1, ct.stats().expectTableFull);
        assertEquals(1, h.cannotExpectDrops());
        assertEquals(2, ct.stats().expectCreated);
    }

    @Test
    void aSecondAnnouncementOfTheSameMasterReplacesItsFirstInsteadOfFillingTheTable() {
        final Conntrack ct = conntrack(1);
        final FtpHelper h = FtpHelper.standard();
        final ConnEntry e = ConntrackPackets.control(ct, "198.51.100.10", 40000, SERVER);
        ConntrackPackets.linesSeen(h, ct, e);
        assertTrue(h.help(ct.helperContext(), e, 1, ConntrackPackets.text(e, 1, "227 Entering Passive Mode (203,0,113,10,117,48).\r\n"),
                Order.IN_ORDER));
        final Packet second = ConntrackPackets.text(e, 1, "227 Entering Passive Mode (203,0,113,10,117,49).\r\n");
        second.seq += 50;
        assertTrue(h.help(ct.helperContext(), e, 1, second, Order.IN_ORDER));
        assertEquals(1, ct.expectationCount());
        assertEquals(30001, ct.expectations().get(0).dstPort());
        assertEquals(0, ct.stats().expectTableFull);
    }

    @Test
    void behindMasqueradeTheFullTableDropsThePortCommandUnrewritten() {
        final Conntrack ct = conntrack(1);
        final FtpHelper h = FtpHelper.standard();
        final int pub = Ipv4.parse("198.51.100.1");
        final ConnEntry a = masqueraded(ct, "10.0.0.10", pub);
        final ConnEntry b = masqueraded(ct, "10.0.0.11", pub);
        ConntrackPackets.linesSeen(h, ct, a);
        ConntrackPackets.linesSeen(h, ct, b);
        assertTrue(h.help(ct.helperContext(), a, 0, ConntrackPackets.text(a, 0, "PORT 10,0,0,10,156,65\r\n"), Order.IN_ORDER));
        final Packet port = ConntrackPackets.text(b, 0, "PORT 10,0,0,11,156,65\r\n");
        assertFalse(h.help(ct.helperContext(), b, 0, port, Order.IN_ORDER));
        assertEquals("PORT 10,0,0,11,156,65\r\n", new String(port.data, StandardCharsets.US_ASCII));
        assertEquals(1, ct.stats().expectTableFull);
    }

    @Test
    void theLimitIsDerivedFromTheBucketsAsTheKernelDerivesIt() {
        assertEquals(4096, LinuxKernel.expectMaxFor(new LinuxKernel(6, 12).defaultBuckets()));
        assertEquals(1024, LinuxKernel.expectMaxFor(new LinuxKernel(5, 10).defaultBuckets()));
        assertEquals(16, LinuxKernel.expectMaxFor(1024)); // hashsize=1024: 4 expectation buckets, 4 each
        assertEquals(4, LinuxKernel.expectMaxFor(100)); // fewer than 256 buckets: at least one
    }

    private static ConnEntry masqueraded(final Conntrack ct, final String client, final int pub) {
        final Packet syn = ConntrackPackets.tcp(client, 40000, SERVER, 21, Packet.SYN, 100, 0);
        ct.track(syn);
        final ConnEntry e = (ConnEntry) syn.ct;
        ct.setupSnat(e, pub, -1, -1);
        ct.confirm(syn);
        return e;
    }
}
