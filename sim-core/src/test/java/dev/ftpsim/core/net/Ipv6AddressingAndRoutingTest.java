package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import org.junit.jupiter.api.Test;

/** IPv6 addresses in their RFC 4291 text forms, prefixes, dual-stack interfaces and longest-prefix routing. */
class Ipv6AddressingAndRoutingTest {
    @Test
    void addressesParseEveryTextFormAndFormatTheRfc5952Way() {
        assertEquals("2001:db8::1", fmt("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("::", fmt("::"));
        assertEquals("::1", fmt("::1"));
        assertEquals("fe80::", fmt("fe80::"));
        assertEquals("2001:db8:0:1:1:1:1:1", fmt("2001:db8:0:1:1:1:1:1")); // one zero group stays
        assertEquals("2001:0:0:1::1", fmt("2001:0:0:1:0:0:0:1")); // the longer run is compressed
        assertEquals("2001:db8::1:0:0:1", fmt("2001:db8:0:0:1:0:0:1")); // of equal runs, the first
        assertEquals("::ffff:c000:201", fmt("::ffff:192.0.2.1"));
        for (final String bad : new String[] {"2001:db8::1::2", "1:2:3", "2001:db8::g", "12345::", "1:2:3:4:5:6:7:8:9"}) {
            assertThrows(IllegalArgumentException.class, () -> Ipv6.parse(bad), bad);
        }
    }

    private static String fmt(final String s) {
        final long[] a = Ipv6.parse(s);
        return Ipv6.format(a[0], a[1]);
    }

    @Test
    void idsAreStableInternedAndNeverAnIpv4Address() {
        final Ipv6Addresses a = new Ipv6Addresses();
        final int x = a.parse("2001:db8::1");
        assertEquals(x, a.parse("2001:DB8:0::1"));
        assertTrue(Ipv6.isId(x));
        assertEquals("2001:db8::1", a.format(x));
        assertEquals("192.0.2.1", a.formatAny(Ipv4.parse("192.0.2.1")));
        final Network net = new Network(new Simulator(1));
        assertThrows(IllegalArgumentException.class, () -> net.host("h").addInterface("eth0", "240.0.0.1/24"));
    }

    @Test
    void prefixesClearHostBitsAndContainTheirAddresses() {
        final Prefix6 p = Prefix6.parse("2001:db8:1:2:3::7/48");
        assertEquals("2001:db8:1::/48", p.toString());
        final long[] in = Ipv6.parse("2001:db8:1:ffff::1");
        final long[] out = Ipv6.parse("2001:db8:2::1");
        assertTrue(p.contains(in[0], in[1]));
        assertTrue(!p.contains(out[0], out[1]));
        assertEquals("2001:db8:0:0:1::/80", Prefix6.parse("2001:db8:0:0:1:ffff::/80").toString());
    }

    @Test
    void aDualStackRouterRoutesEachFamilyByItsOwnLongestPrefix() {
        final Network net = new Network(new Simulator(1));
        final Router r = net.router("r");
        final NetInterface a = r.addInterface("a", "10.0.0.1/8");
        r.addAddress6("a", "2001:db8:a::1/64");
        final NetInterface b = r.addInterface("b", "2001:db8:b::1/64");
        r.addRoute("2001:db8:1000::/36", "2001:db8:a::2");
        r.addRoute("2001:db8:1000:2::/64", "2001:db8:b::2");
        r.defaultGateway("2001:db8:b::3");
        final Ipv6Addresses ids = net.ipv6();
        assertEquals(a, r.routes().lookup(ids.parse("2001:db8:1000:9::9")).iface());
        assertEquals(b, r.routes().lookup(ids.parse("2001:db8:1000:2::9")).iface());
        assertEquals(ids.parse("2001:db8:b::3"), r.routes().lookup(ids.parse("2600::1")).gateway());
        assertEquals(a, r.routes().lookup(Ipv4.parse("10.1.2.3")).iface());
        assertNull(r.routes().lookup(Ipv4.parse("192.0.2.1")), "no IPv4 default route");
        assertEquals(a, r.interfaceFor(ids.parse("2001:db8:a::1")));
        assertEquals(a, r.interfaceFor(Ipv4.parse("10.0.0.1")));
        assertEquals(ids.parse("2001:db8:a::1"), a.addressFor(ids.parse("2001:db8:a::2")));
        assertEquals(Ipv4.parse("10.0.0.1"), a.addressFor(Ipv4.parse("10.0.0.2")));
        assertEquals(0, b.addressFor(Ipv4.parse("10.0.0.2")), "an IPv6-only interface has no IPv4 address");
        assertThrows(IllegalArgumentException.class, () -> r.addRoute("2001:db8:c::/48", "10.0.0.2"));
    }
}
