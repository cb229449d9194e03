package dev.ftpsim.core.balancer;

/** What the balancer does when a connection's idle timeout passes. */
public enum OnIdle {
    /**
     * Forgets the flow silently; a later non-SYN packet of it is dropped. Azure Load Balancer's
     * default ("Load Balancer's default behavior is to silently drop flows when the idle timeout
     * of a flow is reached", learn.microsoft.com load-balancer-tcp-reset).
     */
    DROP,
    /**
     * Sends a reset to both ends at the moment of expiry, then forgets the flow: Azure's "TCP reset
     * on idle" ("bidirectional TCP Resets ... to both client and server endpoints at the time of
     * idle timeout"), and a TCP proxy closing both of its connections.
     */
    RESET,
    /**
     * A TCP proxy's timeout: a FIN to the client, a reset to the backend, then the flow is
     * forgotten and a later segment of it, other than a bare acknowledgment, is answered with a
     * reset. HAProxy 2.6.12 in {@code mode tcp} did exactly this at {@code timeout client} and
     * {@code timeout server} of 5 s each (captured: [F.] to the client; [F.] then [R.] to the
     * server; the client's data after the FIN answered [R]).
     */
    CLOSE,
    /**
     * Forgets the flow silently, and answers a later packet of it with a reset to its sender: AWS
     * NLB ("If a client or a target sends data after the idle timeout period elapses, it receives
     * a TCP RST packet", docs.aws.amazon.com elasticloadbalancing network-load-balancers.html), and
     * LVS (the director's own TCP answers a segment IPVS no longer tracks).
     */
    RESET_ON_NEXT
}
