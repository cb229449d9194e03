package dev.ftpsim.core.balancer;

import java.util.List;

/**
 * What a balancer serves and how.
 *
 * @param virtualAddress the address clients dial
 * @param frontPorts inclusive port ranges served on it, each {@code {low, high}}
 * @param portOffset added to the front port to give the backend port (0: the same port)
 * @param backends the backends' addresses, in order
 * @param algorithm how a new connection picks its backend
 * @param idleTimeoutNanos a flow idle this long is forgotten; 0 = never
 * @param onIdle what expiry does
 * @param idleNeedsData true if only segments with payload refresh the idle timer
 * @param noBackend what a new connection meets when every backend is down
 */
public record BalancerConfig(int virtualAddress, List<int[]> frontPorts, int portOffset, List<Integer> backends,
        Algorithm algorithm, long idleTimeoutNanos, OnIdle onIdle, boolean idleNeedsData, NoBackend noBackend) {
    public BalancerConfig {
        frontPorts = List.copyOf(frontPorts);
        backends = List.copyOf(backends);
        java.util.Objects.requireNonNull(noBackend, "noBackend");
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a balancer needs at least one backend");
        }
        if (idleTimeoutNanos < 0) {
            throw new IllegalArgumentException("idle timeout must be >= 0");
        }
        for (final int[] r : frontPorts) {
            if (r[0] < 1 || r[1] > 65535 || r[0] > r[1] || r[0] + portOffset < 1 || r[1] + portOffset > 65535) {
                throw new IllegalArgumentException("front ports " + r[0] + "-" + r[1] + " with offset " + portOffset
                        + " leave 1..65535");
            }
        }
    }

    /** With every backend down a new connection's SYN is dropped. */
    public BalancerConfig(final int virtualAddress, final List<int[]> frontPorts, final int portOffset,
            final List<Integer> backends, final Algorithm algorithm, final long idleTimeoutNanos, final OnIdle onIdle,
            final boolean idleNeedsData) {
        this(virtualAddress, frontPorts, portOffset, backends, algorithm, idleTimeoutNanos, onIdle, idleNeedsData,
                NoBackend.DROP);
    }

    /** A profile's algorithm, timeout and idle behaviour for these ports and backends. */
    public static BalancerConfig of(final Profile p, final int virtualAddress, final List<int[]> frontPorts,
            final List<Integer> backends) {
        return new BalancerConfig(virtualAddress, frontPorts, 0, backends, p.algorithm(), p.idleTimeoutNanos(),
                p.onIdle(), p.idleNeedsData(), p.noBackend());
    }

    public BalancerConfig withAlgorithm(final Algorithm a) {
        return new BalancerConfig(virtualAddress, frontPorts, portOffset, backends, a, idleTimeoutNanos, onIdle,
                idleNeedsData, noBackend);
    }

    public BalancerConfig withIdle(final long timeoutNanos, final OnIdle mode) {
        return new BalancerConfig(virtualAddress, frontPorts, portOffset, backends, algorithm, timeoutNanos, mode,
                idleNeedsData, noBackend);
    }

    public BalancerConfig withPortOffset(final int offset) {
        return new BalancerConfig(virtualAddress, frontPorts, offset, backends, algorithm, idleTimeoutNanos, onIdle,
                idleNeedsData, noBackend);
    }

    /** Whether {@code port} is one of the front ports. */
    public boolean serves(final int port) {
        for (final int[] r : frontPorts) {
            if (port >= r[0] && port <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
