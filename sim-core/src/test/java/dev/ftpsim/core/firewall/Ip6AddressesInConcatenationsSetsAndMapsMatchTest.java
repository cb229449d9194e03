package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ip6 addresses, prefixes and ranges inside concatenations ({@code ip6 saddr . tcp dport}), typed
 * sets ({@code type ipv6_addr . inet_service}) and maps and vmaps match IPv6 packets as nftables
 * does: 128-bit intervals, ranges across 64-bit words and above 8000:: included; IPv4 packets
 * never match them.
 */
class Ip6AddressesInConcatenationsSetsAndMapsMatchTest {
    private final FwNet n = new FwNet(1, 1);
    private final List<Integer> reached = new ArrayList<>();

    Ip6AddressesInConcatenationsSetsAndMapsMatchTest() {
        n.dualStack();
        for (final int port : new int[] {21, 22, 23}) {
            n.serverTcp.listen(port, c -> new TcpHandler() {
                @Override
                public void connected(final TcpConnection x) {
                    reached.add(x.localPort() + (dev.ftpsim.core.net.Ipv6.isId(x.remoteIp()) ? 0 : 1000));
                }
            });
        }
    }

    /** Connects over IPv6 to ports 21, 22, 23 and over IPv4 to 21; the ports reached (IPv4 + 1000), sorted. */
    private List<Integer> reachedPorts(final String ruleset) {
        n.nft(ruleset);
        final int server6 = n.net.ipv6().parse("2001:db8:f::10");
        for (final int port : new int[] {21, 22, 23}) {
            n.clientTcp.get(0).connect(server6, port, new FwNet.Ear(n.sim));
        }
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        n.sim.runUntil(3 * NS_PER_S);
        return reached.stream().sorted().toList();
    }

    @Test
    void anAnonymousConcatenationMatchesAnAddressAndAPrefixWithTheirPorts() {
        assertEquals(List.of(21, 22), reachedPorts("""
                table inet filter {
                  chain fwd {
                    type filter hook forward priority 0; policy drop;
                    ct state established,related accept
                    ip6 saddr . tcp dport { 2001:db8:1::2 . 21, 2001:db8:1::/64 . 22, 2001:db8:9::2 . 23 } accept
                  }
                }
                """));
    }

    @Test
    void aTypedIntervalSetMatchesRangesAcrossWordsAndAboveTheSignBit() {
        assertEquals(List.of(21, 22), reachedPorts("""
                table inet filter {
                  set allowed {
                    type ipv6_addr . inet_service
                    flags interval
                    elements = { 2001:db8:0:ffff::-2001:db8:1::2 . 21, 2000::-ffff:: . 22-22, fd00::/8 . 23 }
                  }
                  chain fwd {
                    type filter hook forward priority 0; policy drop;
                    ct state established,related accept
                    ip6 saddr . tcp dport @allowed accept
                  }
                }
                """));
    }

    @Test
    void vmapsKeyedByIp6AddressesJudgeIpv6AndLeaveIpv4ToThePolicy() {
        assertEquals(List.of(22, 1021), reachedPorts("""
                table inet filter {
                  map by_dst {
                    type ipv6_addr : verdict
                    elements = { 2001:db8:f::10 : jump server6 }
                  }
                  chain server6 {
                    ip6 saddr . tcp dport vmap { 2001:db8:1::2 . 21 : drop, 2001:db8:1::/48 . 22 : accept }
                    drop
                  }
                  chain fwd {
                    type filter hook forward priority 0; policy accept;
                    ct state established,related accept
                    ip6 daddr vmap @by_dst
                  }
                }
                """));
    }
}
