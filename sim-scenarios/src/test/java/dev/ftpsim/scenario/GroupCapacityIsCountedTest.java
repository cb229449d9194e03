package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Prefix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A host group's room is counted, not walked address by address (a sweep checks a million-member
 * group once per point), and the count is the number of usable addresses from {@code first} on.
 */
class GroupCapacityIsCountedTest {
    /** The definition: walk the subnet from {@code first} and count what a member may take. */
    private static long walked(final Prefix subnet, final int first, final int gateway) {
        final long last = (subnet.network() & 0xFFFF_FFFFL) | (~subnet.mask() & 0xFFFF_FFFFL);
        long n = 0;
        for (long a = first & 0xFFFF_FFFFL; a <= last; a++) {
            final int host = (int) a & ~subnet.mask();
            final boolean edge = subnet.length() <= 30 && (host == 0 || host == ~subnet.mask());
            if ((int) a != gateway && subnet.contains((int) a) && !edge) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theCountEqualsTheWalkForEveryKindOfSubnetFirstAndGateway() {
        final Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            final int len = 20 + r.nextInt(13);
            final Prefix subnet = new Prefix(r.nextInt(), len);
            final int size = 1 << (32 - len);
            final int first = subnet.network() + r.nextInt(size);
            final int gateway = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> subnet.network();
                case 2 -> subnet.network() + size - 1;
                default -> subnet.network() + r.nextInt(size);
            };
            final HostSpec.Group g = new HostSpec.Group("g", 1, subnet, first, gateway);
            assertEquals(walked(subnet, first, gateway), g.capacity(), g + " gateway " + gateway);
        }
    }

    @Test
    void aMillionMembersFitIntoASlashTwelve() {
        final Prefix p = Prefix.parse("10.0.0.0/12");
        assertEquals((1 << 20) - 3, new HostSpec.Group("g", 1_000_000, p, p.network() + 1, p.network() + 1)
                .capacity());
    }
}
