package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.rules.Pos;

/**
 * One instruction of a rule's flat program. Matches load their operand fields into registers
 * (per component: a {@link Loads} field id under {@code (x & mask) ^ xor}) and compare; statements
 * act; a verdict ends the rule. Fields are plain values so the machine dispatches on {@link #op}
 * and never allocates.
 */
final class Insn {
    // matches
    static final int CMP = 0;
    static final int RANGE = 1;
    static final int LOOKUP = 2;
    static final int NEVER = 3;
    // statements
    static final int VMAP = 10;
    static final int VERDICT = 11;
    static final int NAMED_COUNTER = 12;
    static final int LOG = 13;
    static final int LIMIT = 14;
    static final int REJECT = 15;
    static final int HELPER = 16;
    static final int NAT = 17;
    static final int SET_FIELD = 18;
    static final int SET_UPDATE = 19;
    static final int QUOTA = 20;
    static final int NOP = 21;
    static final int NOTRACK = 22;
    static final int RECENT = 23;
    static final int FLOW_ADD = 24;
    static final int CT_TIMEOUT = 25;
    static final int CT_EXPECT = 26;
    static final int CT_COUNT = 27;
    /**
     * An IPv6 address against one address or prefix: {@code kind} 0 saddr, 1 daddr; {@code a}/{@code b}
     * the network's high and low words, {@code c}/{@code d} the prefix masks; IPv6 packets only.
     */
    static final int CMP6 = 28;
    /** An IPv6 address in a set: {@code kind} as CMP6, {@link #ranges6} the set's intervals. */
    static final int LOOKUP6 = 29;

    // comparison kinds of CMP
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int GT = 3;
    static final int LE = 4;
    static final int GE = 5;
    /** A bitmask match: any of the bits set ({@code tcp flags syn}, {@code ct state established,related}). */
    static final int ANY = 6;
    /** A negated bitmask match: none of the bits set. */
    static final int NONE = 7;

    // verdict codes
    static final int V_CONTINUE = 0;
    static final int V_ACCEPT = 1;
    static final int V_DROP = 2;
    static final int V_RETURN = 3;
    static final int V_JUMP = 4;
    static final int V_GOTO = 5;

    final int op;
    final Pos pos;
    /** Operand fields ({@link Loads} ids), one per key component. */
    int[] fields = new int[0];
    long[] mask = new long[0];
    long[] xor = new long[0];
    /** Transport protocol the loads need (0: none, {@link Loads#TCP_OR_UDP}: a transport header). */
    int guard;
    /**
     * LOOKUP6: per element its first and last address, four words (high, low, high, low); an IPv6
     * NAT range: its first and last address; an IPv6 NAT map: the data addresses (high, low) its elements index.
     */
    long[] ranges6;
    int cmp;
    boolean negate;
    long a;
    long b;
    long c;
    long d;
    /** Set index, counter, limit, quota or helper object slot, chain index: what the op refers to. */
    int slot = -1;
    int kind;
    int flags;
    String text;
    /** For NAT/assign values and object references chosen by a map: the lookup's key and set. */
    Insn from;

    Insn(final int op, final Pos pos) {
        this.op = op;
        this.pos = pos;
    }

    /** Sets one operand field with no arithmetic. */
    Insn load(final int field) {
        fields = new int[] {field};
        mask = new long[] {-1L};
        xor = new long[] {0};
        return this;
    }
}
