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
    /**
     * A TCP segment no connection and no listener takes: answered with a reset unless it is one
     * (Linux frees it with {@code SKB_DROP_REASON_NO_SOCKET}, tcp_v4_rcv's {@code no_tcp_socket}).
     * A router without a TCP stack of its own answers so too.
     */
    NO_SOCKET,
    /** No local transport for the packet's protocol (answered with ICMP protocol unreachable). */
    NO_PROTOCOL
}
