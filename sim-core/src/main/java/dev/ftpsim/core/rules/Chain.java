package dev.ftpsim.core.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain of a table. A base chain has a type, hook and numeric priority (named priorities and
 * {@code filter + 10} already resolved) and a policy; a regular chain has none of these and is
 * entered by jump or goto only.
 */
public final class Chain {
    /** Chain types. */
    public enum Type { FILTER, NAT, ROUTE }

    /** Base chain attachment; {@code device} is null except for netdev/ingress chains. */
    public record Base(Type type, Hook hook, int priority, boolean policyDrop, String device, Pos pos) { }

    private final String name;
    private final Pos pos;
    private Base base;
    private String comment;
    private final List<Rule> rules = new ArrayList<>();
    private long registered;

    /** Base chains attached so far, in every load: only the order of one load's chains matters. */
    private static final java.util.concurrent.atomic.AtomicLong ATTACHED = new java.util.concurrent.atomic.AtomicLong();

    public Chain(final String name, final Pos pos) {
        this.name = name;
        this.pos = pos;
    }

    public String name() {
        return name;
    }

    public Pos pos() {
        return pos;
    }

    /** The base chain attachment, or null for a regular chain. */
    public Base base() {
        return base;
    }

    public void base(final Base b) {
        if (this.base == null && b != null) {
            registered = ATTACHED.incrementAndGet();
        }
        this.base = b;
    }

    /**
     * When the chain became a base chain, as a number that grows: the kernel registers its hook then
     * (nf_tables_addchain), and puts it before the hooks of equal priority already there
     * (net/netfilter/core.c, nf_hook_entries_grow), so of two chains of one priority on one hook the
     * later runs first.
     */
    public long registered() {
        return registered;
    }

    public String comment() {
        return comment;
    }

    public void comment(final String c) {
        this.comment = c;
    }

    /** The rules in evaluation order; loaders add, insert and flush through this list. */
    public List<Rule> rules() {
        return rules;
    }
}
