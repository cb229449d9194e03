package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.tcp.FailReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router rejecting with ICMP answers a burst from one client six times, then one message per
 * interval: Linux 6.18, ten non-blocking connects at once through 'tcp dport 2222 reject with icmpx
 * admin-prohibited' (python3, SO_ERROR read 0.8 s later): six failed (EHOSTUNREACH over IPv4,
 * EACCES over IPv6) and four were still connecting, their SYNs dropped without an answer.
 */
class IcmpErrorsAreRateLimitedPerDestinationTest {
    private final FwNet n = new FwNet(1, 1);

    private List<FwNet.Ear> burst(final int dst) {
        n.nft("""
                table inet f {
                  chain forward {
                    type filter hook forward priority 0;
                    tcp dport 2222 reject with icmpx admin-prohibited
                  }
                }
                """);
        final List<FwNet.Ear> ears = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            final FwNet.Ear ear = new FwNet.Ear(n.sim);
            n.clientTcp.get(0).connect(dst, 2222, ear);
            ears.add(ear);
        }
        n.sim.runUntil(800 * NS_PER_MS);
        return ears;
    }

    private static List<Long> counts(final List<FwNet.Ear> ears) {
        return List.of(ears.stream().filter(e -> e.failure == FailReason.UNREACHABLE).count(),
                ears.stream().filter(e -> e.failedAt < 0 && e.connectedAt < 0).count());
    }

    @Test
    void tenRejectedSynsOverIpv4GetSixAnswers() {
        assertEquals(List.of(6L, 4L), counts(burst(FwNet.SERVER)));
    }

    @Test
    void tenRejectedSynsOverIpv6GetSixAnswers() {
        n.dualStack();
        assertEquals(List.of(6L, 4L), counts(burst(n.net.ipv6().parse("2001:db8:f::10"))));
    }
}
