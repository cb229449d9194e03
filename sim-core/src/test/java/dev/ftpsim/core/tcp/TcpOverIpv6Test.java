package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP over IPv6 through a router: handshake, MSS of a 1500-byte link, data, and ICMPv6 errors failing a connect. */
class TcpOverIpv6Test {
    private final Simulator sim = new Simulator(3);
    private final Network net = new Network(sim);
    private final Host client = net.host("client");
    private final Host server = net.host("server");
    private final Router router = net.router("router");
    private final TcpStack clientTcp;
    private final TcpStack serverTcp;
    private final List<Packet> wire = new ArrayList<>();

    TcpOverIpv6Test() {
        final NetInterface c0 = client.addInterface("eth0", "10.0.1.2/24");
        client.addAddress6("eth0", "2001:db8:1::2/64");
        final NetInterface r0 = router.addInterface("lan", "2001:db8:1::1/64");
        final NetInterface r1 = router.addInterface("wan", "2001:db8:2::1/64");
        final NetInterface s0 = server.addInterface("eth0", "2001:db8:2::2/64");
        client.defaultGateway("2001:db8:1::1");
        server.defaultGateway("2001:db8:2::1");
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 100);
        net.connect(c0, r0, l);
        net.connect(r1, s0, l);
        clientTcp = new TcpStack(client, TcpConfig.linux());
        serverTcp = new TcpStack(server, TcpConfig.linux());
        c0.addTap((iface, out, p, t) -> {
            final Packet copy = new Packet();
            copy.copyFrom(p);
            wire.add(copy);
        });
    }

    @Test
    void aConnectionHandshakesWithMss1440AndCarriesItsBytesFromTheIpv6Address() {
        final TestNet.Recorder srv = new TestNet.Recorder(sim);
        serverTcp.listen(21, c -> srv);
        final TcpConnection c = clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(100_000L);
                x.close();
            }
        });
        sim.runUntil(5_000_000_000L);
        assertEquals(100_000L, srv.bulk);
        assertEquals("2001:db8:1::2", net.ipv6().format(c.localIp()), "the source is the interface's IPv6 address");
        assertEquals(1440, wire.get(0).mssOption);
        assertEquals(1440, wire.get(1).mssOption);
        assertEquals(1440, c.sendMss());
        int largest = 0;
        for (final Packet p : wire) {
            assertTrue(p.isV6());
            largest = Math.max(largest, p.totalLength());
        }
        assertEquals(1500, largest, "full segments fill the MTU: 40 + 20 + 1440");
        assertEquals(63, wire.get(1).ttl, "the router decremented the SYN,ACK's hop limit");
    }

    @Test
    void aClosedPortAnswersWithRstAndAnUnroutedPrefixWithIcmpv6NoRoute() {
        final List<String> failures = new ArrayList<>();
        final TcpHandler h = new TcpHandler() {
            @Override
            public void failed(final TcpConnection x, final FailReason why) {
                failures.add(why + " " + x.failureDetail());
            }
        };
        clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 2121, h);
        sim.runUntil(1_000_000_000L);
        clientTcp.connect(net.ipv6().parse("2001:db8:3::2"), 21, h);
        sim.runUntil(2_000_000_000L);
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("refused"), failures.get(0));
        assertEquals("unreachable ICMPv6 destination unreachable: no route to destination", failures.get(1));
        final Packet icmp = wire.get(wire.size() - 1);
        assertEquals(Packet.PROTO_ICMPV6, icmp.protocol);
        assertEquals("2001:db8:1::1", net.ipv6().format(icmp.src), "sent from the router's interface towards the client");
    }

    /**
     * Linux 6.18, measured in network namespaces with the router's nft rejecting the server's
     * SYN,ACK ({@code reject with icmpv6 type ...}): after admin-prohibited or port-unreachable no
     * SYN,ACK was sent again (tcp_v6_err hands icmpv6_err_convert()'s fatal flag to tcp_req_err,
     * which drops the request); after no-route or addr-unreachable it was, 1 s and 3 s later.
     * IPv4 is the other way round for these codes (IcmpErrorsDuringTheHandshakeActAsLinuxsTest).
     */
    @Test
    void aFatalIcmpv6ErrorForTheSynAckDropsTheRequestAndANonFatalOneDoesNot() {
        final int[] synAcks = {0};
        final int[] code = {Packet.CODE6_ADMIN_PROHIBITED};
        router.hooks().register(dev.ftpsim.core.net.Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.sport == 21 && p.flags == (Packet.SYN | Packet.ACK)) {
                synAcks[0]++;
                router.sendIcmpError(p, in, Packet.ICMP6_DEST_UNREACHABLE, code[0], true);
                return dev.ftpsim.core.net.Verdict.DROP;
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        serverTcp.listen(21, c -> new TcpHandler() { });
        // The client gives up before its SYN's first retransmission, so only the server's timer sends SYN,ACKs.
        final TcpConnection first = clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, new TcpHandler() { });
        sim.runUntil(500_000_000L);
        first.close();
        sim.runUntil(2_000_000_000L);
        assertEquals(1, synAcks[0]);
        assertEquals(0, serverTcp.connectionCount(), "administratively prohibited is fatal: the request is gone");
        code[0] = Packet.CODE6_NO_ROUTE;
        final TcpConnection second = clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, new TcpHandler() { });
        sim.runUntil(2_500_000_000L);
        second.close();
        sim.runUntil(4_000_000_000L);
        assertEquals(1, serverTcp.connectionCount(), "no route is not: the request waits on");
        assertEquals(3, synAcks[0], "and sent its SYN,ACK again after 1 s");
    }

    @Test
    void hopLimitExceededForTheSynFailsTheConnectAtOnce() {
        serverTcp.listen(21, c -> new TcpHandler() { });
        router.hooks().register(dev.ftpsim.core.net.Hook.PREROUTING, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                p.ttl = 1;
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        final List<String> failures = new ArrayList<>();
        clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, new TcpHandler() {
            @Override
            public void failed(final TcpConnection x, final FailReason why) {
                failures.add(why + " " + x.failureDetail() + " at " + sim.now() / 1_000_000 + " ms");
            }
        });
        sim.runUntil(200_000_000_000L);
        assertEquals(List.of("unreachable ICMPv6 time exceeded (EHOSTUNREACH) at 10 ms"), failures);
    }

    /**
     * Linux 6.18 in network namespaces, tcp_retries2 = 5 there, the router rejecting an established
     * connection's data with {@code reject with icmpv6 type no-route}: 63 retransmissions (each
     * no-route undoes a back-off, tcp_v6_err's RFC 6069 case) and ENETUNREACH after 13.1 s.
     * Address unreachable undoes none (tcp_v6_err reverts on no route only).
     */
    @Test
    void noRouteForAnEstablishedConnectionsDataUndoesTheBackOffAndIsWhatTheApplicationReads() {
        // tcp_retries2 = 15 here: 924.6 s of retransmissions one unbacked RTO (about 225 ms) apart
        assertEquals("unreachable, 4105 retransmissions, ENETUNREACH", rejectData(Packet.CODE6_NO_ROUTE));
    }

    @Test
    void addressUnreachableForAnEstablishedConnectionsDataBacksOffAndIsWhatTheApplicationReads() {
        // tcp_retries2 = 15 back-offs, as into a black hole
        assertEquals("unreachable, 15 retransmissions, EHOSTUNREACH", rejectData(Packet.CODE6_ADDR_UNREACHABLE));
    }

    private String rejectData(final int code) {
        serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(sim);
        final TcpConnection c = clientTcp.connect(net.ipv6().parse("2001:db8:2::2"), 21, cli);
        sim.runUntil(1_000_000_000L);
        c.send(new byte[100]);
        sim.runUntil(2_000_000_000L);
        router.hooks().register(dev.ftpsim.core.net.Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                router.sendIcmpError(p, in, Packet.ICMP6_DEST_UNREACHABLE, code, true);
                return dev.ftpsim.core.net.Verdict.DROP;
            }
            return dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        final long before = c.segmentsRetransmitted();
        c.send(new byte[16]);
        sim.runUntil(2000_000_000_000L);
        final String d = c.failureDetail();
        return cli.failure + ", " + (c.segmentsRetransmitted() - before) + " retransmissions, "
                + d.substring(d.lastIndexOf('(') + 1, d.length() - 1);
    }
}
