package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.DropCause;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A switch's bridge table runs on the frames it bridges: ports by name, the stations' synthetic
 * MAC addresses, the carried IP and TCP headers, verdicts, counters and log lines.
 */
class ABridgeTableFiltersTheFramesASwitchBridgesTest {
    private final Segment seg = new Segment();

    private Firewall forward(final String rule) {
        return seg.bridge("""
                table bridge filter {
                    chain forward {
                        type filter hook forward priority filter; policy accept;
                        %s
                    }
                }
                """.formatted(rule), false);
    }

    @Test
    void aForwardRuleDropsTheSynToAPassivePortAndCountsItOnThePortItCameIn() {
        final Firewall fw = forward("iifname \"p0\" oifname \"p1\" ether type ip ip daddr 192.168.1.20"
                + " tcp dport 30000-30100 counter log prefix \"ftp-data \" drop");
        assertTrue(seg.connects(21), "the control port is not matched");
        assertFalse(seg.connects(30005), "the data connection's SYN is dropped");
        final long drops = seg.sw.interfaces().get(0).counters().drops(DropCause.FILTERED);
        assertTrue(drops >= 1, "the SYN is dropped on p0, where it came in");
        final Map<String, Long> byRule = fw.drops();
        assertEquals(Map.of("filter/forward rule 1: iifname \"p0\" oifname \"p1\" ether type ip ip daddr 192.168.1.20"
                + " tcp dport 30000-30100 counter log prefix \"ftp-data \" drop", drops), byRule);
        assertTrue(fw.log().get(0).contains("ftp-data filter/forward 192.168.1.11:"), fw.log().get(0));
        assertTrue(fw.log().get(0).contains("> 192.168.1.20:30005 [S]"), fw.log().get(0));
        assertEquals(0, seg.sw.interfaces().get(1).counters().drops(DropCause.FILTERED), "nothing came in on p1 to drop");
    }

    @Test
    void etherSaddrMatchesTheSendingStationsSyntheticMac() {
        // 192.168.1.11 is 02:00:c0:a8:01:0b
        assertEquals(0x0200_c0a8_010bL, seg.client.iface("eth0").mac());
        forward("ether saddr 02:00:c0:a8:01:0b tcp dport 21 drop");
        assertFalse(seg.connects(21));
    }

    @Test
    void anotherStationsMacDoesNotMatch() {
        forward("ether saddr 02:00:c0:a8:01:0c tcp dport 21 drop");
        assertTrue(seg.connects(21));
    }

    @Test
    void etherDaddrIsTheStationTheFrameIsFor() {
        forward("ether daddr 02:00:c0:a8:01:0b tcp sport 21 drop"); // the server's answers to the client
        assertFalse(seg.connects(21));
    }

    @Test
    void oifnameIsThePortTheFrameLeavesBy() {
        forward("oifname \"p1\" tcp sport 21 drop"); // the answers leave by p0
        assertTrue(seg.connects(21));
    }

    @Test
    void postroutingHasNoInPortAsInTheKernel() {
        // br_forward_finish runs NF_BR_POST_ROUTING with no in device: iifname matches nothing there
        seg.bridge("""
                table bridge filter {
                    chain post {
                        type filter hook postrouting priority filter; policy accept;
                        iifname "p0" drop
                    }
                }
                """, false);
        assertTrue(seg.connects(21));
    }
}
