package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The nftables wiki's stateful bridge firewall ("Bridge filtering": policy drop, established and
 * related accepted, new connections to one port): with bridge conntrack (nf_conntrack_bridge) a
 * connection to that port is made and others are not; without it every frame is in state invalid
 * (nft_ct.c) and nothing passes.
 */
class ABridgeChainsCtStateNeedsBridgeConntrackTest {
    private static final String STATEFUL = """
            table bridge filter {
                chain forward {
                    type filter hook forward priority filter; policy drop;
                    ct state invalid counter
                    ct state established,related accept
                    ct state new tcp dport 21 accept
                }
            }
            """;

    @Test
    void withBridgeConntrackTheAllowedConnectionIsMadeAndItsAnswersAreEstablished() {
        final Segment seg = new Segment();
        final Firewall fw = seg.bridge(STATEFUL, true);
        assertTrue(seg.connects(21));
        assertFalse(seg.connects(22), "new, to another port: the policy drops it");
        assertEquals(0, fw.counter(fw.chain("filter/forward"), 0)[0], "no frame was invalid");
        assertTrue(fw.counter(fw.chain("filter/forward"), 1)[0] >= 2, "the SYN/ACK and the ACK were established");
        assertEquals(1, fw.conntrack().stats().inserted, "the dropped SYN's entry is never confirmed");
    }

    @Test
    void withoutBridgeConntrackEveryFrameIsInvalidAndThePolicyDropsThem() {
        final Segment seg = new Segment();
        final Firewall fw = seg.bridge(STATEFUL, false);
        assertNull(fw.conntrack());
        assertFalse(seg.connects(21));
        final long invalid = fw.counter(fw.chain("filter/forward"), 0)[0];
        assertTrue(invalid >= 1, "the SYN was invalid");
        assertEquals(invalid, fw.policyCounter(fw.chain("filter/forward"))[0], "and the policy dropped each one");
    }
}
