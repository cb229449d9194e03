package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.kernel.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 127.0.0.0/8 on a wire is a martian in Linux unless the interface has route_localnet
 * (net.ipv4.conf.IF.route_localnet, which dockerd sets on docker0 with --userland-proxy=false):
 * a packet from 127/8 that an OUTPUT DNAT sends out of such an interface is dropped (
 * ip_route_me_harder, __mkroute_output in net/ipv4/route.c: -EINVAL), and one to 127/8 after
 * PREROUTING on it is dropped without an ICMP error (ip_route_input_slow: martian destination).
 * Measured on Linux 6.18 with docker.io 20.10.24's rules (nat OUTPUT DNAT of 127.0.0.1:21 to a
 * container): with docker0's route_localnet 0 the connect timed out, with 1 it went through.
 */
class LoopbackAddressesCrossAWireOnlyWithRouteLocalnetTest {
    private static final int UDP = 17;
    private static final int LOOPBACK = Ipv4.parse("127.0.0.1");
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Router r = net.router("docker-host");
    private final Host b = net.host("container");
    private final NetInterface docker0 = r.addInterface("docker0", "172.17.0.1/16");
    /** "node dst" per UDP packet delivered, and "icmp" per ICMP error the container got. */
    private final List<String> heard = new ArrayList<>();

    LoopbackAddressesCrossAWireOnlyWithRouteLocalnetTest() {
        final NetInterface eth0 = b.addInterface("eth0", "172.17.0.2/16");
        net.connect(docker0, eth0, LinkConfig.of(1_000_000_000, 1_000, 0));
        b.defaultGateway("172.17.0.1");
        eth0.addTap((iface, out, p, t) -> {
            if (!out && p.protocol == Packet.PROTO_ICMP) {
                heard.add("icmp");
            }
        });
        for (final Node n : new Node[] {r, b}) {
            n.setProtocolHandler(UDP, new ProtocolHandler() {
                @Override
                public void receive(final Packet p, final NetInterface in) {
                    heard.add(n.name() + " " + Ipv4.format(p.dst));
                    net.pool().release(p);
                }

                @Override
                public void icmpError(final Packet p, final NetInterface in) {
                    net.pool().release(p);
                }
            });
        }
    }

    /**
     * The host sends 127.0.0.1 -> 127.0.0.1:53, DNATed on OUTPUT to the container and masqueraded
     * on POSTROUTING (the container would drop a 127/8 source as a martian too).
     */
    private List<String> hostToItsLoopbackDnatedToTheContainer() {
        r.hooks().register(Hook.OUTPUT, 0, (hook, p, in, out) -> {
            p.dst = Ipv4.parse("172.17.0.2");
            return Verdict.ACCEPT;
        });
        r.hooks().register(Hook.POSTROUTING, 0, (hook, p, in, out) -> {
            p.src = docker0.address();
            return Verdict.ACCEPT;
        });
        final Packet p = net.pool().acquire();
        p.protocol = UDP;
        p.src = LOOPBACK;
        p.dst = LOOPBACK;
        p.dport = 53;
        r.sendLocal(p);
        sim.run();
        return heard;
    }

    /** The container sends to 172.17.0.1:53, which a PREROUTING DNAT turns into 127.0.0.1. */
    private List<String> containerToTheHostDnatedToItsLoopback() {
        r.hooks().register(Hook.PREROUTING, 0, (hook, p, in, out) -> {
            p.dst = LOOPBACK;
            return Verdict.ACCEPT;
        });
        final Packet p = net.pool().acquire();
        p.protocol = UDP;
        p.src = b.address();
        p.dst = Ipv4.parse("172.17.0.1");
        p.dport = 53;
        b.sendLocal(p);
        sim.run();
        return heard;
    }

    @Test
    void withoutRouteLocalnetAPacketFrom127NeverLeaves() {
        assertEquals(List.of(), hostToItsLoopbackDnatedToTheContainer());
    }

    @Test
    void withRouteLocalnetAPacketFrom127Leaves() {
        docker0.setRouteLocalnet(true);
        assertEquals(List.of("container 172.17.0.2"), hostToItsLoopbackDnatedToTheContainer());
    }

    @Test
    void withoutRouteLocalnetAPacketTo127IsDroppedWithoutAnIcmpError() {
        assertEquals(List.of(), containerToTheHostDnatedToItsLoopback());
    }

    @Test
    void withRouteLocalnetAPacketTo127IsDeliveredLocally() {
        docker0.setRouteLocalnet(true);
        assertEquals(List.of("docker-host 127.0.0.1"), containerToTheHostDnatedToItsLoopback());
    }
}
