package dev.ftpsim.core.firewall;

import java.util.Locale;

/** Netfilter hooks, in the order a forwarded packet meets them. */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING;

    /** The nftables spelling: {@code prerouting}, {@code input}, ... */
    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Hook fromNft(final String name) {
        for (final Hook h : values()) {
            if (h.nftName().equals(name)) {
                return h;
            }
        }
        return null;
    }
}
