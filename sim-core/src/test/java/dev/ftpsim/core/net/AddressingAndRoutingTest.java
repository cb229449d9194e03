package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import org.junit.jupiter.api.Test;

class AddressingAndRoutingTest {
    @Test
    void addressesRoundTripThroughTheirDottedForm() {
        for (final String s : new String[] {"0.0.0.0", "10.0.0.1", "192.168.255.254", "255.255.255.255"}) {
            assertEquals(s, Ipv4.format(Ipv4.parse(s)));
        }
        assertEquals(0xC0000201, Ipv4.parse("192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3.256"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3.x"));
    }

    @Test
    void prefixesClearHostBitsAndContainTheirAddresses() {
        final Prefix p = Prefix.parse("203.0.113.77/24");
        assertEquals("203.0.113.0/24", p.toString());
        assertTrue(p.contains(Ipv4.parse("203.0.113.1")));
        assertTrue(!p.contains(Ipv4.parse("203.0.114.1")));
        assertTrue(Prefix.parse("0.0.0.0/0").contains(Ipv4.parse("8.8.8.8")));
        assertEquals(32, Prefix.parse("10.1.1.1").length());
    }

    @Test
    void lookupPicksTheLongestMatchingPrefix() {
        final Network net = new Network(new Simulator(1));
        final Router r = net.router("r");
        final NetInterface a = r.addInterface("a", "10.0.0.1/8");
        final NetInterface b = r.addInterface("b", "172.16.0.1/16");
        final NetInterface c = r.addInterface("c", "192.168.0.1/24");
        r.addRoute("10.1.0.0/16", "172.16.0.2");
        r.addRoute("10.1.2.0/24", "192.168.0.2");
        r.defaultGateway("192.168.0.3");
        final RouteTable t = r.routes();
        assertEquals(a, t.lookup(Ipv4.parse("10.9.9.9")).iface());
        assertEquals(b, t.lookup(Ipv4.parse("10.1.9.9")).iface());
        assertEquals(c, t.lookup(Ipv4.parse("10.1.2.9")).iface());
        assertEquals(Ipv4.parse("192.168.0.2"), t.lookup(Ipv4.parse("10.1.2.9")).gateway());
        assertEquals(Ipv4.parse("192.168.0.3"), t.lookup(Ipv4.parse("8.8.8.8")).gateway());
        assertTrue(t.remove(Prefix.parse("0.0.0.0/0")));
        assertNull(t.lookup(Ipv4.parse("8.8.8.8")));
        assertEquals(5, t.size()); // three connected networks, two static routes
    }

    @Test
    void aTableOfManyHostRoutesStillAnswersEachLookupCorrectly() {
        final Network net = new Network(new Simulator(1));
        final Router r = net.router("r");
        final NetInterface lan = r.addInterface("lan", "10.0.0.1/8");
        final RouteTable t = r.routes();
        for (int i = 0; i < 10_000; i++) {
            t.add(new Route(new Prefix(Ipv4.parse("10.0.0.0") + i * 4, 30), Ipv4.parse("10.0.0.2"), lan));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(30, t.lookup(Ipv4.parse("10.0.0.0") + i * 4 + 2).prefix().length());
        }
        assertEquals(8, t.lookup(Ipv4.parse("10.200.0.0")).prefix().length());
    }
}
