package dev.ftpsim.core.net;

import dev.ftpsim.core.kernel.RandomStream;

/** Decides, per packet put on a wire, whether the wire loses it. */
public interface LossModel {
    /** True if this packet is lost. Called once per packet, in transmission order. */
    boolean lose(Packet p);

    /** No loss. */
    LossModel NONE = p -> false;

    /** Independent losses with probability {@code p}. */
    static LossModel bernoulli(final RandomStream stream, final double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("loss probability " + p + " not in [0, 1]");
        }
        return pkt -> stream.bernoulli(p);
    }

    /**
     * Gilbert-Elliott two-state burst loss. Each packet first moves the chain (good to bad with
     * probability {@code p}, bad to good with {@code r}), then is lost with the state's loss
     * probability. Mean burst length in the bad state is 1/r packets; the stationary loss rate is
     * {@code (r * lossGood + p * lossBad) / (p + r)}.
     */
    static LossModel gilbertElliott(final RandomStream stream, final double p, final double r,
            final double lossGood, final double lossBad) {
        return new GilbertElliott(stream, p, r, lossGood, lossBad);
    }

    /** State of one Gilbert-Elliott chain. */
    final class GilbertElliott implements LossModel {
        private final RandomStream stream;
        private final double p;
        private final double r;
        private final double lossGood;
        private final double lossBad;
        private boolean bad;

        GilbertElliott(final RandomStream stream, final double p, final double r, final double lossGood,
                final double lossBad) {
            for (final double x : new double[] {p, r, lossGood, lossBad}) {
                if (!(x >= 0 && x <= 1)) {
                    throw new IllegalArgumentException("Gilbert-Elliott probabilities must be in [0, 1], got " + x);
                }
            }
            this.stream = stream;
            this.p = p;
            this.r = r;
            this.lossGood = lossGood;
            this.lossBad = lossBad;
        }

        @Override
        public boolean lose(final Packet pkt) {
            bad = bad ? !stream.bernoulli(r) : stream.bernoulli(p);
            return stream.bernoulli(bad ? lossBad : lossGood);
        }

        /** Long-run fraction of packets lost. */
        public double stationaryLoss() {
            return p + r == 0 ? lossGood : (r * lossGood + p * lossBad) / (p + r);
        }
    }
}
