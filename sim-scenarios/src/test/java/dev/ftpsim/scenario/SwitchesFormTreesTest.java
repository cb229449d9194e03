package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Switches: links name them as ends, loops are refused at the link that closes them, and misuse is located. */
class SwitchesFormTreesTest {
    private static final String NET = """
            hosts:
              a: { address: 10.0.0.10/24, gateway: 10.0.0.1 }
              b: { address: 10.0.0.11/24, gateway: 10.0.0.1 }
            switches:
              sw1: {}
              sw2: {}
            routers:
              gw: { interfaces: { lan: 10.0.0.1/24 } }
            links:
              - { ends: [a, sw1] }
              - { ends: [b, sw2] }
              - { ends: [sw1, gw.lan] }
              - { ends: [sw1, sw2] }
            """;

    @Test
    void hostsAndARouterShareASegmentOfTwoSwitches() throws Exception {
        final Scenario s = Fixture.load(NET);
        assertEquals(List.of("sw1", "sw2"), s.switches());
        assertEquals(4, s.links().size());
    }

    @Test
    void aSecondPathBetweenTwoSwitchesIsALoop() {
        assertEquals(List.of("t.yaml:14:13: links[4].ends: this link closes a loop: switches 'sw2' and 'sw1' are"
                + " already connected; switches here run no spanning tree, so the switches and their links must form"
                + " a tree"), Fixture.errors(NET + "  - { ends: [sw2, sw1] }\n"));
    }

    @Test
    void aLinkFromASwitchToItselfIsALoop() {
        assertEquals(List.of("t.yaml:14:13: links[4].ends: this link closes a loop: both ends are switch 'sw1';"
                + " switches here run no spanning tree, so the switches and their links must form a tree"),
                Fixture.errors(NET + "  - { ends: [sw1, sw1] }\n"));
    }

    @Test
    void aSwitchHasNoNamedPorts() {
        assertEquals(List.of(
                "t.yaml:14:14: links[4].ends[0]: switch 'sw2' has no named ports: each link that names it makes one;"
                        + " write sw2"),
                Fixture.errors(NET + "  - { ends: [sw2.p0, sw1] }\nrecord: { pcap: [sw1] }\n"));
    }

    private static final String BRIDGE = """
            hosts:
              a: { address: 10.0.0.10/24, gateway: 10.0.0.1 }
            switches:
              sw: %s
            routers:
              gw: { interfaces: { lan: 10.0.0.1/24, wan: 10.1.0.1/24 } }
            links:
              - { ends: [a, sw] }
              - { ends: [sw, gw.lan] }
            """;

    @Test
    void aSwitchIsARoutersBridgeDeviceWithBrNetfilterOffByDefault() throws Exception {
        assertEquals(Map.of("sw", new Scenario.Bridge("gw", "lan", false)),
                Fixture.load(BRIDGE.formatted("{ bridge: gw.lan }")).bridges());
        assertEquals(Map.of("sw", new Scenario.Bridge("gw", "lan", true)),
                Fixture.load(BRIDGE.formatted("{ bridge: gw.lan, br-netfilter: true }")).bridges());
        assertEquals(Map.of(), Fixture.load(BRIDGE.formatted("{}")).bridges());
    }

    @Test
    void hairpinModeIsOffByDefaultOnAnySwitch() throws Exception {
        assertEquals(List.of(), Fixture.load(BRIDGE.formatted("{ bridge: gw.lan }")).hairpin());
        assertEquals(List.of("sw"), Fixture.load(BRIDGE.formatted("{ hairpin: true }")).hairpin());
        assertEquals(List.of("t.yaml:4:18: switches.sw.hairpin: expected true or false, got the string 'on'"),
                Fixture.errors(BRIDGE.formatted("{ hairpin: 'on' }")));
    }

    @Test
    void brNetfilterWithoutABridgeIsAnErrorAtItsKey() {
        assertEquals(List.of("t.yaml:4:23: switches.sw.br-netfilter: br-netfilter needs 'bridge': a standalone switch"
                + " has no IP stack whose hooks bridged frames could run; name the router's interface that is this"
                + " bridge, like bridge: docker-host.docker0"), Fixture.errors(BRIDGE.formatted("{ br-netfilter: true }")));
    }

    @Test
    void theBridgeMustBeARoutersInterfaceLinkedToTheSwitch() {
        assertEquals(List.of("t.yaml:4:17: switches.sw.bridge: gw.wan is not linked to switch sw: the bridge device is"
                + " the router's port on it; add the link {ends: [sw, gw.wan]}"),
                Fixture.errors(BRIDGE.formatted("{ bridge: gw.wan }")));
        assertEquals(List.of("t.yaml:4:17: switches.sw.bridge: no interface 'eth0' on router gw; it has lan, wan"),
                Fixture.errors(BRIDGE.formatted("{ bridge: gw.eth0 }")));
        assertEquals(List.of("t.yaml:4:17: switches.sw.bridge: 'a.eth0' is not a router's interface: expected a"
                + " router's interface linked to this switch, like docker-host.docker0; routers: gw"),
                Fixture.errors(BRIDGE.formatted("{ bridge: a.eth0 }")));
        assertEquals(List.of("t.yaml:4:39: switches.sw.br-netfilter: expected true or false, got the string '1'"),
                Fixture.errors(BRIDGE.formatted("{ bridge: gw.lan, br-netfilter: '1' }")));
    }
}
