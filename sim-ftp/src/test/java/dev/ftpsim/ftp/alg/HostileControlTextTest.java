package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Control text a hostile client or server may send, cut anywhere, through the helper with and
 * without NAT, retransmitted in part: the helper passes, drops or expects, and never throws
 * (which would end the run as an internal error, exit 3).
 */
class HostileControlTextTest {
    private static final String[] STARTS = {"PORT ", "PORT", "port  ", "EPRT ", "EPRT |1|", "EPRT |2|", "227 ",
        "227 Entering Passive Mode (", "229 ", "229 (", "229 (|||", "EPRT x1x", ""};
    private static final String ALPHABET = "0123456789,.|:()! \r\nxX-";

    @Test
    void randomAnnouncementsNeverBreakTheHelper() {
        assertDoesNotThrow(HostileControlTextTest::feedRandomText);
    }

    private static void feedRandomText() {
        final SplittableRandom r = new SplittableRandom(20261207);
        for (int round = 0; round < 3000; round++) {
            final boolean nat = round % 2 == 0;
            final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
            final Packet syn = ConntrackPackets.tcp("10.0.1.2", 40001, "10.0.2.2", 21, Packet.SYN, 100, 0);
            ct.track(syn);
            final ConnEntry e = (ConnEntry) syn.ct;
            if (nat) {
                ct.setupSnat(e, dev.ftpsim.core.net.Ipv4.parse("10.0.2.1"), -1, -1);
            }
            ct.confirm(syn);
            final FtpHelper h = new FtpHelper(true, round % 3 == 0);
            ConntrackPackets.linesSeen(h, ct, e);
            final int[] seq = {101, 501};
            for (int k = 0; k < 6; k++) {
                final int dir = r.nextInt(2);
                final StringBuilder b = new StringBuilder(STARTS[r.nextInt(STARTS.length)]);
                if (dir == 0 && b.length() > 0 && b.charAt(0) == '2' || dir == 1 && b.length() > 0 && b.charAt(0) != '2') {
                    b.setLength(0);
                }
                final int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    b.append(r.nextInt(10) == 0 ? (char) r.nextInt(256) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                final Packet p = ConntrackPackets.text(e, dir, "");
                p.data = b.toString().getBytes(StandardCharsets.ISO_8859_1);
                p.payloadLength = p.data.length;
                if (p.payloadLength == 0) {
                    continue;
                }
                p.seq = r.nextInt(8) == 0 ? seq[dir] - r.nextInt(5) : seq[dir];
                seq[dir] = Math.max(seq[dir], p.seq + p.payloadLength);
                h.help(ct.helperContext(), e, dir, p, Order.IN_ORDER);
            }
        }
    }
}
