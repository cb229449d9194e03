package dev.ftpsim.core.net;

/**
 * A static route.
 *
 * @param prefix  destinations it covers
 * @param gateway next hop address, 0 for directly connected networks
 * @param iface   output interface
 */
public record Route(Prefix prefix, int gateway, NetInterface iface) {
    @Override
    public String toString() {
        return prefix + (gateway != 0 ? " via " + Ipv4.format(gateway) : "") + " dev " + iface.name();
    }
}
