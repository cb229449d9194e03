package dev.ftpsim.core.balancer;

/** What a new connection meets when every backend is down. */
public enum NoBackend {
    /** Its SYN is dropped; the client retries until its connect times out (Azure, and the default). */
    DROP,
    /**
     * Every backend takes new connections again, as if healthy: AWS NLB "fails open" when all
     * targets fail their health checks (elasticloadbalancing/latest/network/target-group-health-checks.html).
     */
    FAIL_OPEN,
    /**
     * Its SYN is answered with ICMP port unreachable, which the client's TCP takes as a refusal: LVS
     * (ip_vs_leave, net/netfilter/ipvs/ip_vs_core.c: "ICMP_PORT_UNREACH is sent here no matter it
     * is TCP/UDP").
     */
    UNREACHABLE,
    /**
     * The connection is accepted and closed at once with a FIN: a proxy that has no server to
     * relay to (HAProxy 2.6.12, {@code mode tcp}, every server {@code disabled}, captured: SYN,
     * SYN-ACK, ACK, then [F.] 0.4 ms later; its log "ftps/&lt;NOSRV&gt; -1/-1/0 0 SC"; curl:
     * "(56) response reading failed").
     */
    CLOSE
}
