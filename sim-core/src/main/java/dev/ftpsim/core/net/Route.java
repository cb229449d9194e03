package dev.ftpsim.core.net;

/**
 * A static route, IPv4 or IPv6.
 *
 * @param prefix  IPv4 destinations it covers, null for an IPv6 route
 * @param gateway next hop address (an {@link Ipv6} id for IPv6), 0 for directly connected networks
 * @param iface   output interface
 * @param prefix6 IPv6 destinations it covers, null for an IPv4 route
 */
public record Route(Prefix prefix, int gateway, NetInterface iface, Prefix6 prefix6) {
    /** An IPv4 route. */
    public Route(final Prefix prefix, final int gateway, final NetInterface iface) {
        this(prefix, gateway, iface, null);
    }

    /** An IPv6 route. */
    public Route(final Prefix6 prefix6, final int gateway, final NetInterface iface) {
        this(null, gateway, iface, prefix6);
    }

    @Override
    public String toString() {
        if (prefix6 != null) {
            return prefix6 + (gateway != 0 ? " via " + iface.node().network().ipv6().format(gateway) : "")
                    + " dev " + iface.name();
        }
        return prefix + (gateway != 0 ? " via " + Ipv4.format(gateway) : "") + " dev " + iface.name();
    }
}
