package dev.ftpsim.core.net;

/**
 * One function registered on a node's hook, like a netfilter {@code nf_hookfn}. It may rewrite the
 * packet's fields (NAT); the node re-routes if the destination changed at PREROUTING or OUTPUT. A
 * REJECT is a function that sends its answer through {@link Node#sendIcmpError} or the TCP stack,
 * then returns {@link Verdict#DROP}.
 */
@FunctionalInterface
public interface HookFunction {
    /**
     * @param in  interface the packet arrived on, null for locally generated packets
     * @param out interface chosen by routing, null before routing (PREROUTING, INPUT)
     */
    Verdict apply(Hook hook, Packet p, NetInterface in, NetInterface out);
}
