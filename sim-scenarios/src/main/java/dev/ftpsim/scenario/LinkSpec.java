package dev.ftpsim.scenario;

import dev.ftpsim.core.net.LinkConfig;

/**
 * An entry of {@code links}: a point-to-point link between two ends. When an end is a host
 * group, every member gets its own link with these parameters to the other end (a switch port
 * per member, without contention between members).
 *
 * @param a first end
 * @param b second end
 * @param bandwidthBps bits per second (default 1Gbps)
 * @param delayNanos one-way propagation delay (default 1ms)
 * @param queuePackets drop-tail limit per direction in packets, 0 = none (default 1000, Linux's txqueuelen)
 * @param queueBytes drop-tail limit per direction in bytes, 0 = none (default none)
 * @param loss loss model, the same in both directions (default none)
 * @param mtu largest IP datagram (default 1500)
 */
public record LinkSpec(End a, End b, long bandwidthBps, long delayNanos, int queuePackets, long queueBytes,
        Loss loss, int mtu) {

    /** The link's parameters as sim-core takes them. */
    public LinkConfig config() {
        return new LinkConfig(bandwidthBps, delayNanos, queueBytes, queuePackets, mtu);
    }

    /**
     * A link end: {@code client} (a host or group, its only interface) or {@code fw.lan} (a
     * router's interface).
     *
     * @param node host, group or router name
     * @param iface interface name, or null for a host or group
     */
    public record End(String node, String iface) {
        @Override
        public String toString() {
            return iface == null ? node : node + "." + iface;
        }
    }

    /** How a link loses packets. */
    public sealed interface Loss permits Bernoulli, GilbertElliott {}

    /** Independent losses with probability {@code p}; {@code p = 0} is a lossless link. */
    public record Bernoulli(double p) implements Loss {}

    /**
     * Gilbert-Elliott burst loss (see {@code LossModel.gilbertElliott}).
     *
     * @param p good to bad transition probability per packet
     * @param r bad to good transition probability per packet
     * @param lossGood loss probability in the good state (default 0)
     * @param lossBad loss probability in the bad state (default 1)
     */
    public record GilbertElliott(double p, double r, double lossGood, double lossBad) implements Loss {}
}
