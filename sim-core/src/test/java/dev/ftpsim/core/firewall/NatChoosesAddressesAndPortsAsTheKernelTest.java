package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ftpsim.core.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NAT ranges choose as net/netfilter/nf_nat_core.c does: an address by jhash2 of the client's
 * address seeded with the server's (find_best_ips_proto; the expected addresses were computed with
 * that code compiled by gcc), or seeded with 0 under {@code persistent}; a destination port range
 * keeps an original port inside it and otherwise takes its lowest port (get_unique_tuple,
 * nf_nat_l4proto_unique_tuple), while {@code random} draws the port.
 */
class NatChoosesAddressesAndPortsAsTheKernelTest {
    private static final String SNAT = """
            table ip nat {
            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "wan" snat to 198.51.100.1-198.51.100.8%s
            	}
            }
            """;

    @Test
    void snatRangesHashTheClientAndTheServerOrTheClientAlone() {
        assertEquals(List.of(8, 6, 4, 6), sources(""));
        assertEquals(List.of(2, 1, 3, 4), sources(" persistent"));
    }

    /** The last byte of the source address the server sees from each of four clients. */
    private static List<Integer> sources(final String flags) {
        final FwNet n = new FwNet(1, 4);
        n.nft(SNAT.formatted(flags));
        final List<Integer> seen = new ArrayList<>();
        n.serverTcp.listen(21, c -> {
            seen.add(c.remoteIp() & 0xff);
            return new FwNet.Ear(n.sim);
        });
        for (int i = 0; i < 4; i++) {
            n.clientTcp.get(i).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
            n.sim.runUntil((i + 1) * NS_PER_S / 10);
        }
        return seen;
    }

    @Test
    void persistentIgnoresTheServer() {
        final int lo = Ipv4.parse("198.51.100.1");
        final int hi = Ipv4.parse("198.51.100.200");
        final int client = Ipv4.parse("10.1.0.2");
        final int a = Firewall.bestAddress(lo, hi, client, Ipv4.parse("203.0.113.10"), 8);
        final int b = Firewall.bestAddress(lo, hi, client, Ipv4.parse("192.0.2.77"), 8);
        assertEquals(a, b);
        assertNotEquals(Firewall.bestAddress(lo, hi, client, Ipv4.parse("203.0.113.10"), 0),
                Firewall.bestAddress(lo, hi, client, Ipv4.parse("192.0.2.77"), 0), "these two servers differ");
    }

    private static final String DNAT = """
            table ip nat {
            	chain prerouting {
            		type nat hook prerouting priority dstnat; policy accept;
            		tcp dport { 21, 8005 } dnat to 203.0.113.10:8000-8010%s
            	}
            }
            """;

    @Test
    void aDestinationPortInsideTheRangeIsKeptAnOtherTakesTheLowest() {
        assertEquals(List.of(8005, 8000), dnatPorts(""));
        final List<Integer> random = dnatPorts(" random");
        assertNotEquals(List.of(8005, 8000), random, "random draws the port: " + random);
    }

    /** The ports the server accepted connections on, for connections to 8005 and then 21. */
    private static List<Integer> dnatPorts(final String flags) {
        final FwNet n = new FwNet(1, 1);
        n.nft(DNAT.formatted(flags));
        final List<Integer> seen = new ArrayList<>();
        for (int port = 8000; port <= 8010; port++) {
            n.serverTcp.listen(port, c -> {
                seen.add(c.localPort());
                return new FwNet.Ear(n.sim);
            });
        }
        n.clientTcp.get(0).connect(FwNet.SERVER, 8005, new FwNet.Ear(n.sim));
        n.sim.runUntil(NS_PER_S / 10);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        n.sim.runUntil(NS_PER_S);
        return seen;
    }
}
