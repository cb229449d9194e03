package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 packets meet ip6 and inet tables and never ip ones, as on Linux: their fields, ICMPv6
 * rejects and NAT66 masquerade and snat, with packets on the wire of a dual-stack firewall.
 */
class Ipv6ThroughAnInetFirewallTest {
    private final FwNet n = new FwNet(1, 1);
    private final List<Packet> clientWire = new ArrayList<>();
    private final List<Packet> serverWire = new ArrayList<>();
    private final List<String> serverSaw = new ArrayList<>();

    Ipv6ThroughAnInetFirewallTest() {
        n.dualStack();
        n.clients.get(0).interfaces().get(0).addTap((iface, out, p, t) -> clientWire.add(copy(p)));
        n.server.interfaces().get(0).addTap((iface, out, p, t) -> serverWire.add(copy(p)));
        for (final int port : new int[] {21, 22, 23}) {
            n.serverTcp.listen(port, c -> new TcpHandler() {
                @Override
                public void connected(final TcpConnection x) {
                    serverSaw.add(n.net.ipv6().formatAny(x.remoteIp()) + " -> " + x.localPort());
                }
            });
        }
    }

    private static Packet copy(final Packet p) {
        final Packet c = new Packet();
        c.copyFrom(p);
        return c;
    }

    private int server6() {
        return n.net.ipv6().parse("2001:db8:f::10");
    }

    private FwNet.Ear connect(final int addr, final int port) {
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(addr, port, ear);
        return ear;
    }

    @Test
    void anIpv6HandshakeCrossesTheInetChainWhileItsIpTableOnlyJudgesIpv4() {
        n.nft("""
                table ip legacy {
                  chain fwd { type filter hook forward priority 0; policy drop; }
                }
                table inet filter {
                  chain fwd {
                    type filter hook forward priority 0; policy drop;
                    ct state established,related accept
                    meta nfproto ipv6 ip6 saddr 2001:db8:1::/64 tcp dport 21 accept
                    ip saddr 10.1.0.0/16 accept
                  }
                }
                """);
        final FwNet.Ear v6 = connect(server6(), 21);
        final FwNet.Ear v6Closed = connect(server6(), 22);
        final FwNet.Ear v4 = connect(FwNet.SERVER, 21);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(v6.connectedAt > 0, "the IPv6 connection is accepted by the inet rules");
        assertEquals(List.of("2001:db8:1::2 -> 21"), serverSaw, "the ip table's drop policy holds IPv4 back");
        assertEquals(-1, v6Closed.connectedAt);
        assertEquals(-1, v4.connectedAt);
        final Packet synAck = clientWire.stream().filter(p -> p.isV6() && p.has(Packet.SYN) && p.has(Packet.ACK))
                .findFirst().orElseThrow();
        assertEquals(1440, synAck.mssOption);
    }

    @Test
    void rejectWithIcmpv6AndIcmpxAnswerIpv6ConnectsWithTheirCodes() {
        n.nft("""
                table inet filter {
                  chain fwd {
                    type filter hook forward priority 0; policy accept;
                    ip6 daddr 2001:db8:f::10 tcp dport 22 reject with icmpv6 type admin-prohibited
                    tcp dport 23 reject with icmpx type port-unreachable
                    iifname "lan0" ip6 saddr != 2001:db8:1::/64 drop
                  }
                }
                """);
        final FwNet.Ear prohibited = connect(server6(), 22);
        final FwNet.Ear refused = connect(server6(), 23);
        final FwNet.Ear fine = connect(server6(), 21);
        n.sim.runUntil(3 * NS_PER_S);
        assertEquals(FailReason.UNREACHABLE, prohibited.failure);
        assertEquals(FailReason.REFUSED, refused.failure);
        assertTrue(fine.connectedAt > 0);
        final List<String> icmp = new ArrayList<>();
        for (final Packet p : clientWire) {
            if (p.protocol == Packet.PROTO_ICMPV6) {
                icmp.add(n.net.ipv6().format(p.src) + " type " + p.icmpType + " code " + p.icmpCode + " about port "
                        + p.qDport);
            }
        }
        assertEquals(List.of("2001:db8:1::1 type 1 code 1 about port 22", "2001:db8:1::1 type 1 code 4 about port 23"),
                icmp);
    }

    @Test
    void masqueradeRewritesIpv6SourcesToTheWanAddressAndRepliesFindTheirWayBack() {
        n.nft("""
                table inet nat {
                  chain post { type nat hook postrouting priority srcnat; oifname "wan" masquerade }
                }
                """);
        final FwNet.Ear v6 = connect(server6(), 21);
        final FwNet.Ear v4 = connect(FwNet.SERVER, 21);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(v6.connectedAt > 0 && v4.connectedAt > 0);
        assertTrue(serverSaw.contains("2001:db8:f::1 -> 21"), serverSaw.toString());
        assertTrue(serverSaw.contains("203.0.113.1 -> 21"), serverSaw.toString());
        final int client6 = n.net.ipv6().parse("2001:db8:1::2");
        assertTrue(serverWire.stream().noneMatch(p -> p.src == client6 || p.dst == client6),
                "the client's own IPv6 address never reaches the server's wire");
        assertTrue(clientWire.stream().filter(Packet::isV6).allMatch(p -> p.src == client6 || p.dst == client6),
                "replies are translated back");
    }

    @Test
    void snatIp6ToAnAddressAppliesToIpv6OnlyAndLeavesIpv4Alone() {
        n.nft("""
                table inet nat {
                  chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "wan" snat ip6 to 2001:db8:f::99
                  }
                }
                """);
        n.server.addRoute("2001:db8:f::99/128", "2001:db8:f::1"); // the firewall holds no such address
        connect(server6(), 21);
        connect(FwNet.SERVER, 21);
        n.sim.runUntil(3 * NS_PER_S);
        assertEquals(2, serverSaw.size(), serverSaw.toString());
        assertTrue(serverSaw.contains("2001:db8:f::99 -> 21"), serverSaw.toString());
        assertTrue(serverSaw.contains("10.1.0.2 -> 21"), serverSaw.toString());
    }

    @Test
    void aSnatAddressOnTheServersPrefixThatNobodyHoldsIsUnreachableWithoutARoute() {
        // Linux 6.18: a router's NAT66 to 2001:db8:ff::100-104, on the link's /64 but not assigned and
        // without proxy NDP: the peer's neighbour solicitations for ::101 go unanswered ('ip -6 neigh':
        // FAILED) and the connection is never established (curl: timed out); a route to the range
        // via the router mends it. ndisc_recv_ns answers only for the receiving device's addresses.
        n.nft("""
                table inet nat {
                  chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "wan" snat ip6 to 2001:db8:f::99
                  }
                }
                """);
        final FwNet.Ear v6 = connect(server6(), 21);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(v6.connectedAt < 0, "never established");
        assertTrue(n.server.iface("eth0").counters().drops(dev.ftpsim.core.net.DropCause.NO_ROUTE) > 0,
                "the server's SYN/ACK to 2001:db8:f::99 found no neighbour");
    }

    @Test
    void ip6AddressSetsMatchByPrefixRangeAndNamedSet() {
        n.nft("""
                table inet filter {
                  set trusted6 { type ipv6_addr; flags interval; elements = { 2001:db8:1::2-2001:db8:1::3 } }
                  chain fwd {
                    type filter hook forward priority 0; policy drop;
                    ct state established accept
                    tcp dport 21 ip6 saddr { 2001:db8:7::/48, 2001:db8:1::/64 } accept
                    tcp dport 22 ip6 saddr @trusted6 accept
                    tcp dport 23 ip6 saddr != { 2001:db8:1::/64 } accept
                  }
                }
                """);
        final FwNet.Ear prefix = connect(server6(), 21);
        final FwNet.Ear named = connect(server6(), 22);
        final FwNet.Ear negated = connect(server6(), 23);
        n.sim.runUntil(3 * NS_PER_S);
        assertTrue(prefix.connectedAt > 0);
        assertTrue(named.connectedAt > 0);
        assertEquals(-1, negated.connectedAt, "the client is in the negated set");
    }
}
