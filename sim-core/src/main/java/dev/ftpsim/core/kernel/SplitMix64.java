package dev.ftpsim.core.kernel;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014; Vigna's splitmix64.c): the one copy of its constants in ftpsim, for seeding random streams
 * and sweeps and for hashing NAT port choices.
 */
public final class SplitMix64 {
    /** The increment of the generator's state, 2^64 divided by the golden ratio. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The output function: a bijection of 64 bits that spreads every input bit over the result. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One output from state {@code x}, as splitmix64.c's {@code next()}: {@code next(0) == 0xE220A8397B1DCDAFL}. */
    public static long next(final long x) {
        return mix(x + GOLDEN_GAMMA);
    }
}
