package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Prefix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entry of {@code routers}: a node that forwards between its named interfaces.
 *
 * @param name key under {@code routers}
 * @param interfaces interface name to address, in file order
 * @param routes static routes besides the connected subnets, in file order
 * @param proxies userland TCP proxies running on the router (like docker-proxy), in file order
 * @param interfaces6 interface name to IPv6 address and prefix ({@code 2001:db8:1::1/64}), for the
 *                    interfaces that have one
 * @param routes6 static IPv6 routes, in file order
 * @param routeLocalnet the interfaces with net.ipv4.conf.IF.route_localnet = 1, in file order
 */
public record RouterSpec(String name, Map<String, Cidr> interfaces, List<Route> routes, List<Proxy> proxies,
        Map<String, String> interfaces6, List<Route6> routes6, List<String> routeLocalnet) {
    public RouterSpec {
        routeLocalnet = List.copyOf(routeLocalnet);
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        routes = List.copyOf(routes);
        proxies = List.copyOf(proxies);
        interfaces6 = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces6));
        routes6 = List.copyOf(routes6);
    }

    /** An IPv4-only router. */
    public RouterSpec(final String name, final Map<String, Cidr> interfaces, final List<Route> routes) {
        this(name, interfaces, routes, List.of(), Map.of(), List.of(), List.of());
    }

    /**
     * A static IPv6 route, {@code 2001:db8:2::/48 via 2001:db8:1::2} or {@code default via
     * 2001:db8:1::2}.
     *
     * @param to destination prefix (::/0 for default)
     * @param via next hop, on a connected IPv6 prefix
     */
    public record Route6(String to, String via) {}

    /**
     * A userland proxy: each port from {@code firstPort} to {@code lastPort} accepts connections
     * and relays each over a connection of the router's own to {@code toAddress}, port
     * {@code toPort} plus the port's offset in the range.
     *
     * @param firstPort first port listened on
     * @param lastPort last port listened on (the first, for one port)
     * @param toAddress the backend's address
     * @param toPort the backend port of {@code firstPort}
     */
    public record Proxy(int firstPort, int lastPort, int toAddress, int toPort) {}

    /**
     * A static route written like iproute2's {@code 10.0.0.0/8 via 203.0.113.254} or {@code
     * default via 203.0.113.254}.
     *
     * @param to destination prefix (0.0.0.0/0 for default)
     * @param via next hop, on a connected subnet
     */
    public record Route(Prefix to, int via) {}
}
