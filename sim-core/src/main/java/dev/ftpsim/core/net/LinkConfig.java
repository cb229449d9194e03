package dev.ftpsim.core.net;

/**
 * Parameters of a point-to-point link, the same in both directions.
 *
 * @param bandwidthBps bits per second
 * @param delayNanos   one-way propagation delay
 * @param queueBytes   drop-tail limit of each output queue in bytes (0 = no byte limit)
 * @param queuePackets drop-tail limit in packets (0 = no packet limit)
 * @param mtu          largest IP datagram, bytes (1500 for Ethernet)
 */
public record LinkConfig(long bandwidthBps, long delayNanos, long queueBytes, int queuePackets, int mtu) {
    public LinkConfig {
        if (bandwidthBps <= 0) {
            throw new IllegalArgumentException("link bandwidth must be > 0");
        }
        if (delayNanos < 0 || queueBytes < 0 || queuePackets < 0) {
            throw new IllegalArgumentException("link delay and queue limits must be >= 0");
        }
        if (mtu < 68) {
            throw new IllegalArgumentException("MTU " + mtu + " below IPv4's minimum 68 (RFC 791)");
        }
    }

    /** Ethernet MTU, queue limited to {@code queuePackets} packets. */
    public static LinkConfig of(final long bandwidthBps, final long delayNanos, final int queuePackets) {
        return new LinkConfig(bandwidthBps, delayNanos, 0, queuePackets, 1500);
    }

    public LinkConfig withQueueBytes(final long bytes) {
        return new LinkConfig(bandwidthBps, delayNanos, bytes, queuePackets, mtu);
    }

    public LinkConfig withMtu(final int m) {
        return new LinkConfig(bandwidthBps, delayNanos, queueBytes, queuePackets, m);
    }

    /** Time to put {@code bytes} on the wire, rounded up to whole nanoseconds. */
    public long serializationNanos(final int bytes) {
        return (bytes * 8L * 1_000_000_000L + bandwidthBps - 1) / bandwidthBps;
    }
}
