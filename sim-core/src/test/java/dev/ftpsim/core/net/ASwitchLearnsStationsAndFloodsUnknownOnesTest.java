package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three PCs and a router's LAN interface on one switch; a server behind the router. Frames seen
 * arriving at each station's NIC show the learning bridge: the first frame for the router is
 * flooded to every port, later frames go to the learnt port only.
 */
class ASwitchLearnsStationsAndFloodsUnknownOnesTest {
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Switch sw = net.bridge("sw");
    private final Router gw = net.router("gw");
    private final List<Host> pcs = new ArrayList<>();
    private final List<TcpStack> pcTcp = new ArrayList<>();
    private final Host server = net.host("server");
    /** Per station, the TCP frames that reached its NIC: "src > dst [flags]". */
    private final Map<String, List<String>> atNic = new HashMap<>();
    private final NetInterface lan;

    ASwitchLearnsStationsAndFloodsUnknownOnesTest() {
        final LinkConfig link = LinkConfig.of(100_000_000L, 100_000L, 1000);
        for (int i = 0; i < 3; i++) {
            final Host pc = net.host("pc" + i);
            final NetInterface e = pc.addInterface("eth0", "10.0.0." + (10 + i) + "/24");
            pc.defaultGateway("10.0.0.1");
            net.connect(e, sw.addPort(), link);
            tap(e);
            pcs.add(pc);
            pcTcp.add(new TcpStack(pc, TcpConfig.linux()));
        }
        lan = gw.addInterface("lan", "10.0.0.1/24");
        net.connect(lan, sw.addPort(), link);
        tap(lan);
        final NetInterface wan = gw.addInterface("wan", "203.0.113.1/24");
        final NetInterface s = server.addInterface("eth0", "203.0.113.10/24");
        server.defaultGateway("203.0.113.1");
        net.connect(wan, s, link);
        new TcpStack(server, TcpConfig.linux()).listen(21, c -> new TcpHandler() { });
    }

    private void tap(final NetInterface i) {
        final List<String> l = atNic.computeIfAbsent(i.node().name(), k -> new ArrayList<>());
        i.addTap((iface, out, p, t) -> {
            if (!out && p.protocol == Packet.PROTO_TCP) {
                l.add(Ipv4.format(p.src) + " > " + Ipv4.format(p.dst) + " [" + Packet.flagString(p.flags) + "]");
            }
        });
    }

    @Test
    void theFirstFrameForTheRouterIsFloodedAndTheAnswersGoToTheLearntPortOnly() {
        pcTcp.get(0).connect(Ipv4.parse("203.0.113.10"), 21, new TcpHandler() { });
        sim.runUntil(1_000_000_000L);
        final String syn = "10.0.0.10 > 203.0.113.10 [S]";
        final String synAck = "203.0.113.10 > 10.0.0.10 [S.]";
        // The router's station was unknown: the SYN went out of every port but pc0's.
        assertEquals(List.of(syn), atNic.get("pc1").subList(0, 1));
        assertEquals(List.of(syn), atNic.get("pc2").subList(0, 1));
        assertEquals(syn, atNic.get("gw").get(0));
        // pc0 was learnt from that SYN: the answer reaches pc0 alone.
        assertEquals(synAck, atNic.get("pc0").get(0));
        assertTrue(atNic.get("pc1").stream().noneMatch(l -> l.equals(synAck)), atNic.get("pc1").toString());
        // pc0's ACK after it: the router was learnt from the SYN/ACK, so pc1 and pc2 saw only the SYN.
        assertEquals(1, atNic.get("pc1").size(), atNic.get("pc1").toString());
        assertEquals(1, atNic.get("pc2").size());
        assertEquals(1, sw.flooded());
        assertTrue(sw.forwarded() >= 2);
        assertSame(pcs.get(0).iface("eth0").peer(), sw.portOf(pcs.get(0).iface("eth0")));
        assertSame(lan.peer(), sw.portOf(lan));
        assertEquals(null, sw.portOf(pcs.get(2).iface("eth0")), "pc2 never sent: not learnt");
    }

    @Test
    void aNextHopNobodyOnTheSegmentHoldsIsDroppedAsUnansweredArp() {
        pcs.get(1).addRoute("192.0.2.0/24", "10.0.0.99");
        pcTcp.get(1).connect(Ipv4.parse("192.0.2.7"), 21, new TcpHandler() { });
        sim.runUntil(500_000_000L); // before the SYN's first retransmission
        assertEquals(1, pcs.get(1).iface("eth0").counters().drops(DropCause.NO_ROUTE));
        assertEquals(0, sw.flooded());
    }

    @Test
    void aStationSilentForTheAgeingTimeIsForgottenAndItsNextFrameFlooded() {
        // Linux 6.18, bridge ageing_time lowered to 3 s: a station silent that long left 'bridge fdb
        // show', and a frame for it reached a third port's NIC (tshark on that port). The default is
        // 300 s (BR_DEFAULT_AGEING_TIME, include/linux/if_bridge.h).
        pcTcp.get(0).connect(Ipv4.parse("203.0.113.10"), 21, new TcpHandler() { });
        sim.runUntil(200_000_000_000L); // the connection is idle: no frame after the handshake
        pcTcp.get(1).connect(Ipv4.parse("203.0.113.10"), 21, new TcpHandler() { });
        sim.runUntil(201_000_000_000L);
        assertEquals(List.of("10.0.0.10 > 203.0.113.10 [S]"), atNic.get("pc2"), "the router was heard 200 s ago");
        sim.runUntil(502_000_000_000L); // the router's last frame was at 200 s: 302 s of silence
        pcTcp.get(2).connect(Ipv4.parse("203.0.113.10"), 21, new TcpHandler() { });
        sim.runUntil(503_000_000_000L);
        assertEquals(List.of("10.0.0.10 > 203.0.113.10 [S]"), atNic.get("pc2").subList(0, 1));
        assertTrue(atNic.get("pc1").contains("10.0.0.12 > 203.0.113.10 [S]"), "pc2's SYN was flooded to pc1: "
                + atNic.get("pc1"));
        assertEquals(null, sw.portOf(pcs.get(1).iface("eth0")), "pc1 silent since 201 s: forgotten");
    }
}
