package dev.ftpsim.core.net;

/**
 * The socket a locally sent packet is charged to until it leaves its host (Linux's {@code skb->sk}
 * with the destructor {@code tcp_wfree}): TCP Small Queues bound what one connection keeps in its
 * host's interface queue by this charge.
 */
public interface TxOwner {
    /**
     * The packet finished its transmission on the host's first link, went to loopback, or was
     * dropped before: it no longer counts against the socket. Called once per charged packet, with
     * the packet still intact; the owner must not keep it nor send from inside this call.
     */
    void released(Packet p);
}
