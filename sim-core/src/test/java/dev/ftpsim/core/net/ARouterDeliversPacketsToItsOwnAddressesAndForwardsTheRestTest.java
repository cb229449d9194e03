package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.kernel.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router answers "is this destination mine" from the route it looks up (a route's prefix knows
 * which of the router's addresses it holds): a packet to one of its addresses is delivered to it,
 * whichever route covers that address, and a packet to a neighbour on the same route is forwarded,
 * also after addresses are added and when a prerouting hook rewrites the destination.
 */
class ARouterDeliversPacketsToItsOwnAddressesAndForwardsTheRestTest {
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Host a = net.host("a");
    private final Router r = net.router("r");
    private final Host b = net.host("b");
    private final Host c = net.host("c");
    /** IP protocol 17, which no node here has a stack for: a test handler counts it. */
    private static final int UDP = 17;
    /** "node dst" for each packet a node's UDP handler received. */
    private final List<String> delivered = new ArrayList<>();

    ARouterDeliversPacketsToItsOwnAddressesAndForwardsTheRestTest() {
        final NetInterface ia = a.addInterface("eth0", "10.0.1.2/24");
        net.connect(ia, r.addInterface("lan", "10.0.1.1/24"), LinkConfig.of(1_000_000_000, 1_000, 0));
        net.connect(r.addInterface("wan", "10.0.2.1/24"), b.addInterface("eth0", "10.0.2.2/24"),
                LinkConfig.of(1_000_000_000, 1_000, 0));
        b.addInterface("dummy0", "192.0.2.7/24"); // b's other addresses, behind the router's routes to b
        b.addInterface("dummy1", "10.0.2.77/32");
        // two router addresses in one /24: its one connected route holds both
        r.addInterface("dmz", "10.0.3.1/24");
        net.connect(r.addInterface("dmz2", "10.0.3.3/24"), c.addInterface("eth0", "10.0.3.9/24"),
                LinkConfig.of(1_000_000_000, 1_000, 0));
        r.addInterface("x", "10.0.4.1/24");
        r.addInterface("y", "10.0.5.1/24"); // more routes than a host's short list: the router's hashed table
        a.defaultGateway("10.0.1.1");
        b.defaultGateway("10.0.2.1");
        c.defaultGateway("10.0.3.1");
        r.addRoute("192.0.2.0/24", "10.0.2.2"); // a static route holding none of the router's addresses
        for (final Node n : new Node[] {r, b, c}) {
            n.setProtocolHandler(UDP, new ProtocolHandler() {
                @Override
                public void receive(final Packet p, final NetInterface in) {
                    delivered.add(n.name() + " " + (p.isV6() ? net.ipv6().format(p.dst) : Ipv4.format(p.dst)));
                    net.pool().release(p);
                }

                @Override
                public void icmpError(final Packet p, final NetInterface in) {
                    net.pool().release(p);
                }
            });
        }
    }

    private List<String> send(final String dst) {
        delivered.clear();
        final Packet p = net.pool().acquire();
        p.protocol = UDP;
        final boolean v6 = Ipv6.looksLike(dst);
        p.src = v6 ? a.iface("eth0").address6() : a.address();
        p.dst = v6 ? net.ipv6().parse(dst) : Ipv4.parse(dst);
        p.dport = 53;
        a.sendLocal(p);
        sim.run();
        return List.copyOf(delivered);
    }

    @Test
    void aPacketToTheRoutersAddressOnAnotherInterfacesRouteIsDeliveredToTheRouter() {
        assertEquals(List.of("r 10.0.2.1"), send("10.0.2.1"));
        assertEquals(List.of("r 10.0.5.1"), send("10.0.5.1"));
    }

    @Test
    void aPacketToANeighbourOnThatSameRouteIsForwarded() {
        assertEquals(List.of("b 10.0.2.2"), send("10.0.2.2"));
        assertEquals(List.of("b 192.0.2.7"), send("192.0.2.7"));
    }

    @Test
    void aRouteHoldingTwoOfTheRoutersAddressesDeliversBothAndForwardsTheRest() {
        assertEquals(List.of("r 10.0.3.1"), send("10.0.3.1"));
        assertEquals(List.of("r 10.0.3.3"), send("10.0.3.3"));
        assertEquals(List.of("c 10.0.3.9"), send("10.0.3.9"));
    }

    @Test
    void anAddressAddedAfterPacketsWereForwardedIsDeliveredToTheRouterFromThen() {
        assertEquals(List.of("b 10.0.2.77"), send("10.0.2.77"));
        r.addInterface("late", "10.0.2.77/16"); // its own route is the /16: the /24 route now holds it too
        assertEquals(List.of("r 10.0.2.77"), send("10.0.2.77"));
        assertEquals(List.of("b 10.0.2.2"), send("10.0.2.2"));
    }

    @Test
    void anIpv6PacketToTheRoutersAddressIsDeliveredAndOneToItsNeighbourForwarded() {
        a.addAddress6("eth0", "2001:db8:1::2/64");
        r.addAddress6("lan", "2001:db8:1::1/64");
        r.addAddress6("wan", "2001:db8:2::1/64");
        b.addAddress6("eth0", "2001:db8:2::2/64");
        a.defaultGateway("2001:db8:1::1");
        assertEquals(List.of("r 2001:db8:2::1"), send("2001:db8:2::1"));
        assertEquals(List.of("b 2001:db8:2::2"), send("2001:db8:2::2"));
    }

    @Test
    void aDestinationRewrittenBeforeRoutingDecidesWhereThePacketGoes() {
        final int router = Ipv4.parse("10.0.2.1");
        final int neighbour = Ipv4.parse("10.0.2.2");
        r.hooks().register(Hook.PREROUTING, 0, (hook, p, in, out) -> {
            p.dst = p.dst == router ? neighbour : router; // DNAT either way
            return Verdict.ACCEPT;
        });
        assertEquals(List.of("r 10.0.2.1"), send("10.0.2.2"));
        assertEquals(List.of("b 10.0.2.2"), send("10.0.2.1"));
    }
}
