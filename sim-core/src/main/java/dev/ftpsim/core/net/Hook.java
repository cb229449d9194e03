package dev.ftpsim.core.net;

/** Netfilter's IPv4 hook points, in the order a packet meets them. */
public enum Hook {
    /** After receipt, before the routing decision (conntrack, DNAT). */
    PREROUTING,
    /** For packets addressed to this node, before the local stack. */
    INPUT,
    /** For packets routed through this node. */
    FORWARD,
    /** For locally generated packets, after their route is chosen. */
    OUTPUT,
    /** Just before the output queue (SNAT/MASQUERADE, conntrack confirm). */
    POSTROUTING
}
