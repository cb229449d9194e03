package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 NAT whose address comes from a map ({@code dnat ip6 to tcp dport map { P : ADDR }}, with or
 * without {@code . PORT}), masquerade to a port range and redirect, with packets on the wire of a
 * dual-stack firewall. A key the map lacks ends the rule without NAT, as nft_lookup breaks it.
 */
class Ipv6NatFromMapsMasqueradePortsAndRedirectTest {
    private final FwNet n = new FwNet(1, 1);
    private final List<Packet> serverWire = new ArrayList<>();
    private final List<String> serverSaw = new ArrayList<>();

    Ipv6NatFromMapsMasqueradePortsAndRedirectTest() {
        n.dualStack();
        n.server.interfaces().get(0).addTap((iface, out, p, t) -> {
            final Packet c = new Packet();
            c.copyFrom(p);
            serverWire.add(c);
        });
        for (final int port : new int[] {21, 22}) {
            n.serverTcp.listen(port, c -> saw(serverSaw, "server"));
        }
    }

    private TcpHandler saw(final List<String> into, final String who) {
        return new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                into.add(who + " " + n.net.ipv6().formatAny(x.localIp()) + ":" + x.localPort() + " from "
                        + n.net.ipv6().formatAny(x.remoteIp()));
            }
        };
    }

    private FwNet.Ear connect(final String addr, final int port) {
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(n.net.ipv6().parse(addr), port, ear);
        return ear;
    }

    @Test
    void dnatIp6FromAMapSendsMappedPortsToTheMappedAddressAndLeavesOthersUntranslated() {
        n.nft("""
                table inet nat {
                  map ssh6 { type inet_service : ipv6_addr; elements = { 22 : 2001:db8:f::10 } }
                  map ftp6 { type inet_service : ipv6_addr . inet_service; elements = { 2323 : 2001:db8:f::10 . 21 } }
                  chain pre {
                    type nat hook prerouting priority dstnat;
                    ip6 daddr 2001:db8:f::1 dnat ip6 to tcp dport map { 21 : 2001:db8:f::10 }
                    ip6 daddr 2001:db8:f::1 dnat ip6 to tcp dport map @ssh6
                    ip6 daddr 2001:db8:f::1 dnat ip6 to tcp dport map @ftp6
                    ip6 daddr 2001:db8:f::1 dnat ip6 to tcp dport map { 2222 : 2001:db8:f::10 . 22 }
                  }
                }
                """);
        final FwNet.Ear mapped = connect("2001:db8:f::1", 21);
        final FwNet.Ear withPort = connect("2001:db8:f::1", 2222);
        final FwNet.Ear named = connect("2001:db8:f::1", 22);
        final FwNet.Ear namedWithPort = connect("2001:db8:f::1", 2323);
        final FwNet.Ear missing = connect("2001:db8:f::1", 23);
        final FwNet.Ear v4 = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 22, v4);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(mapped.connectedAt > 0 && withPort.connectedAt > 0 && named.connectedAt > 0 && namedWithPort.connectedAt > 0
                && v4.connectedAt > 0);
        assertEquals(List.of("server 2001:db8:f::10:21 from 2001:db8:1::2", "server 2001:db8:f::10:22 from 2001:db8:1::2",
                "server 2001:db8:f::10:22 from 2001:db8:1::2", "server 2001:db8:f::10:21 from 2001:db8:1::2",
                "server 203.0.113.10:22 from 10.1.0.2"), serverSaw);
        assertEquals(-1, missing.connectedAt, "port 23 is not in the map: no DNAT, the firewall has no listener");
        final int fwWan = n.net.ipv6().parse("2001:db8:f::1");
        assertFalse(serverWire.stream().anyMatch(p -> p.dport == 23 || p.src == fwWan),
                "the unmapped connect never reaches the server's wire");
    }

    @Test
    void snatIp6FromAMapKeyedBySourceAddressRewritesOnlyTheMappedClient() {
        n.nft("""
                table inet nat {
                  chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "wan" snat ip6 to ip6 saddr map { 2001:db8:1::2 : 2001:db8:f::99 }
                  }
                }
                """);
        n.server.addRoute("2001:db8:f::99/128", "2001:db8:f::1"); // the firewall holds no such address
        final FwNet.Ear v6 = connect("2001:db8:f::10", 21);
        final FwNet.Ear v4 = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, v4);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(v6.connectedAt > 0 && v4.connectedAt > 0);
        assertEquals(List.of("server 2001:db8:f::10:21 from 2001:db8:f::99", "server 203.0.113.10:21 from 10.1.0.2"),
                serverSaw);
    }

    @Test
    void ipv6RangesAndPortRangesAsNatMapDataAreRefusedAtTheirPositions() {
        final List<String> said = new ArrayList<>();
        for (final String data : new String[] {"2001:db8:f::10-2001:db8:f::20", "2001:db8:f::10 . 21-22"}) {
            said.add(org.junit.jupiter.api.Assertions.assertThrows(dev.ftpsim.core.rules.RulesetException.class,
                    () -> new FwNet(1, 1).nft("table inet nat { chain pre { type nat hook prerouting priority dstnat;"
                            + " dnat ip6 to tcp dport map { 21 : " + data + " } } }")).getMessage());
        }
        assertEquals(List.of("fw.nft:1:105: an IPv6 address range or prefix as map data is not modelled by ftpsim",
                "fw.nft:1:122: a port range in addr . port map data is not modelled by ftpsim"), said);
    }

    @Test
    void anIpv4NatStatementWithIpv6MapDataIsRefusedAtTheMap() {
        final dev.ftpsim.core.rules.RulesetException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.ftpsim.core.rules.RulesetException.class, () -> n.nft("""
                        table ip nat {
                          chain pre {
                            type nat hook prerouting priority dstnat;
                            dnat to tcp dport map { 21 : 2001:db8:f::10 }
                          }
                        }
                        """));
        assertTrue(e.getMessage().contains("fw.nft:4:34: '2001:db8:f::10' is not a valid ipv4_addr"), e.getMessage());
    }

    @Test
    void masqueradeToAPortRangeOverIpv6PutsServerSideSourcePortsInTheRange() {
        n.nft("""
                table inet nat {
                  chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "wan" meta l4proto tcp masquerade to :40000-40100
                  }
                }
                """);
        final List<FwNet.Ear> ears = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ears.add(connect("2001:db8:f::10", 21));
        }
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(ears.stream().allMatch(e -> e.connectedAt > 0));
        final int fwWan = n.net.ipv6().parse("2001:db8:f::1");
        final List<Packet> fromFw = serverWire.stream().filter(p -> p.isV6() && p.src == fwWan).toList();
        assertFalse(fromFw.isEmpty(), "the server's wire shows the firewall's address as the source");
        assertTrue(fromFw.stream().allMatch(p -> p.sport >= 40000 && p.sport <= 40100),
                fromFw.stream().map(p -> Integer.toString(p.sport)).toList().toString());
        assertTrue(serverWire.stream().allMatch(p -> p.src != n.net.ipv6().parse("2001:db8:1::2")));
    }

    @Test
    void redirectOverIpv6DeliversToTheFirewallsOwnPortOnTheIncomingAddress() {
        final TcpStack fwTcp = new TcpStack(n.fw, TcpConfig.linux());
        final List<String> fwSaw = new ArrayList<>();
        fwTcp.listen(21, c -> saw(fwSaw, "fw"));
        n.nft("""
                table inet nat {
                  chain pre {
                    type nat hook prerouting priority dstnat;
                    iifname "lan0" meta nfproto ipv6 tcp dport 2121 redirect to :21
                  }
                }
                """);
        final FwNet.Ear ear = connect("2001:db8:f::10", 2121);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(ear.connectedAt > 0, "the client's connect to the server's 2121 is answered");
        assertEquals(List.of("fw 2001:db8:1::1:21 from 2001:db8:1::2"), fwSaw,
                "redirect takes the primary address of the incoming interface (nf_nat_redirect_ipv6)");
        assertTrue(serverSaw.isEmpty());
    }
}
