package dev.ftpsim.core.net;

import java.util.Arrays;

/**
 * The functions registered on one node, per hook, ordered by priority (lower first, as netfilter;
 * equal priorities keep registration order: the kernel puts a new hook before its equals, so a
 * firewall registers its chains in the order they are to run, see Compiler's base chain order). An
 * empty hook costs one array-length check.
 */
public final class NetfilterHooks {
    private static final HookFunction[] NONE = new HookFunction[0];
    private static final HookFunction[][] NO_FUNCTIONS = new HookFunction[Hook.values().length][];
    private static final int[][] NO_PRIORITIES = new int[Hook.values().length][];

    static {
        Arrays.fill(NO_FUNCTIONS, NONE);
        Arrays.fill(NO_PRIORITIES, new int[0]);
    }

    /** Shared empty tables until a function is registered: a group member's host has none. */
    private HookFunction[][] functions = NO_FUNCTIONS;
    private int[][] priorities = NO_PRIORITIES;

    NetfilterHooks() {}

    /** Registers {@code fn} on {@code hook} at {@code priority} (e.g. conntrack -200, filter 0, SNAT 100). */
    public void register(final Hook hook, final int priority, final HookFunction fn) {
        if (functions == NO_FUNCTIONS) {
            functions = NO_FUNCTIONS.clone();
            priorities = NO_PRIORITIES.clone();
        }
        final int h = hook.ordinal();
        final HookFunction[] f = functions[h];
        final int[] pr = priorities[h];
        int at = f.length;
        while (at > 0 && pr[at - 1] > priority) {
            at--;
        }
        final HookFunction[] nf = new HookFunction[f.length + 1];
        final int[] np = new int[f.length + 1];
        System.arraycopy(f, 0, nf, 0, at);
        System.arraycopy(pr, 0, np, 0, at);
        nf[at] = fn;
        np[at] = priority;
        System.arraycopy(f, at, nf, at + 1, f.length - at);
        System.arraycopy(pr, at, np, at + 1, f.length - at);
        functions[h] = nf;
        priorities[h] = np;
    }

    /** Runs the hook's functions until one does not ACCEPT. */
    Verdict run(final Hook hook, final Packet p, final NetInterface in, final NetInterface out) {
        final HookFunction[] f = functions[hook.ordinal()];
        for (final HookFunction fn : f) {
            final Verdict v = fn.apply(hook, p, in, out);
            if (v != Verdict.ACCEPT) {
                return v;
            }
        }
        return Verdict.ACCEPT;
    }

    /** Whether any function is registered on any hook (a switch filters frames only then). */
    public boolean any() {
        return functions != NO_FUNCTIONS;
    }

    public boolean isEmpty(final Hook hook) {
        return functions[hook.ordinal()].length == 0;
    }
}
