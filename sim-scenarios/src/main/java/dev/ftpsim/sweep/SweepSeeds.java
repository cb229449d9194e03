package dev.ftpsim.sweep;

/**
 * Seeds for each (point, replication), derived only from the master seed and the two indexes.
 *
 * <p>Derivation: with {@code step(x) = mix64(x + 0x9E3779B97F4A7C15)} (one SplitMix64 step from
 * state {@code x}, Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014),
 * <pre>
 *   seed = step(step(step(master) ^ pointIndex) ^ replication)
 * </pre>
 * Each step is a bijection of the 64-bit state, so two (point, replication) pairs of one master
 * seed only collide by chance (probability about 2^-64 per pair), and neighbouring indexes give
 * unrelated seeds. The thread count and the finishing order play no part.
 */
public final class SweepSeeds {
    private SweepSeeds() {
    }

    /** The seed of replication {@code replication} (0-based) of point {@code pointIndex} (0-based). */
    public static long seed(final long masterSeed, final int pointIndex, final int replication) {
        return step(step(step(masterSeed) ^ pointIndex) ^ replication);
    }

    /** One SplitMix64 output from state {@code x}: {@code step(0) == 0xE220A8397B1DCDAFL}. */
    static long step(final long x) {
        return dev.ftpsim.core.kernel.SplitMix64.next(x);
    }
}
