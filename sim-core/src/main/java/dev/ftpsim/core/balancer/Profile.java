package dev.ftpsim.core.balancer;

/**
 * The defaults of a real balancer, each from its documentation; a scenario may override any of
 * them (the timeouts are configurable on each product).
 */
public enum Profile {
    /**
     * AWS Network Load Balancer: "The default idle timeout value for TCP flows is 350 seconds"
     * (configurable 60-6000 s; docs.aws.amazon.com elasticloadbalancing/latest/network/
     * update-idle-timeout.html); a 5-tuple flow hash; after the timeout a late packet gets a reset;
     * TCP keepalive segments refresh the timer.
     */
    AWS_NLB("aws-nlb", 350_000_000_000L, OnIdle.RESET_ON_NEXT, Algorithm.HASH, false, NoBackend.FAIL_OPEN),
    /**
     * AWS Classic Load Balancer, TCP listener: "By default, Elastic Load Balancing maintains a
     * 60-second idle connection timeout for both front-end and back-end connections"; "TCP
     * keep-alive probes do not prevent the load balancer from terminating the connection because
     * they do not send data in the payload" (classic/config-idle-timeout.html); round robin for
     * TCP listeners. It proxies, so at the timeout it closes both connections: a reset to each end.
     */
    AWS_ELB("aws-elb", 60_000_000_000L, OnIdle.RESET, Algorithm.ROUND_ROBIN, true, NoBackend.DROP),
    /**
     * Azure Load Balancer: idle timeout "4 minutes to 100 minutes ... The default setting is 4
     * minutes" (load-balancer-tcp-idle-timeout), flows silently dropped unless "TCP reset on idle"
     * is enabled (load-balancer-tcp-reset); default distribution is a 5-tuple hash.
     */
    AZURE("azure", 240_000_000_000L, OnIdle.DROP, Algorithm.HASH, false, NoBackend.DROP),
    /**
     * LVS (ipvsadm) in NAT mode: each connection times out by the TCP state the director tracks
     * (tcp_timeouts[], net/netfilter/ipvs/ip_vs_proto_tcp.c), ESTABLISHED after 15 minutes,
     * silently; a later segment is not scheduled (only a SYN is, tcp_conn_schedule) and goes on to
     * the director's own TCP, which owns the virtual address and answers with a reset. ipvsadm's
     * default scheduler, wlc (DEF_SCHED in ipvsadm.c: {@code ipvsadm -A} without {@code -s}).
     */
    LVS("lvs", 900_000_000_000L, OnIdle.RESET_ON_NEXT, Algorithm.WLC, false, NoBackend.UNREACHABLE),
    /**
     * HAProxy in {@code mode tcp}: a proxy, not a NAT ({@link #terminates()}): it accepts the
     * client's connection and opens its own to the backend. {@code balance roundrobin} is its
     * default algorithm; it has no default {@code timeout client}/{@code timeout server} (it warns,
     * and waits forever), so the scenario gives one; at the timeout it closes both connections: a
     * FIN to the client, a FIN and a reset to the server (HAProxy 2.6.12 captured, see
     * {@link OnIdle#CLOSE}); with no server usable it accepts and closes ({@link NoBackend#CLOSE}).
     * Kernel keepalive probes never wake it, so only data keeps a connection alive.
     */
    HAPROXY("haproxy", 0L, OnIdle.CLOSE, Algorithm.ROUND_ROBIN, true, NoBackend.CLOSE);

    private final String key;
    private final long idleTimeoutNanos;
    private final OnIdle onIdle;
    private final Algorithm algorithm;
    private final boolean idleNeedsData;
    private final NoBackend noBackend;

    Profile(final String key, final long idleTimeoutNanos, final OnIdle onIdle, final Algorithm algorithm,
            final boolean idleNeedsData, final NoBackend noBackend) {
        this.key = key;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.onIdle = onIdle;
        this.algorithm = algorithm;
        this.idleNeedsData = idleNeedsData;
        this.noBackend = noBackend;
    }

    /** The name scenarios use: {@code aws-nlb}, {@code aws-elb}, {@code azure}, {@code lvs}, {@code haproxy}. */
    public String key() {
        return key;
    }

    /** Default idle timeout; 0 = none. */
    public long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    public OnIdle onIdle() {
        return onIdle;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** Whether only segments carrying data keep a flow alive (empty keepalive probes do not). */
    public boolean idleNeedsData() {
        return idleNeedsData;
    }

    /** What a new connection meets when every backend is down. */
    public NoBackend noBackend() {
        return noBackend;
    }

    /**
     * Whether the product is a proxy that terminates the client's connection and opens its own
     * to the backend (HAProxy), rather than a NAT that rewrites the client's packets.
     */
    public boolean terminates() {
        return this == HAPROXY;
    }

    /** The profile named {@code key}, or null. */
    public static Profile byKey(final String key) {
        for (final Profile p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
