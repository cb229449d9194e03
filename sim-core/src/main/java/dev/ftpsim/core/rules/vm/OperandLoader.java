package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.Field;

/**
 * Loads an instruction's operands for a {@link Machine}: a packet's field through {@link Loads}, or a
 * value computed with the machine's state or its host (jhash, numgen, fib, interface type, ct helper),
 * under the operand's {@code (x & mask) ^ xor}. Keeps numgen's counters and random numbers and
 * jhash's seeds; allocates nothing per packet.
 */
final class OperandLoader {
    private static final int IIFTYPE = Field.META_IIFTYPE.ordinal();
    private static final int OIFTYPE = Field.META_OIFTYPE.ordinal();
    private static final int HELPER = Field.CT_HELPER.ordinal();
    private static final int EXPIRATION = Field.CT_EXPIRATION.ordinal();

    private final Program prog;
    private final Machine.Host host;
    private final dev.ftpsim.core.net.Ipv6Addresses ipv6;
    private final InterfaceIds ifIds;
    private final long[] numgenCounter;
    /** Per jhash: the seed, the expression's own or, when it has none, one drawn as the kernel does. */
    private final int[] jhashSeed;
    private final byte[] hashBytes = new byte[64];
    private final java.util.SplittableRandom random;

    OperandLoader(final Program prog, final Machine.Host host, final dev.ftpsim.core.net.Ipv6Addresses ipv6,
            final InterfaceIds ifIds) {
        this.prog = prog;
        this.host = host;
        this.ipv6 = ipv6;
        this.ifIds = ifIds;
        this.random = new java.util.SplittableRandom(host.randomSeed());
        numgenCounter = new long[prog.numgens.length];
        for (int i = 0; i < numgenCounter.length; i++) {
            numgenCounter[i] = prog.numgens[i][1] - 1;
        }
        jhashSeed = new int[prog.jhashes.length];
        for (int i = 0; i < jhashSeed.length; i++) {
            final long seed = prog.jhashes[i].seed();
            jhashSeed[i] = seed >= 0 ? (int) seed : random.nextInt(); // nft_jhash_init: get_random_bytes
        }
    }

    /** Operand {@code k} of {@code i} for this packet. */
    long operand(final Insn i, final int k, final Packet p, final NetInterface in, final NetInterface out,
            final int inId, final int outId) {
        final int f = i.fields[k];
        if (f >= Loads.JHASH && f < Loads.FIB) {
            return (jhash(f - Loads.JHASH, p, in, out, inId, outId) & i.mask[k]) ^ i.xor[k];
        }
        if (f >= Loads.NUMGEN && f < Loads.FIB) {
            return (numgen(f - Loads.NUMGEN) & i.mask[k]) ^ i.xor[k];
        }
        if (f >= Loads.FIB) {
            if (f >= Loads.IP6) { // a word of an IPv6 address (set keys, concatenations; IPv6 packets only)
                final int a = (f & 2) == 0 ? p.src : p.dst;
                return Loads.word6((f & 1) == 0 ? ipv6.hi(a) : ipv6.lo(a));
            }
            return (fib(f - Loads.FIB, p, in, inId) & i.mask[k]) ^ i.xor[k];
        }
        final long raw;
        if (f == IIFTYPE || f == OIFTYPE) {
            raw = ifType(f == IIFTYPE ? in : out);
        } else if (f == HELPER) {
            raw = helperId(p, f);
        } else {
            raw = Loads.load(f, p, inId, outId, 0, 0, 0, f == EXPIRATION ? host.now() : 0);
        }
        return (raw & i.mask[k]) ^ i.xor[k];
    }

    /**
     * nft_numgen.c: {@code inc} counts 0, 1, ... modulus-1 and wraps (its counter starts at modulus-1);
     * {@code random} scales a 32-bit random number to the modulus (reciprocal_scale). The random
     * numbers come from a generator seeded from the host's seed: the same run repeats, another seed draws afresh.
     */
    private long numgen(final int slot) {
        final long[] g = prog.numgens[slot];
        final long v;
        if (g[0] == 1) {
            v = ((random.nextInt() & 0xffffffffL) * g[1]) >>> 32;
        } else {
            numgenCounter[slot] = numgenCounter[slot] + 1 < g[1] ? numgenCounter[slot] + 1 : 0;
            v = numgenCounter[slot];
        }
        return v + g[2];
    }

    /** {@code fib} (nft_fib_ipv4.c, xt_rpfilter.c, xt_addrtype.c) over the node's routes. */
    private long fib(final int spec, final Packet p, final NetInterface in, final int inId) {
        final int flags = spec >> 2;
        final int result = spec & 3;
        final int addr = (flags & dev.ftpsim.core.rules.Expr.FIB_SADDR) != 0 ? p.src : p.dst;
        if (result == 0) {
            return host.addressType(addr);
        }
        final NetInterface r = host.route(addr);
        final int id = r == null ? 0 : (flags & dev.ftpsim.core.rules.Expr.FIB_IIF) != 0 ? (r == in ? inId : 0) : ifIds.id(r);
        return result == 3 ? (id != 0 ? 1 : 0) : id;
    }

    private static int ifType(final NetInterface i) {
        return i == null ? 0 : "lo".equals(i.name()) ? 772 : 1; // ARPHRD_LOOPBACK, ARPHRD_ETHER
    }

    /** The id of the helper type handling the packet's connection (or, for a RELATED one, its master's). */
    private int helperId(final Packet p, final int field) {
        if (field != Field.CT_HELPER.ordinal() || !(p.ct instanceof ConnEntry e)) {
            return 0;
        }
        final ConnEntry h = e.helper() != null ? e : e.master();
        if (h == null || h.helper() == null) {
            return 0;
        }
        final Integer id = prog.helperTypeIds.get(h.helper().type());
        return id == null ? -1 : id;
    }

    /** nft_jhash_eval (net/netfilter/nft_hash.c): reciprocal_scale(jhash(key bytes, len, seed), mod) + offset. */
    private long jhash(final int slot, final Packet p, final NetInterface in, final NetInterface out,
            final int inId, final int outId) {
        final Program.JhashSpec h = prog.jhashes[slot];
        final byte[] b = hashBytes;
        int off = 0;
        final int n = h.widths().length;
        for (int k = 0; k < n; k++) {
            final long v = operand(h.key(), k, p, in, out, inId, outId);
            final int w = h.widths()[k];
            for (int j = 0; j < w; j++) {
                b[off + j] = (byte) (h.network()[k] ? v >>> 8 * (w - 1 - j) : v >>> 8 * j);
            }
            final int padded = n == 1 ? w : 4;
            for (int j = w; j < padded; j++) {
                b[off + j] = 0;
            }
            off += padded;
        }
        return Jhash.scale(Jhash.hash(b, h.length(), jhashSeed[slot]), h.modulus()) + h.offset();
    }
}
