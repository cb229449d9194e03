package dev.ftpsim.core.rules;

import java.util.List;

/**
 * A value in a rule: something loaded from the packet, its metadata or its connection, a constant,
 * or a combination of those. The evaluator compiles each into loads of primitive registers;
 * constants are already resolved to the numbers the kernel compares (symbols, services, types).
 */
public sealed interface Expr {
    /** Where the expression starts. */
    Pos pos();

    /** A field loaded into a register: {@code ip saddr}, {@code meta iifname}, {@code ct state}. */
    record Load(Field field, Pos pos) implements Expr { }

    /** An integer constant of a type (ports, marks, protocols, ct state bits, icmp types, times in ms). */
    record Num(DataType type, long value, Pos pos) implements Expr { }

    /** An IPv4 address, host byte order in the low 32 bits. */
    record Ip4(int addr, Pos pos) implements Expr { }

    /** An IPv6 address as two longs, most significant first. */
    record Ip6(long hi, long lo, Pos pos) implements Expr { }

    /** An Ethernet address in the low 48 bits. */
    record Mac(long addr, Pos pos) implements Expr { }

    /**
     * A string: interface names (a trailing {@code *} is a wildcard, as nft and iptables' {@code +}),
     * helper and object names.
     */
    record Str(String value, Pos pos) implements Expr { }

    /** An address prefix {@code base/len}. */
    record Prefix(Expr base, int length, Pos pos) implements Expr { }

    /** An inclusive range {@code lo-hi}. */
    record Range(Expr lo, Expr hi, Pos pos) implements Expr { }

    /** A concatenation {@code a . b . c}: one key made of several values. */
    record Concat(List<Expr> parts, Pos pos) implements Expr { }

    /** An anonymous set or map literal {@code { a, b }} / {@code { k : v }}. */
    record AnonSet(List<Element> elements, Pos pos) implements Expr { }

    /** A named set or map {@code @name} of the rule's table. */
    record SetRef(String name, Pos pos) implements Expr { }

    /** A map lookup used as a value: {@code KEY map { ... }} or {@code KEY map @m}. */
    record MapLookup(Expr key, Expr map, Pos pos) implements Expr { }

    /** Bitwise arithmetic: {@code tcp flags & (syn | ack)}, {@code mark and 0xff xor 0x1}. */
    record Binop(BinOp op, Expr left, Expr right, Pos pos) implements Expr { }

    /** Bitwise operators. */
    enum BinOp { AND, OR, XOR, LSHIFT, RSHIFT }

    /** A verdict as a map value: {@code accept}, {@code jump chain}. */
    record VerdictValue(Stmt.VerdictKind kind, String chain, Pos pos) implements Expr { }

    /** {@code numgen random|inc mod N [offset O]}: kube-proxy's endpoint choice. */
    record Numgen(boolean random, long modulus, long offset, Pos pos) implements Expr { }

    /** {@code jhash KEY mod N [seed S] [offset O]}; seed is -1 when not given (the kernel draws one). */
    record Jhash(Expr key, long modulus, long seed, long offset, Pos pos) implements Expr { }

    /**
     * A routing lookup {@code fib saddr . iif oif}: {@code flags} from {@link #FIB_SADDR} and friends,
     * {@code result} one of oif, oifname, type.
     */
    record Fib(int flags, String result, Pos pos) implements Expr { }

    /** {@code ct count [over] N}: the number of connections in the rule's own count list. */
    record CtCount(long count, boolean over, Pos pos) implements Expr { }

    /** Fib flags (NFTA_FIB_F_*, linux/netfilter/nf_tables.h). */
    int FIB_SADDR = 1;
    /** Fib flag: look up the destination. */
    int FIB_DADDR = 2;
    /** Fib flag: use the packet mark. */
    int FIB_MARK = 4;
    /** Fib flag: restrict to the input interface. */
    int FIB_IIF = 8;
    /** Fib flag: restrict to the output interface. */
    int FIB_OIF = 16;

    /**
     * A set or map element; {@code data} is null in a set, {@code timeoutMs}/{@code expiresMs} are
     * -1 when not given.
     */
    record Element(Expr key, Expr data, long timeoutMs, long expiresMs, String comment, Pos pos) { }
}
