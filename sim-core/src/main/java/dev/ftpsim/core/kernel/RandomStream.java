package dev.ftpsim.core.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** One named random stream with the variates the workloads need. Not thread-safe. */
public final class RandomStream {
    private final String name;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.Exponential exponential;
    private final ZigguratSampler.NormalizedGaussian gaussian;

    RandomStream(final String name, final UniformRandomProvider rng) {
        this.name = name;
        this.rng = rng;
        this.exponential = ZigguratSampler.Exponential.of(rng);
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    public String name() {
        return name;
    }

    /** The underlying generator, for samplers this class does not offer. */
    public UniformRandomProvider provider() {
        return rng;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return rng.nextDouble();
    }

    public long nextLong() {
        return rng.nextLong();
    }

    /** Uniform in [0, bound). */
    public int nextInt(final int bound) {
        return rng.nextInt(bound);
    }

    /** Uniform in [0, bound). */
    public long nextLong(final long bound) {
        return rng.nextLong(bound);
    }

    /** True with probability p. */
    public boolean bernoulli(final double p) {
        return p > 0 && (p >= 1 || rng.nextDouble() < p);
    }

    /** Uniform in [lo, hi). */
    public double uniform(final double lo, final double hi) {
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("uniform(" + lo + ", " + hi + "): need lo <= hi");
        }
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Exponential with the given mean. */
    public double exponential(final double mean) {
        if (!(mean > 0)) {
            throw new IllegalArgumentException("exponential mean must be > 0, got " + mean);
        }
        return mean * exponential.sample();
    }

    /** Standard normal. */
    public double gaussian() {
        return gaussian.sample();
    }

    /** Log-normal: exp(mu + sigma Z). */
    public double lognormal(final double mu, final double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("lognormal sigma must be >= 0, got " + sigma);
        }
        return Math.exp(mu + sigma * gaussian.sample());
    }

    /** Pareto (type I) with minimum {@code scale} and tail index {@code shape}, by inversion. */
    public double pareto(final double scale, final double shape) {
        if (!(scale > 0) || !(shape > 0)) {
            throw new IllegalArgumentException("pareto needs scale > 0 and shape > 0, got " + scale + ", " + shape);
        }
        // 1 - U is in (0, 1], so the result is finite and >= scale.
        return scale / Math.pow(1.0 - rng.nextDouble(), 1.0 / shape);
    }
}
