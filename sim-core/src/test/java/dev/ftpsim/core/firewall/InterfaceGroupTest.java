package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.tcp.FailReason;
import org.junit.jupiter.api.Test;

/**
 * A rule on an interface name matches the interfaces of that group, whatever they are called: the
 * group is said, not read from the name (a host group's members get "lan#17" and the like).
 */
class InterfaceGroupTest {
    private static FwNet.Ear connectThrough(final String group) {
        final FwNet n = new FwNet(1, 1);
        final NetInterface lan0 = n.fw.interfaces().stream().filter(i -> i.name().equals("lan0")).findFirst()
                .orElseThrow();
        if (group != null) {
            lan0.setGroup(group);
        }
        n.stateful("ct state established,related accept", "iif lan tcp dport 80 accept");
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 80, ear);
        n.sim.runUntil(200 * NS_PER_S);
        return ear;
    }

    @Test
    void aRuleOnTheGroupNameLetsAMemberInterfaceThrough() {
        final FwNet.Ear ear = connectThrough("lan");
        assertTrue(ear.connectedAt > 0);
        assertNull(ear.failure);
    }

    @Test
    void withoutTheGroupTheSameInterfaceIsNotMatchedByThatName() {
        assertEquals(FailReason.TIMED_OUT, connectThrough(null).failure);
    }

    @Test
    void anInterfaceWithoutAGroupIsItsOwnGroup() {
        final FwNet n = new FwNet(1, 1);
        assertEquals("wan", n.fw.interfaces().get(0).group());
    }
}
