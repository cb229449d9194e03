package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad IPv6 addresses, gateways, routes and dialled servers name file, line, column and key. */
class Ipv6KeysErrorsTest {
    private static String net(final String client, final String lan, final String routes, final String dial) {
        return """
                hosts:
                  client: { address: 198.51.100.10/24%s }
                  server: { address: 203.0.113.10/24, address6: 2001:db8:2::10/64 }
                routers:
                  fw:
                    interfaces: { lan: %s, wan: [203.0.113.1/24, 2001:db8:2::1/64] }
                    routes: [%s]
                links:
                  - { ends: [client, fw.lan] }
                  - { ends: [fw.wan, server] }
                ftp:
                  server: { host: server }
                  clients:
                    - { host: client, server: %s }
                """.formatted(client, lan, routes, dial);
    }

    private static final String LAN = "[198.51.100.1/24, 2001:db8:1::1/64]";
    private static final String ROUTE = "'2001:db8:9::/48 via 2001:db8:2::2'";

    @Test
    void aGoodDualStackScenarioLoadsWithItsGatewayInferred() throws Exception {
        final Scenario s = Fixture.load(net(", address6: 2001:db8:1::10/64", LAN, ROUTE, "2001:db8:2::10"));
        assertEquals("2001:db8:1::1", ((HostSpec.Single) s.hosts().get("client")).gateway6());
        assertEquals("2001:db8:2::10", s.ftp().clients().get(0).serverAddress6());
        assertEquals(List.of(new RouterSpec.Route6("2001:db8:9::/48", "2001:db8:2::2")), s.routers().get("fw").routes6());
    }

    @Test
    void aBadIpv6AddressOrPrefixIsReportedAtItsKey() {
        assertEquals(List.of("t.yaml:2:50: hosts.client.address6: '2001:db8:1::10' has no prefix length: expected an"
                + " IPv6 address with prefix length, like 2001:db8:1::10/64"),
                errors(net(", address6: 2001:db8:1::10", LAN, ROUTE, "2001:db8:2::10")));
        assertEquals(List.of("t.yaml:6:42: routers.fw.interfaces.lan: bad IPv6 address '2001:db8:1::g':"
                + " 'g' is not a group of 1-4 hex digits; expected an IPv6 address with prefix length, like"
                + " 2001:db8:1::10/64"),
                errors(net(", address6: 2001:db8:1::10/64", "[198.51.100.1/24, 2001:db8:1::g/64]", ROUTE, "server")));
    }

    @Test
    void aGatewayOffThePrefixAndARouteOffEveryPrefixAreRefused() {
        assertEquals(List.of("t.yaml:2:79: hosts.client.gateway6: gateway 2001:db8:5::1 is not on the host's IPv6"
                + " prefix 2001:db8:1::/64"),
                errors(net(", address6: 2001:db8:1::10/64, gateway6: 2001:db8:5::1", LAN, ROUTE, "server")));
        assertEquals(List.of("t.yaml:7:14: routers.fw.routes[0]: next hop 2001:db8:7::2 is not on an IPv6 prefix of"
                + " this router's interfaces"),
                errors(net(", address6: 2001:db8:1::10/64", LAN, "'default via 2001:db8:7::2'", "server")));
    }

    @Test
    void aLinkBetweenTwoIpv6PrefixesIsRefused() {
        assertEquals(List.of("t.yaml:9:13: links[0].ends: client (2001:db8:5::/64) and fw.lan (2001:db8:1::/64) are not"
                + " on the same IPv6 prefix"),
                errors(net(", address6: 2001:db8:5::10/64", LAN, ROUTE, "server")));
    }

    @Test
    void dialingIpv6FromAHostWithoutAnIpv6AddressIsRefused() {
        assertEquals(List.of("t.yaml:14:31: ftp.clients[0].server: host 'client' has no IPv6 address to dial"
                + " 2001:db8:2::10 from: give it 'address6'"),
                errors(net("", LAN, ROUTE, "2001:db8:2::10")));
    }
}
