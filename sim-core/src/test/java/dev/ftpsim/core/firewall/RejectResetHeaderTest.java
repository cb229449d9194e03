package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A firewall's {@code reject with tcp reset} answers with the IP header Linux gives it:
 * nf_reject_ipv4.c's nf_reject_iphdr_put sets {@code id = 0} and {@code frag_off = IP_DF}, as a
 * host's own RST for a closed port does.
 */
class RejectResetHeaderTest {
    @Test
    void theRejectResetCarriesIpId0AndDontFragmentLikeLinux() {
        final FwNet n = new FwNet(1, 1);
        n.stateful("tcp dport 22 reject with tcp reset");
        final List<int[]> resets = new ArrayList<>();
        n.clients.get(0).interfaces().get(0).addTap((iface, outgoing, p, t) -> {
            if (!outgoing && p.has(Packet.RST)) {
                resets.add(new int[] {p.id, p.df ? 1 : 0, p.flags});
            }
        });
        n.fw.nextIpId(); // as if the firewall had sent a packet of its own: its id counter is past 0
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, new FwNet.Ear(n.sim));
        n.sim.runUntil(NS_PER_S);
        assertEquals(1, resets.size());
        assertEquals(0, resets.get(0)[0], "IP id");
        assertEquals(1, resets.get(0)[1], "DF");
        assertTrue((resets.get(0)[2] & Packet.ACK) != 0, "RST,ACK answers a SYN");
    }
}
