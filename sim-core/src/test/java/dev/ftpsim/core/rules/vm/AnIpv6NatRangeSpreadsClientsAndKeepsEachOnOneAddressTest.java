package dev.ftpsim.core.rules.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Ipv6Addresses;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * find_best_ips_proto's choice in an IPv6 range: always inside it, the same address for one
 * client and server, spread over the range across clients, and with {@code persistent} the same
 * address for one client whatever the server.
 */
class AnIpv6NatRangeSpreadsClientsAndKeepsEachOnOneAddressTest {
    private final Ipv6Addresses a6 = new Ipv6Addresses();
    private final long[] range = range("2001:db8:ff::100", "2001:db8:ff::104");

    private static long[] range(final String first, final String last) {
        final long[] a = Ipv6.parse(first);
        final long[] b = Ipv6.parse(last);
        return new long[] {a[0], a[1], b[0], b[1]};
    }

    @Test
    void clientsSpreadOverTheRangeAndEachKeepsItsAddress() {
        final int server = a6.parse("2001:db8:2::10");
        final Set<String> used = new HashSet<>();
        for (int k = 1; k <= 40; k++) {
            final int client = a6.parse("fd00:1::" + Integer.toHexString(k));
            final int id = Nat6Range.choose(a6, range, client, server, false);
            assertEquals(id, Nat6Range.choose(a6, range, client, server, false));
            final String a = a6.format(id);
            assertTrue(a.matches("2001:db8:ff::10[0-4]"), a);
            used.add(a);
        }
        assertEquals(5, used.size(), used.toString());
    }

    @Test
    void persistentKeepsOneClientOnOneAddressForEveryServer() {
        final int client = a6.parse("fd00:1::10");
        final int first = Nat6Range.choose(a6, range, client, a6.parse("2001:db8:2::1"), true);
        final Set<Integer> plain = new HashSet<>();
        for (int k = 1; k <= 20; k++) {
            final int server = a6.parse("2001:db8:2::" + Integer.toHexString(k));
            assertEquals(first, Nat6Range.choose(a6, range, client, server, true));
            plain.add(Nat6Range.choose(a6, range, client, server, false));
        }
        assertTrue(plain.size() > 1, "without persistent the server's address takes part: " + plain);
    }

    @Test
    void aRangeAcrossAWordBoundaryStaysInsideTheWordsItSpans() {
        final long[] wide = range("2001:db8:ff::1:fffe", "2001:db8:ff::2:1");
        final int server = a6.parse("2001:db8:2::10");
        for (int k = 1; k <= 20; k++) {
            final String a = a6.format(Nat6Range.choose(a6, wide, a6.parse("fd00:1::" + k), server, false));
            assertTrue(a.startsWith("2001:db8:ff::1:") || a.startsWith("2001:db8:ff::2:"), a);
        }
    }
}
