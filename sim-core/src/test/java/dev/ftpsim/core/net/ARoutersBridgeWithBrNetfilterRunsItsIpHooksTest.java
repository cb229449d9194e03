package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two stations and a router's interface on a switch that is the router's bridge device; a server
 * behind the router. With br_netfilter the router's IP hooks see frames bridged between the
 * stations (br_netfilter_hooks.c: prerouting, forward, postrouting), run prerouting once on a frame
 * for the router, and keep a frame DNATed to a station of the bridge bridged (no TTL decrement).
 */
class ARoutersBridgeWithBrNetfilterRunsItsIpHooksTest {
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Switch sw = net.bridge("sw");
    private final Router gw = net.router("gw");
    private final TcpStack pc0Tcp;
    private final NetInterface lan;
    /** The router's hooks' calls: "HOOK in>out src>dst". */
    private final List<String> hooks = new ArrayList<>();
    /** SYNs reaching a station's NIC for its own address: "node ttl". */
    private final List<String> synsAt = new ArrayList<>();
    /**
     * The destination a DNAT in the router's prerouting sends 10.0.0.1:2121 to, 0 for none. No
     * conntrack: the answers are not de-NATed (the scenario tests show that part).
     */
    private int dnatTo;

    ARoutersBridgeWithBrNetfilterRunsItsIpHooksTest() {
        final LinkConfig link = LinkConfig.of(100_000_000L, 100_000L, 1000);
        final Host pc0 = net.host("pc0");
        final Host pc1 = net.host("pc1");
        final NetInterface e0 = pc0.addInterface("eth0", "10.0.0.10/24");
        final NetInterface e1 = pc1.addInterface("eth0", "10.0.0.11/24");
        pc0.defaultGateway("10.0.0.1");
        pc1.defaultGateway("10.0.0.1");
        net.connect(e0, sw.addPort(), link);
        net.connect(e1, sw.addPort(), link);
        lan = gw.addInterface("lan", "10.0.0.1/24");
        net.connect(lan, sw.addPort(), link);
        final NetInterface wan = gw.addInterface("wan", "203.0.113.1/24");
        final Host server = net.host("server");
        final NetInterface s = server.addInterface("eth0", "203.0.113.10/24");
        server.defaultGateway("203.0.113.1");
        net.connect(wan, s, link);
        pc0Tcp = new TcpStack(pc0, TcpConfig.linux());
        new TcpStack(pc1, TcpConfig.linux()).listen(21, c -> new TcpHandler() { });
        new TcpStack(server, TcpConfig.linux()).listen(21, c -> new TcpHandler() { });
        for (final NetInterface i : List.of(e1, s)) {
            i.addTap((iface, out, p, t) -> {
                if (!out && p.flags == Packet.SYN && p.dst == iface.address()) {
                    synsAt.add(iface.node().name() + " " + p.ttl);
                }
            });
        }
        for (final Hook h : List.of(Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING)) {
            gw.hooks().register(h, 0, (hook, p, in, out) -> {
                if ((p.flags & Packet.SYN) != 0 && (p.flags & Packet.ACK) == 0) {
                    hooks.add(hook + " " + name(in) + ">" + name(out) + " " + Ipv4.format(p.src) + ">"
                            + Ipv4.format(p.dst));
                }
                if (hook == Hook.PREROUTING && dnatTo != 0 && p.dst == Ipv4.parse("10.0.0.1") && p.dport == 2121) {
                    p.dst = dnatTo;
                    p.dport = 21;
                }
                return Verdict.ACCEPT;
            });
        }
    }

    private static String name(final NetInterface i) {
        return i == null ? "-" : i.name();
    }

    private void syn(final String to, final int port) {
        pc0Tcp.connect(Ipv4.parse(to), port, new TcpHandler() { });
        sim.runUntil(sim.now() + 500_000_000L); // before the SYN's first retransmission (initial RTO 1 s)
    }

    @Test
    void withoutBrNetfilterFramesBetweenStationsPassTheRouterUnseen() {
        sw.bridgeOf(lan, false);
        syn("10.0.0.11", 21);
        assertEquals(List.of(), hooks);
        assertEquals(List.of("pc1 64"), synsAt);
    }

    @Test
    void withBrNetfilterABridgedFrameRunsPreroutingForwardAndPostroutingOnTheBridgeDevice() {
        sw.bridgeOf(lan, true);
        syn("10.0.0.11", 21);
        assertEquals(List.of("PREROUTING lan>- 10.0.0.10>10.0.0.11", "FORWARD lan>lan 10.0.0.10>10.0.0.11",
                "POSTROUTING ->lan 10.0.0.10>10.0.0.11"), hooks);
        assertEquals(List.of("pc1 64"), synsAt); // bridged: no TTL decrement
    }

    @Test
    void withBrNetfilterAFrameForTheRouterRunsPreroutingOnce() {
        sw.bridgeOf(lan, true);
        syn("203.0.113.10", 21);
        assertEquals(List.of("PREROUTING lan>- 10.0.0.10>203.0.113.10", "FORWARD lan>wan 10.0.0.10>203.0.113.10",
                "POSTROUTING lan>wan 10.0.0.10>203.0.113.10"), hooks);
        assertEquals(List.of("server 63"), synsAt);
    }

    @Test
    void aDnatToAStationOfTheBridgeStaysBridgedOneAwayFromItIsRouted() {
        sw.bridgeOf(lan, true);
        dnatTo = Ipv4.parse("10.0.0.11");
        syn("10.0.0.1", 2121);
        assertEquals(List.of("PREROUTING lan>- 10.0.0.10>10.0.0.1", "FORWARD lan>lan 10.0.0.10>10.0.0.11",
                "POSTROUTING ->lan 10.0.0.10>10.0.0.11"), hooks);
        assertEquals(List.of("pc1 64"), synsAt);
        hooks.clear();
        dnatTo = Ipv4.parse("203.0.113.10");
        syn("10.0.0.1", 2121);
        assertEquals(List.of("PREROUTING lan>- 10.0.0.10>10.0.0.1", "FORWARD lan>wan 10.0.0.10>203.0.113.10",
                "POSTROUTING lan>wan 10.0.0.10>203.0.113.10"), hooks);
        assertEquals(List.of("pc1 64", "server 63"), synsAt);
    }

    @Test
    void withoutBrNetfilterTheSameDnatIsRouted() {
        sw.bridgeOf(lan, false);
        dnatTo = Ipv4.parse("10.0.0.11");
        syn("10.0.0.1", 2121);
        assertEquals(List.of("PREROUTING lan>- 10.0.0.10>10.0.0.1", "FORWARD lan>lan 10.0.0.10>10.0.0.11",
                "POSTROUTING lan>lan 10.0.0.10>10.0.0.11"), hooks);
        assertEquals(List.of("pc1 63"), synsAt);
    }

    @Test
    void theBridgeDeviceMustBeARoutersInterfaceOnTheSwitch() {
        assertThrows(IllegalArgumentException.class, () -> sw.bridgeOf(gw.iface("wan"), true));
    }
}
