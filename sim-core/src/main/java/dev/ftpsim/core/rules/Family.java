package dev.ftpsim.core.rules;

/** Table families; ip6, arp, bridge and netdev tables are parsed and kept, IPv4 packets never meet them. */
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
