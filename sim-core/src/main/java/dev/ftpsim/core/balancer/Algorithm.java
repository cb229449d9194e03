package dev.ftpsim.core.balancer;

/** How a new connection picks its backend among the healthy ones. */
public enum Algorithm {
    /**
     * A hash of the 5-tuple (source and destination address and port, protocol): each connection
     * independently, so a client's control and data connections may land on different backends.
     * AWS NLB's and Azure Load Balancer's default ("Default" distribution mode, 5-tuple hash).
     */
    HASH,
    /** Each new connection to the next backend in turn (LVS {@code rr}, HAProxy {@code balance roundrobin}). */
    ROUND_ROBIN,
    /**
     * A hash of the source address only: every connection of a client address goes to one backend
     * (LVS {@code sh}, HAProxy {@code balance source}, Azure "SourceIP" mode, NLB stickiness by
     * source IP).
     */
    SOURCE,
    /**
     * Weighted least-connection, ipvsadm's default scheduler (ip_vs_wlc.c): the backend with the
     * least overhead, active connections * 256 + inactive ones (ip_vs_dest_conn_overhead), the
     * first of equals in the director's list, where each real server added goes first.
     */
    WLC,
    /** Least-connection (ip_vs_lc.c): as {@link #WLC} with every weight 1. */
    LC
}
