package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Serialization, propagation, drop-tail queues, MTU and loss on a point-to-point link. */
class LinkTest {
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Host a = net.host("a");
    private final Host b = net.host("b");
    private final NetInterface ia = a.addInterface("eth0", "10.0.0.1/24");
    private final NetInterface ib = b.addInterface("eth0", "10.0.0.2/24");
    private final List<Long> arrivals = new ArrayList<>();

    private Link link(final LinkConfig cfg) {
        final Link l = net.connect(ia, ib, cfg);
        ib.addTap((i, out, p, t) -> {
            if (!out) {
                arrivals.add(t);
            }
        });
        return l;
    }

    private Packet tcp(final int payload) {
        final Packet p = net.pool().acquire();
        p.protocol = Packet.PROTO_TCP;
        p.src = ia.address();
        p.dst = ib.address();
        p.payloadLength = payload;
        return p;
    }

    @Test
    void aPacketArrivesAfterSerializationPlusPropagation() {
        link(LinkConfig.of(10_000_000, 5_000_000, 10));
        a.sendLocal(tcp(1460)); // 1500 bytes at 10 Mbps = 1.2 ms, + 5 ms
        sim.run();
        assertEquals(List.of(6_200_000L), arrivals);
        assertEquals(1, ia.counters().txPackets());
        assertEquals(1500, ia.counters().txBytes());
        assertEquals(1, ib.counters().rxPackets());
    }

    @Test
    void backToBackPacketsAreSpacedByTheirSerializationTime() {
        link(LinkConfig.of(10_000_000, 5_000_000, 10));
        for (int i = 0; i < 3; i++) {
            a.sendLocal(tcp(1460));
        }
        sim.run();
        assertEquals(List.of(6_200_000L, 7_400_000L, 8_600_000L), arrivals);
    }

    @Test
    void aFullDropTailQueueDropsArrivalsAndCountsThem() {
        link(LinkConfig.of(10_000_000, 1_000_000, 3));
        for (int i = 0; i < 10; i++) {
            a.sendLocal(tcp(1460)); // one on the wire + 3 queued
        }
        assertEquals(3, ia.queuedPackets());
        sim.run();
        assertEquals(4, arrivals.size());
        assertEquals(6, ia.counters().drops(DropCause.QUEUE_FULL));
        assertEquals(4, ia.counters().txPackets());
    }

    @Test
    void theByteLimitOfAQueueCountsBytesNotPackets() {
        link(new LinkConfig(10_000_000, 1_000_000, 3000, 0, 1500));
        for (int i = 0; i < 10; i++) {
            a.sendLocal(tcp(960)); // 1000-byte packets: 1 on the wire + 3000 bytes = 3 queued
        }
        sim.run();
        assertEquals(4, arrivals.size());
        assertEquals(6, ia.counters().drops(DropCause.QUEUE_FULL));
    }

    @Test
    void packetsLargerThanTheMtuAreDropped() {
        link(LinkConfig.of(10_000_000, 1_000_000, 10).withMtu(576));
        a.sendLocal(tcp(1460));
        sim.run();
        assertTrue(arrivals.isEmpty());
        assertEquals(1, ia.counters().drops(DropCause.MTU));
    }

    @Test
    void bernoulliLossDropsAboutTheConfiguredFraction() {
        final Link l = link(LinkConfig.of(1_000_000_000, 1_000, 0));
        net.bernoulliLoss(l, ia, 0.1);
        for (int i = 0; i < 20_000; i++) {
            a.sendLocal(tcp(100));
        }
        sim.run();
        final long lost = ia.counters().drops(DropCause.LOSS);
        assertEquals(2000, lost, 200); // 4.7 standard deviations
        assertEquals(20_000 - lost, arrivals.size());
    }

    @Test
    void gilbertElliottLossComesInBurstsAtItsStationaryRate() {
        final Link l = link(LinkConfig.of(1_000_000_000, 1_000, 0));
        final LossModel.GilbertElliott ge = (LossModel.GilbertElliott) LossModel.gilbertElliott(
                sim.streams().stream(l.lossStreamName(ia)), 0.01, 0.25, 0.0, 1.0);
        l.loss(ia, ge);
        final boolean[] lostAt = new boolean[50_000];
        final int[] seen = {0};
        ia.addTap((i, out, p, t) -> seen[0]++);
        for (int i = 0; i < lostAt.length; i++) {
            final Packet p = tcp(100);
            lostAt[i] = ge.lose(p);
            net.pool().release(p);
        }
        int losses = 0;
        int bursts = 0;
        for (int i = 0; i < lostAt.length; i++) {
            if (lostAt[i]) {
                losses++;
                if (i == 0 || !lostAt[i - 1]) {
                    bursts++;
                }
            }
        }
        assertEquals(ge.stationaryLoss(), losses / (double) lostAt.length, 0.01); // 0.0385
        assertEquals(4.0, losses / (double) bursts, 0.6); // mean burst 1/r
    }
}
