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
        this.base = b;
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
