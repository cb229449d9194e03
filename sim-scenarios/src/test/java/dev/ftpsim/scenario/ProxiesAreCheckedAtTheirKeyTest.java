package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A router's {@code proxies} (userland proxies like docker-proxy) are checked where they are written. */
class ProxiesAreCheckedAtTheirKeyTest {
    private static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, proxies: [%s] }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            """;

    @Test
    void aPortAndARangeLoad() throws ScenarioException {
        final Scenario s = Fixture.load(NET.formatted("{listen: 21, to: 203.0.113.10:21},"
                + " {listen: 30000-30009, to: '203.0.113.10:40000'}"));
        assertEquals(List.of(new RouterSpec.Proxy(21, 21, 0xCB00710A, 21), new RouterSpec.Proxy(30000, 30009,
                0xCB00710A, 40000)), s.routers().get("fw").proxies());
    }

    @Test
    void badPortsBackendsAndClashesAreErrors() {
        assertEquals(List.of("t.yaml:5:87: routers.fw.proxies[0].listen: bad port '21x': expected a port or a port"
                + " range like 30000-30009"), errors(NET.formatted("{listen: 21x, to: 203.0.113.10:21}")));
        assertEquals(List.of("t.yaml:5:95: routers.fw.proxies[0].to: bad backend '203.0.113.10': expected an address"
                + " and port like 172.17.0.2:21"), errors(NET.formatted("{listen: 21, to: 203.0.113.10}")));
        assertEquals(List.of("t.yaml:5:122: routers.fw.proxies[1].listen: a port of 20-22 already has a proxy on this"
                + " router"), errors(NET.formatted("{listen: 21, to: 203.0.113.10:21}, {listen: 20-22, to:"
                + " 203.0.113.10:20}")));
    }
}
