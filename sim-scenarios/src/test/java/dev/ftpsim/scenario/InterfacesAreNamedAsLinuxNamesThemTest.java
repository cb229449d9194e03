package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router's interfaces take any name Linux gives an interface (VLANs, bridges, PPP, predictable
 * names), with the kernel's own limits (net/core/dev.c dev_valid_name) reported at the key; every
 * node has lo already; a firewall's {@code interface-names} gives interfaces the names its rules use.
 */
class InterfacesAreNamedAsLinuxNamesThemTest {
    private static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { %s: 198.51.100.1/24, %s: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.%s] }
              - { ends: ['fw.%s', server] }
            """;

    private static String net(final String lan, final String wan) {
        return NET.formatted(lan, wan, lan, wan);
    }

    @Test
    void vlanBridgePppAndPredictableNamesLoad() throws ScenarioException {
        for (final String[] pair : List.of(new String[] {"br-lan", "pppoe-wan"}, new String[] {"eth0.2", "enp0s25"},
                new String[] {"perm_dummy", "eth1.1111"}, new String[] {"veth0", "wwan0"})) {
            final Scenario s = Fixture.load(net(pair[0], pair[1]));
            assertEquals(List.of(pair[0], pair[1]), List.copyOf(s.routers().get("fw").interfaces().keySet()));
            assertEquals("fw." + pair[1], s.links().get(1).a().toString());
        }
    }

    @Test
    void namesLinuxRefusesAreErrorsAtTheirKey() {
        assertEquals(List.of("t.yaml:5:23: routers.fw.interfaces.eth0:1: 'eth0:1' cannot name an interface: Linux"
                + " refuses '/', ':' and whitespace in one"), errors(net("'eth0:1'", "wan")).subList(0, 1));
        assertEquals(List.of("t.yaml:5:23: routers.fw.interfaces.a-name-of-16-byte: 'a-name-of-16-byte' has 17"
                + " bytes: Linux names an interface in at most 15 (IFNAMSIZ)"),
                errors(net("a-name-of-16-byte", "wan")).subList(0, 1));
        assertEquals(List.of("t.yaml:5:23: routers.fw.interfaces..: '.' cannot name an interface (Linux refuses"
                + " \".\" and \"..\")"), errors(net("'.'", "wan")).subList(0, 1));
    }

    @Test
    void loIsEveryNodesAlready() {
        assertEquals("t.yaml:5:23: routers.fw.interfaces.lo: every node has lo, its loopback interface"
                + " (127.0.0.1/8): name this one otherwise", errors(net("lo", "wan")).get(0));
        assertEquals(List.of("t.yaml:8:14: links[1].ends[0]: fw.lo is the loopback interface: it carries the"
                + " node's traffic to itself, on no link"),
                errors(net("lan", "wan").replace("'fw.wan'", "fw.lo")).subList(0, 1));
    }

    @Test
    void oneLineRulesMayNameLo() {
        assertEquals(List.of(), errors(net("lan", "wan") + "firewall:\n  fw:\n    input: {policy: drop, rules:"
                + " ['iif lo accept', 'iifname \"lo\" accept']}\n"));
    }

    @Test
    void interfaceNamesAreCheckedLikeInterfaces() {
        final String fw = net("lan", "wan") + "firewall:\n  fw:\n    interface-names: %s\n";
        assertEquals(List.of(), errors(fw.formatted("{eth0: wan, eth1: lan}")));
        assertEquals(List.of("t.yaml:11:40: firewall.fw.interface-names.eth1: unknown interface 'lam' (did you mean"
                + " 'lan'?); this node's interfaces are lan, wan"), errors(fw.formatted("{eth0: wan, eth1: lam}")));
        assertEquals(List.of("t.yaml:11:40: firewall.fw.interface-names.eth1: interface 'wan' already has a name in"
                + " the rules: eth0"), errors(fw.formatted("{eth0: wan, eth1: wan}")));
        assertEquals(List.of("t.yaml:11:23: firewall.fw.interface-names.lan: 'lan' is already the name of one of the"
                + " node's interfaces: the rules would mean two"), errors(fw.formatted("{lan: wan}")));
        assertEquals(List.of("t.yaml:11:23: firewall.fw.interface-names.eth0/1: 'eth0/1' cannot name an interface:"
                + " Linux refuses '/', ':' and whitespace in one"), errors(fw.formatted("{eth0/1: wan}")));
    }

    @Test
    void oneLineRulesThenUseTheRulesNames() {
        final String fw = net("lan", "wan") + """
                firewall:
                  fw:
                    interface-names: {eth0: wan, br-lan: lan}
                    forward: ['iifname "br-lan" oifname "eth0" accept', 'iif wan accept']
                """;
        assertEquals(List.of("t.yaml:12:62: firewall.fw.forward[1]: unknown interface 'wan'; this node's interfaces"
                + " are br-lan, eth0"), errors(fw));
    }
}
