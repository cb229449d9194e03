package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.net.Packet;

/**
 * The token buckets of a machine's {@code limit} statements and of set elements' own limits
 * (meters, hashlimit): each bucket's tokens, in nanoseconds of credit, and the time it was last
 * filled, as net/netfilter/nft_limit.c keeps them.
 */
final class TokenBuckets {
    private final Program.LimitSpec[] limits;
    private final Program.LimitSpec[] elementLimits;
    private final long[] tokens;
    private final long[] last;
    /** Per element limit: each element's tokens and last update, by element index. */
    private final long[][] elemTokens;
    private final long[][] elemLast;

    /** Every statement's bucket starts full at {@code now}, as nft_limit_init fills it. */
    TokenBuckets(final Program prog, final long now) {
        limits = prog.limits;
        elementLimits = prog.elementLimits;
        tokens = new long[limits.length];
        last = new long[limits.length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = maxTokens(limits[i]);
            last[i] = now;
        }
        elemTokens = new long[elementLimits.length][16];
        elemLast = new long[elementLimits.length][16];
    }

    /** Whether limit statement {@code o}'s verdict breaks the rule for this packet ({@code over} inverts it). */
    boolean over(final int o, final Packet p, final long now) {
        return take(limits[o], tokens, last, o, p, now) != limits[o].over();
    }

    /**
     * A set element's own limit (nft_dynset with a limit expression, a meter, hashlimit): a new element's
     * bucket starts full, as the expression's init does; whether the limit's verdict breaks the rule.
     */
    boolean elementOver(final int lim, final int elem, final boolean fresh, final Packet p,
            final long now) {
        final Program.LimitSpec l = elementLimits[lim];
        if (elem >= elemTokens[lim].length) {
            final int n = Math.max(elem + 1, elemTokens[lim].length * 2); // amortised, not per packet
            elemTokens[lim] = java.util.Arrays.copyOf(elemTokens[lim], n);
            elemLast[lim] = java.util.Arrays.copyOf(elemLast[lim], n);
        }
        if (fresh) {
            elemTokens[lim][elem] = maxTokens(l);
            elemLast[lim][elem] = now;
        }
        return take(l, elemTokens[lim], elemLast[lim], elem, p, now) != l.over();
    }

    /** nft_limit_eval (net/netfilter/nft_limit.c): true when the packet finds bucket {@code ix} short. */
    private static boolean take(final Program.LimitSpec l, final long[] tok, final long[] at, final int ix,
            final Packet p, final long now) {
        long t = tok[ix] + now - at[ix];
        final long max = maxTokens(l);
        if (t > max) {
            t = max;
        }
        at[ix] = now;
        final long cost = l.bytes() ? l.unitNs() * p.totalLength() / l.rate() : l.unitNs() / l.rate();
        if (t - cost >= 0) {
            tok[ix] = t - cost;
            return false;
        }
        tok[ix] = t;
        return true;
    }

    /**
     * The bucket's depth (nft_limit_init): burst packets' worth of time, or for bytes
     * unit * (rate + burst) / rate; nft's default burst is 5 packets, 0 bytes.
     */
    private static long maxTokens(final Program.LimitSpec l) {
        return l.bytes() ? l.unitNs() * (l.rate() + l.burst()) / l.rate() : l.unitNs() / l.rate() * l.burst();
    }
}
