package dev.ftpsim.core.kernel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Named, independent random streams derived from one master seed.
 *
 * <p>A stream's generator is seeded from a hash of (master seed, name) only, never from how many
 * other streams exist or in which order they were asked for. Adding a consumer therefore leaves
 * every other stream's numbers unchanged, which keeps runs comparable as a scenario grows. The
 * generator is xoshiro256++ from Apache Commons RNG, whose output is fixed across releases.
 */
public final class RandomStreams {
    private final long masterSeed;
    private final Map<String, RandomStream> streams = new HashMap<>();

    public RandomStreams(final long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** The stream of that name, created on first use; the same object on later calls. */
    public RandomStream stream(final String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a random stream needs a name, e.g. \"link/fw-wan/loss\"");
        }
        return streams.computeIfAbsent(name, n -> new RandomStream(n,
                RandomSource.XO_SHI_RO_256_PP.create(seedFor(masterSeed, n))));
    }

    /**
     * A generator with the numbers of the stream {@code name} (those of {@code stream(name).provider()}),
     * made fresh and not kept here: for an owner that is the stream's only user and keeps the
     * generator itself, such as each of a million group members' TCP, whose named streams would
     * otherwise stay in this map with their samplers for the whole run.
     */
    public org.apache.commons.rng.UniformRandomProvider unkept(final String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a random stream needs a name, e.g. \"link/fw-wan/loss\"");
        }
        return RandomSource.XO_SHI_RO_256_PP.create(seedFor(masterSeed, name));
    }

    /**
     * Four 64-bit words from SplitMix64 started at a 64-bit hash of the name mixed with the master
     * seed. Distinct names give unrelated states; xoshiro needs a not-all-zero state, which
     * SplitMix64's output guarantees in practice and Commons RNG checks.
     */
    static long[] seedFor(final long masterSeed, final String name) {
        long h = SplitMix64.mix(masterSeed ^ 0x243F6A8885A308D3L);
        for (final byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = SplitMix64.mix(h ^ (b & 0xFFL) ^ SplitMix64.GOLDEN_GAMMA);
        }
        final long[] seed = new long[4];
        long x = h;
        for (int i = 0; i < 4; i++) {
            x += SplitMix64.GOLDEN_GAMMA;
            seed[i] = SplitMix64.mix(x);
        }
        return seed;
    }
}
