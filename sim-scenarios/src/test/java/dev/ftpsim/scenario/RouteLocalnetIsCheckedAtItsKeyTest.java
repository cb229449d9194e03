package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A router's {@code route-localnet} names interfaces of that router, each once. */
class RouteLocalnetIsCheckedAtItsKeyTest {
    private static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              box: { address: 172.17.0.2/16 }
            routers:
              host: { interfaces: { eth0: 198.51.100.1/24, docker0: 172.17.0.1/16 }, route-localnet: [%s] }
            links:
              - { ends: [client, host.eth0] }
              - { ends: [host.docker0, box] }
            """;

    @Test
    void anInterfaceOfTheRouterLoads() throws ScenarioException {
        assertEquals(List.of("docker0"), Fixture.load(NET.formatted("docker0")).routers().get("host").routeLocalnet());
    }

    @Test
    void anUnknownOrRepeatedInterfaceIsAnErrorAtItsItem() {
        assertEquals(List.of("t.yaml:5:91: routers.host.route-localnet[0]: no interface 'docker1' on this router;"
                + " it has eth0, docker0"), errors(NET.formatted("docker1")));
        assertEquals(List.of("t.yaml:5:100: routers.host.route-localnet[1]: 'docker0' is listed twice"),
                errors(NET.formatted("docker0, docker0")));
    }
}
