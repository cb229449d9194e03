package dev.ftpsim.scenario;

import dev.ftpsim.core.balancer.BalancerConfig;
import java.util.List;

/**
 * An entry of {@code balancers}: the L4 load balancer running on one router.
 *
 * @param router the router it runs on
 * @param profile the product whose defaults it takes ({@code aws-nlb}, {@code aws-elb}, {@code azure},
 *     {@code lvs}, {@code haproxy})
 * @param config the virtual address, ports, backends, algorithm and idle behaviour, with the
 *     profile's defaults where the scenario wrote nothing
 * @param down indexes of the backends marked down (they get no new connections)
 * @param connectTimeoutNanos for a proxy, how long a connect to a backend may take before it is
 *     given up and tried again (HAProxy's {@code timeout connect}); 0 = unset, the router's TCP decides
 * @param haproxy what only the {@code haproxy} profile has: retries, redispatch, maxconn and its
 *     queue, health checks ({@link Haproxy#NONE} for the others)
 */
public record BalancerSpec(String router, String profile, BalancerConfig config, List<Integer> down,
        long connectTimeoutNanos, Haproxy haproxy) {
    public BalancerSpec {
        down = List.copyOf(down);
        java.util.Objects.requireNonNull(haproxy, "haproxy");
    }

    public BalancerSpec(final String router, final String profile, final BalancerConfig config, final List<Integer> down,
            final long connectTimeoutNanos) {
        this(router, profile, config, down, connectTimeoutNanos, Haproxy.NONE);
    }

    /**
     * HAProxy's backend settings (configuration.txt of 2.6).
     *
     * @param retries {@code retries}: connects tried again after a failure (3 by default)
     * @param redispatch {@code option redispatch}: a retry may go to another server
     * @param queueTimeoutNanos {@code timeout queue}: how long a connection waits for a server
     *     below its {@code maxconn}; 0 = forever
     * @param maxconn per backend, its {@code maxconn} (0 = no limit), in the backends' order
     * @param check the health checks ({@code check}), or null when none
     */
    public record Haproxy(int retries, boolean redispatch, long queueTimeoutNanos, List<Integer> maxconn,
            HealthCheck check) {
        /** HAProxy's defaults: 3 retries, no redispatch, no maxconn, no checks. */
        public static final Haproxy NONE = new Haproxy(3, false, 0, List.of(), null);

        public Haproxy {
            maxconn = List.copyOf(maxconn);
        }

        /** Backend {@code i}'s maxconn; 0 = no limit. */
        public int maxconn(final int i) {
            return i < maxconn.size() ? maxconn.get(i) : 0;
        }
    }

    /**
     * HAProxy's {@code check} on each server line: a TCP connect to {@code port} every {@code
     * interval}; a server starts up and is marked down after {@code fall} failed checks in a row
     * (the first failure when it has not passed one yet), up again after {@code rise} passed ones.
     *
     * @param port the port checked ({@code port}; a server line without a port has none of its own)
     * @param intervalNanos {@code inter}, 2 s by default; also the check's timeout
     * @param fastIntervalNanos {@code fastinter}, used while the state is changing; 0 = {@code inter}
     * @param downIntervalNanos {@code downinter}, used while down; 0 = {@code inter}
     * @param rise {@code rise}, 2 by default
     * @param fall {@code fall}, 3 by default
     * @param expect {@code option tcp-check} with {@code tcp-check expect string}: the text the
     *     server's first bytes must hold (an FTP server's "220"); null for the plain connect check
     */
    public record HealthCheck(int port, long intervalNanos, long fastIntervalNanos, long downIntervalNanos, int rise,
            int fall, String expect) {
        /** The plain TCP connect check. */
        public HealthCheck(final int port, final long intervalNanos, final long fastIntervalNanos,
                final long downIntervalNanos, final int rise, final int fall) {
            this(port, intervalNanos, fastIntervalNanos, downIntervalNanos, rise, fall, null);
        }
    }
}
