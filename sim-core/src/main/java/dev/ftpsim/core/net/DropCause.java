package dev.ftpsim.core.net;

/** Why a packet died; counted per interface (or per node for locally generated packets). */
public enum DropCause {
    /** Drop-tail: the output queue had no room. */
    QUEUE_FULL,
    /** The link's loss model dropped it on the wire. */
    LOSS,
    /** No route to the destination. */
    NO_ROUTE,
    /** TTL reached zero while forwarding. */
    TTL_EXPIRED,
    /** A netfilter hook answered DROP. */
    FILTERED,
    /** Larger than the output MTU; DF is set and we do not fragment. */
    MTU,
    /** A host (forwarding off) received a packet for an address it does not own. */
    NOT_LOCAL,
    /** No local transport for the packet's protocol (a node without a TCP stack answers RST). */
    NO_PROTOCOL
}
