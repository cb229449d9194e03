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
 */
public record BalancerSpec(String router, String profile, BalancerConfig config, List<Integer> down,
        long connectTimeoutNanos) {
    public BalancerSpec {
        down = List.copyOf(down);
    }
}
