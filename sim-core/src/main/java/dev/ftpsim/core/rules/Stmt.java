package dev.ftpsim.core.rules;

import java.util.List;

/**
 * One item of a rule's flat list, evaluated left to right: a match that ends the rule when false,
 * or a statement with an effect. A rule is the conjunction of its matches, as in nf_tables.
 */
public sealed interface Stmt {
    /** Where the item starts. */
    Pos pos();

    /** Relational operators; {@code IMPLICIT} is nft's bare form (flags: any bit set; else equality). */
    enum Op { EQ, NE, LT, GT, LE, GE, IMPLICIT }

    /** Verdict kinds. */
    enum VerdictKind { ACCEPT, DROP, CONTINUE, RETURN, JUMP, GOTO, QUEUE }

    /** NAT kinds. */
    enum NatKind { SNAT, DNAT, MASQUERADE, REDIRECT }

    /**
     * Reject kinds: tcp reset, or an icmp, icmpv6 or icmpx (either family) code. A bare {@code reject}
     * is resolved per table family as nft does: port-unreachable of icmp (ip), icmpv6 (ip6) or icmpx.
     */
    enum RejectKind { TCP_RESET, ICMP, ICMPV6, ICMPX }

    /** The plain {@code reject} of a table family. */
    static Reject defaultReject(final Family f, final Pos pos) {
        switch (f) {
            case IP: return new Reject(RejectKind.ICMP, 3, pos);
            case IP6: return new Reject(RejectKind.ICMPV6, 4, pos);
            default: return new Reject(RejectKind.ICMPX, 1, pos);
        }
    }

    /** Named object kinds, as statements reference them. */
    enum ObjKind { COUNTER, QUOTA, LIMIT, CT_HELPER, CT_TIMEOUT, CT_EXPECTATION }

    /** {@code left op right}; right may be a set ({@link Expr.AnonSet}, {@link Expr.SetRef}): a lookup. */
    record Match(Expr left, Op op, Expr right, Pos pos) implements Stmt { }

    /** A verdict; {@code chain} names the target of jump and goto, else null. */
    record Verdict(VerdictKind kind, String chain, Pos pos) implements Stmt { }

    /** {@code KEY vmap MAP}: the verdict the key maps to (no match: the rule continues). */
    record Vmap(Expr key, Expr map, Pos pos) implements Stmt { }

    /** An anonymous {@code counter}, with the values it was printed with. */
    record Counter(long packets, long bytes, Pos pos) implements Stmt { }

    /**
     * Use of a named object: {@code counter name X}, {@code quota name X}, {@code limit name X},
     * {@code ct helper set X}, {@code ct timeout set X}, {@code ct expectation set X}. The name is a
     * {@link Expr.Str} or a map lookup yielding one.
     */
    record ObjRef(ObjKind kind, Expr name, Pos pos) implements Stmt { }

    /** {@code log}: prefix (null when absent), syslog level, flags bits, nflog group (-1 none). */
    record Log(String prefix, String level, int flags, int group, Pos pos) implements Stmt { }

    /** Log flag bits (NF_LOG_*). */
    int LOG_TCPSEQ = 1;
    /** Log tcp options. */
    int LOG_TCPOPT = 2;
    /** Log ip options. */
    int LOG_IPOPT = 4;
    /** Log the socket's uid. */
    int LOG_UID = 8;
    /** Log the MAC header. */
    int LOG_MACDECODE = 32;

    /** {@code reject [with ...]}; code is -1 for tcp reset. */
    record Reject(RejectKind kind, int code, Pos pos) implements Stmt { }

    /** {@code notrack}. */
    record Notrack(Pos pos) implements Stmt { }

    /** {@code FIELD set VALUE}: meta mark, ct mark, tcp option maxseg size, meta nftrace... */
    record Assign(Field target, Expr value, Pos pos) implements Stmt { }

    /** NAT flag bits (NF_NAT_RANGE_*, linux/netfilter/nf_nat.h): random source ports. */
    int NAT_RANDOM = 4;
    /** Same mapping for a client's every connection. */
    int NAT_PERSISTENT = 8;
    /** Fully random source ports. */
    int NAT_FULLY_RANDOM = 16;

    /**
     * NAT: {@code family} is 0 (the table's), 2 (ip) or 10 (ip6); addr and port may be null,
     * constants, ranges or map lookups.
     */
    record Nat(NatKind kind, int family, Expr addr, Expr port, int flags, Pos pos) implements Stmt { }

    /** {@code limit rate [over] N/unit [burst B packets|bytes]}; unitMs is the period in ms. */
    record Limit(long rate, long unitMs, long burst, boolean bytes, boolean over, Pos pos) implements Stmt { }

    /** {@code quota [over|until] N bytes [used U]}. */
    record Quota(boolean over, long bytes, long used, Pos pos) implements Stmt { }

    /** {@code flow add @ft}: offload the connection to a flowtable. */
    record FlowAdd(String flowtable, Pos pos) implements Stmt { }

    /** Set update operations. */
    enum SetOp { ADD, UPDATE, DELETE }

    /** {@code add|update @set { KEY [timeout T] [stmts] }}; timeoutMs is -1 when not given. */
    record SetUpdate(SetOp op, String set, Expr key, long timeoutMs, List<Stmt> stmts, Pos pos) implements Stmt { }

    /**
     * xtables' {@code recent} match: {@code op} is set, update, rcheck or remove on list {@code name},
     * keyed by source ({@code rsource}) or destination address under a {@code mask} prefix length; seconds and hitcount
     * are 0 when not given. Matches (or, for set, always matches) as xt_recent does.
     */
    record Recent(String op, String name, boolean rsource, int mask, long seconds, int hitcount, boolean invert,
            Pos pos) implements Stmt { }

    /**
     * xtables' {@code connlimit}: more ({@code above}) or at most {@code count} connections per address
     * under a {@code mask} prefix length.
     */
    record ConnLimit(long count, boolean above, int mask, boolean saddr, Pos pos) implements Stmt { }

    /**
     * xtables' {@code CHECKSUM --checksum-fill}: fills in a checksum the sender left out. Simulated packets
     * carry no checksums, so the evaluator has nothing to do; it is kept so the rule reads as written.
     */
    record ChecksumFill(Pos pos) implements Stmt { }
}
