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
 * @param lvs what only LVS has: per-state TCP timeouts, the ip_vs_ftp helper, persistence
 */
public record BalancerConfig(int virtualAddress, List<int[]> frontPorts, int portOffset, List<Integer> backends,
        Algorithm algorithm, long idleTimeoutNanos, OnIdle onIdle, boolean idleNeedsData, NoBackend noBackend,
        Lvs lvs) {
    /**
     * LVS's own behaviour.
     *
     * @param tcpStates each connection times out by its TCP state as IPVS tracks it (ip_vs_proto_tcp.c
     *     tcp_timeouts[]), {@code idleTimeoutNanos} being the ESTABLISHED one; false: one idle timeout
     * @param ftpPorts the control ports the IPVS FTP helper watches (ip_vs_ftp's {@code ports=}, 21
     *     when loaded); empty: not loaded
     * @param persistenceNanos {@code ipvsadm -p}: a client address's connections follow its first
     *     one's backend until this long after the last new one; 0 = not persistent
     * @param weights each backend's weight ({@code ipvsadm -a ... -w}), in the backends' order;
     *     empty: every one 1, ipvsadm's default
     */
    public record Lvs(boolean tcpStates, List<Integer> ftpPorts, long persistenceNanos, List<Integer> weights) {
        /** Another product: none of it. */
        public static final Lvs NONE = new Lvs(false, List.of(), 0);
        /** {@code ipvsadm -A -t VIP:PORT} as it comes: state timeouts, no helper, not persistent. */
        public static final Lvs DEFAULT = new Lvs(true, List.of(), 0);

        public Lvs {
            ftpPorts = List.copyOf(ftpPorts);
            weights = List.copyOf(weights);
            if (persistenceNanos < 0) {
                throw new IllegalArgumentException("persistence must be >= 0");
            }
            for (final int w : weights) {
                if (w < 0) {
                    throw new IllegalArgumentException("a weight must be >= 0");
                }
            }
        }

        /** Every weight 1. */
        public Lvs(final boolean tcpStates, final List<Integer> ftpPorts, final long persistenceNanos) {
            this(tcpStates, ftpPorts, persistenceNanos, List.of());
        }
    }

    /** Without LVS's own behaviour. */
    public BalancerConfig(final int virtualAddress, final List<int[]> frontPorts, final int portOffset,
            final List<Integer> backends, final Algorithm algorithm, final long idleTimeoutNanos, final OnIdle onIdle,
            final boolean idleNeedsData, final NoBackend noBackend) {
        this(virtualAddress, frontPorts, portOffset, backends, algorithm, idleTimeoutNanos, onIdle, idleNeedsData,
                noBackend, Lvs.NONE);
    }

    public BalancerConfig {
        frontPorts = List.copyOf(frontPorts);
        backends = List.copyOf(backends);
        java.util.Objects.requireNonNull(noBackend, "noBackend");
        java.util.Objects.requireNonNull(lvs, "lvs");
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
                p.onIdle(), p.idleNeedsData(), p.noBackend(), p == Profile.LVS ? Lvs.DEFAULT : Lvs.NONE);
    }

    public BalancerConfig withAlgorithm(final Algorithm a) {
        return new BalancerConfig(virtualAddress, frontPorts, portOffset, backends, a, idleTimeoutNanos, onIdle,
                idleNeedsData, noBackend, lvs);
    }

    public BalancerConfig withIdle(final long timeoutNanos, final OnIdle mode) {
        return new BalancerConfig(virtualAddress, frontPorts, portOffset, backends, algorithm, timeoutNanos, mode,
                idleNeedsData, noBackend, lvs);
    }

    public BalancerConfig withPortOffset(final int offset) {
        return new BalancerConfig(virtualAddress, frontPorts, offset, backends, algorithm, idleTimeoutNanos, onIdle,
                idleNeedsData, noBackend, lvs);
    }

    public BalancerConfig withLvs(final Lvs l) {
        return new BalancerConfig(virtualAddress, frontPorts, portOffset, backends, algorithm, idleTimeoutNanos, onIdle,
                idleNeedsData, noBackend, l);
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
