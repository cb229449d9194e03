package dev.ftpsim.core.rules;

/** Netfilter hooks a base chain or flowtable attaches to. */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, INGRESS, EGRESS;

    /** nft's spelling. */
    public String nft() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The hook nft spells {@code name}, or null. */
    public static Hook of(final String name) {
        for (final Hook h : values()) {
            if (h.nft().equals(name)) {
                return h;
            }
        }
        return null;
    }
}
