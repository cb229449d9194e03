package dev.ftpsim.core.rules;

/**
 * Table families; ip, ip6 and inet tables run on hosts and routers, bridge tables on switches, arp and
 * netdev tables are parsed and kept but never run.
 */
public enum Family {
    IP, IP6, INET, ARP, BRIDGE, NETDEV;

    /** nft's spelling. */
    public String nft() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The family nft spells {@code name}, or null. */
    public static Family of(final String name) {
        for (final Family f : values()) {
            if (f.nft().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
