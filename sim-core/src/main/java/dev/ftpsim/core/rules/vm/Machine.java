package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.rules.Field;

/**
 * Runs a {@link Program} on packets: per base chain, its rules' instructions over a few long
 * registers, a jump stack of the kernel's depth, and the state rules keep (counters, token buckets,
 * quotas, dynamic sets). One machine per firewall; evaluation allocates nothing.
 */
public final class Machine {
    /** What rules do outside the machine: answers, logs, NAT, helpers, and who decided. */
    public interface Host {
        /** Simulated time, ns. */
        long now();

        /**
         * Seed of numgen random and of jhash's drawn seeds: the kernel takes them from
         * get_random_u32/get_random_bytes, so a firewall takes them from its run's seed.
         */
        default long randomSeed() {
            return 0x6e756d67656eL;
        }

        /**
         * Sends a reject answer: {@code code} -1 for a TCP reset, else a destination-unreachable code
         * of the packet's family (ICMP for IPv4, ICMPv6 for IPv6).
         */
        void reject(Packet p, NetInterface in, int code);

        /** A {@code log} statement. */
        void log(String prefix, Program.ChainCode chain, Packet p);

        /**
         * Binds NAT for the packet's new connection ({@code kind}: ordinal of SNAT, DNAT, MASQUERADE,
         * REDIRECT; -1 bounds mean "unchanged"). Returns false when the packet must be dropped.
         */
        boolean nat(Packet p, NetInterface in, NetInterface out, int kind, int addrLo, int addrHi, int portLo,
                int portHi, int flags);

        /** {@code ct helper set}: helper object {@code slot} of the program. */
        void helper(Packet p, int slot);

        /** {@code ct timeout set}: timeout object {@code slot} of the program (nft_ct_timeout_obj_eval). */
        default void ctTimeout(Packet p, int slot) { }

        /**
         * {@code ct expectation set}: expectation object {@code slot} (nft_ct_expect_obj_eval). Returns -1 to
         * drop the packet, 0 when the rule breaks (no new connection, or its limit reached), 1 when done.
         */
        default int ctExpect(Packet p, int slot) {
            return 1;
        }

        /** The MTU of the route out of {@code out} (for MSS clamping). */
        int mtu(NetInterface out);

        /**
         * {@code flow add @ft}: offload the packet's connection (nft_flow_offload_eval decides whether
         * it qualifies); both interfaces are devices of the flowtable.
         */
        void offload(Packet p);

        /** The interface the route to {@code addr} leaves by, or null when there is none. */
        NetInterface route(int addr);

        /** The network's IPv6 addresses (ids to bits); null where no IPv6 packet can come. */
        default dev.ftpsim.core.net.Ipv6Addresses ipv6() {
            return null;
        }

        /** The fib address type of {@code addr} on this node (FIB_ADDRTYPE: 1 unicast, 2 local, 3 broadcast...). */
        int addressType(int addr);

        /** A chain decided: {@code rule} is its index, or -1 for the base chain's policy. */
        void decided(Program.ChainCode chain, int rule, Packet p, boolean dropped);
    }

    /** Told of each {@code jump} and {@code goto} a packet takes (nft monitor trace prints those rules too). */
    public interface Tracer {
        /** Rule {@code rule} of {@code from} sent the packet to {@code to}. */
        void jumped(Program.ChainCode from, int rule, Program.ChainCode to, boolean isGoto, Packet p);
    }

    private static final int NOMATCH = -1;
    /** Field.values() copies its array on each call: once here. */
    private static final Field[] FIELDS = Field.values();

    private final Program prog;
    private final Host host;
    private final dev.ftpsim.core.net.Ipv6Addresses ipv6;
    private final Program.ChainCode[] chains;
    private final KeySet[] sets;
    private final long[][] packets;
    private final long[][] bytes;
    private final long[] policyPackets;
    private final long[] policyBytes;
    private final long[] named;
    private final long[] quotaUsed;
    /** The token buckets of limit statements and of set elements' limits. */
    private final TokenBuckets buckets;
    private final InterfaceIds ifIds;
    /** Operands' loads, numgen's and jhash's state among them. */
    private final OperandLoader loads;
    private final RecentList[] recent;
    private final ConnCountList[] connCounts;
    private final long[] key = new long[16];
    private final int[] stackChain = new int[Compiler.JUMP_STACK];
    private final int[] stackRule = new int[Compiler.JUMP_STACK];
    /** Null unless a trace watches: checked on jumps and gotos only, never per rule. */
    private Tracer tracer;

    public Machine(final Program prog, final Host host) {
        this.prog = prog;
        this.host = host;
        this.ipv6 = host.ipv6();
        this.chains = prog.chains.toArray(new Program.ChainCode[0]);
        this.sets = new KeySet[prog.sets.length];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = prog.sets[i].copy();
        }
        packets = new long[chains.length][];
        bytes = new long[chains.length][];
        for (int i = 0; i < chains.length; i++) {
            packets[i] = new long[chains[i].rules.length];
            bytes[i] = new long[chains[i].rules.length];
        }
        policyPackets = new long[chains.length];
        policyBytes = new long[chains.length];
        named = new long[2 * prog.counterNames.length];
        buckets = new TokenBuckets(prog, host.now());
        ifIds = new InterfaceIds(prog);
        loads = new OperandLoader(prog, host, ipv6, ifIds);
        connCounts = new ConnCountList[prog.connCounts];
        for (int i = 0; i < connCounts.length; i++) {
            connCounts[i] = new ConnCountList();
        }
        recent = new RecentList[prog.recentLists];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = new RecentList();
        }
        quotaUsed = new long[prog.quotas.length];
        for (int i = 0; i < quotaUsed.length; i++) {
            quotaUsed[i] = prog.quotas[i][1];
        }
    }

    /** Sets (or, with null, removes) the tracer told of jumps and gotos. */
    public void setTracer(final Tracer t) {
        tracer = t;
    }

    public Program program() {
        return prog;
    }

    /** Packets and bytes that reached the end of rule {@code rule} of {@code chain}. */
    public long[] counter(final Program.ChainCode chain, final int rule) {
        final int c = prog.chains.indexOf(chain);
        return new long[] {packets[c][rule], bytes[c][rule]};
    }

    /** Packets and bytes that met a base chain's policy. */
    public long[] policyCounter(final Program.ChainCode chain) {
        final int c = prog.chains.indexOf(chain);
        return new long[] {policyPackets[c], policyBytes[c]};
    }

    /** Packets and bytes of named counter {@code name}, or null. */
    public long[] namedCounter(final String name) {
        for (int i = 0; i < prog.counterNames.length; i++) {
            if (prog.counterNames[i].equals(name)) {
                return new long[] {named[2 * i], named[2 * i + 1]};
            }
        }
        return null;
    }

    /** Runs base chain {@code base} (an index of {@link Program#chains()}) on a packet. */
    public Verdict run(final int base, final Packet p, final NetInterface in, final NetInterface out) {
        final int family = chains[base].family;
        if (family != 0 && (family == 6) != p.isV6()) {
            return Verdict.ACCEPT; // an ip table's chain is not on the IPv6 hooks, nor an ip6 table's on IPv4's
        }
        int chain = base;
        int rule = 0;
        int sp = 0;
        final int inId = ifIds.id(in);
        final int outId = ifIds.id(out);
        while (true) {
            final Program.ChainCode c = chains[chain];
            if (rule >= c.rules.length) {
                if (sp == 0) {
                    return policy(base, p);
                }
                sp--;
                chain = stackChain[sp];
                rule = stackRule[sp];
                continue;
            }
            final int code = exec(chain, rule, p, in, out, inId, outId);
            rule++;
            if (code == NOMATCH) {
                continue;
            }
            final int kind = code & 0xff;
            switch (kind) {
                case Insn.V_ACCEPT:
                    host.decided(c, rule - 1, p, false);
                    return Verdict.ACCEPT;
                case Insn.V_DROP:
                    host.decided(c, rule - 1, p, true);
                    return Verdict.DROP;
                case Insn.V_RETURN:
                    if (sp == 0) {
                        return policy(base, p);
                    }
                    sp--;
                    chain = stackChain[sp];
                    rule = stackRule[sp];
                    break;
                case Insn.V_JUMP:
                    if (sp == stackChain.length) {
                        host.decided(c, rule - 1, p, true); // the kernel drops on stack overflow
                        return Verdict.DROP;
                    }
                    stackChain[sp] = chain;
                    stackRule[sp] = rule;
                    sp++;
                    chain = (code >> 8) - 1;
                    rule = 0;
                    if (tracer != null) {
                        tracer.jumped(c, stackRule[sp - 1] - 1, chains[chain], false, p);
                    }
                    break;
                case Insn.V_GOTO:
                    if (tracer != null) {
                        tracer.jumped(c, rule - 1, chains[(code >> 8) - 1], true, p);
                    }
                    chain = (code >> 8) - 1;
                    rule = 0;
                    break;
                default:
                    break; // continue
            }
        }
    }

    private Verdict policy(final int base, final Packet p) {
        final Program.ChainCode c = chains[base];
        policyPackets[base]++;
        policyBytes[base] += p.totalLength();
        host.decided(c, -1, p, c.policyDrop);
        return c.policyDrop ? Verdict.DROP : Verdict.ACCEPT;
    }

    /** Runs one rule: a verdict code, or NOMATCH when a match failed or the rule ended without one. */
    private int exec(final int chain, final int rule, final Packet p, final NetInterface in, final NetInterface out,
            final int inId, final int outId) {
        final Insn[] code = chains[chain].rules[rule];
        for (final Insn i : code) {
            switch (i.op) {
                case Insn.NEVER:
                    return NOMATCH;
                case Insn.CMP:
                    if (!Loads.has(i.guard, p) || !compare(i, loads.operand(i, 0, p, in, out, inId, outId))) {
                        return NOMATCH;
                    }
                    break;
                case Insn.RANGE: {
                    if (!Loads.has(i.guard, p)) {
                        return NOMATCH;
                    }
                    final long v = loads.operand(i, 0, p, in, out, inId, outId);
                    if ((v >= i.a && v <= i.b) == i.negate) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.LOOKUP:
                    if (!Loads.has(i.guard, p) || (find(i, p, in, out, inId, outId) >= 0) == i.negate) {
                        return NOMATCH;
                    }
                    break;
                case Insn.VMAP: {
                    if (!Loads.has(i.guard, p)) {
                        return NOMATCH;
                    }
                    final int e = find(i, p, in, out, inId, outId);
                    if (e >= 0) {
                        count(chain, rule, p);
                        return (int) sets[i.slot].dataLo(e);
                    }
                    break;
                }
                case Insn.VERDICT:
                    count(chain, rule, p);
                    return i.kind | (i.slot + 1) << 8;
                case Insn.NAMED_COUNTER: {
                    final int o = object(i, p, in, out, inId, outId);
                    if (o < 0) {
                        return NOMATCH;
                    }
                    named[2 * o]++;
                    named[2 * o + 1] += p.totalLength();
                    break;
                }
                case Insn.LOG:
                    host.log(i.text, chains[chain], p);
                    break;
                case Insn.LIMIT: {
                    final int o = object(i, p, in, out, inId, outId);
                    if (o < 0 || buckets.over(o, p, host.now())) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.QUOTA: {
                    final int o = object(i, p, in, out, inId, outId);
                    if (o < 0) {
                        return NOMATCH;
                    }
                    final long[] q = prog.quotas[o];
                    quotaUsed[o] += p.totalLength();
                    if ((quotaUsed[o] >= q[0]) != (q[2] == 1)) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.REJECT: {
                    count(chain, rule, p);
                    final long answer = p.isV6() ? i.b : i.a;
                    if (answer != -2 && !(answer == -1 && p.protocol != Packet.PROTO_TCP)) {
                        host.reject(p, in, (int) answer);
                    }
                    return Insn.V_DROP;
                }
                case Insn.LOOKUP6: {
                    if (!p.isV6()) {
                        return NOMATCH;
                    }
                    final int addr = i.kind == 0 ? p.src : p.dst;
                    if (in6(i.ranges6, ipv6.hi(addr), ipv6.lo(addr)) == i.negate) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.CMP6: {
                    if (!p.isV6()) {
                        return NOMATCH;
                    }
                    final int addr = i.kind == 0 ? p.src : p.dst;
                    final boolean eq = (ipv6.hi(addr) & i.c) == i.a && (ipv6.lo(addr) & i.d) == i.b;
                    if (eq == i.negate) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.HELPER: {
                    final int o = object(i, p, in, out, inId, outId);
                    if (o < 0) {
                        return NOMATCH;
                    }
                    host.helper(p, o);
                    break;
                }
                case Insn.CT_TIMEOUT: {
                    final int o = object(i, p, in, out, inId, outId);
                    if (o < 0) {
                        return NOMATCH;
                    }
                    host.ctTimeout(p, o);
                    break;
                }
                case Insn.CT_EXPECT: {
                    final int o = object(i, p, in, out, inId, outId);
                    final int r = o < 0 ? 0 : host.ctExpect(p, o);
                    if (r < 0) {
                        count(chain, rule, p);
                        return Insn.V_DROP;
                    }
                    if (r == 0) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.CT_COUNT: {
                    final ConnEntry e = p.ct instanceof ConnEntry c ? c : null;
                    final long k = i.kind == 0 ? 0 : ((i.kind == 1 ? p.src : p.dst) & i.c) & 0xffffffffL;
                    final int n = connCounts[i.slot].addAndCount(k, e);
                    // nft_connlimit_do_eval: the rule goes on when (count > limit) ^ invert
                    if ((n > i.a) != i.negate) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.NAT: {
                    if (!Loads.has(i.guard, p)) {
                        break;
                    }
                    long lo = i.a;
                    long hi = i.b;
                    if ((i.flags & (StmtCompiler.NAT_IPV6 | StmtCompiler.NAT_MAP6)) == StmtCompiler.NAT_IPV6) {
                        lo = i.ranges6 == null ? ipv6.intern(i.a, i.b) // known after the first connection: no allocation
                                : Nat6Range.choose(ipv6, i.ranges6, p.src, p.dst,
                                        (i.flags & dev.ftpsim.core.rules.Stmt.NAT_PERSISTENT) != 0);
                        hi = lo;
                    }
                    long plo = i.c;
                    long phi = i.d;
                    if (i.from != null) {
                        final int e = find(i.from, p, in, out, inId, outId);
                        if (e < 0) {
                            return NOMATCH;
                        }
                        lo = sets[i.from.slot].dataLo(e);
                        hi = sets[i.from.slot].dataHi(e);
                        if ((i.flags & StmtCompiler.NAT_CONCAT_DATA) != 0) {
                            plo = lo & 0xffff;
                            phi = plo;
                            lo >>>= 16;
                            hi = lo;
                        }
                        if ((i.flags & StmtCompiler.NAT_MAP6) != 0) {
                            final int k = 2 * (int) lo; // known after the first connection: no allocation
                            lo = ipv6.intern(i.ranges6[k], i.ranges6[k + 1]);
                            hi = lo;
                        }
                    }
                    count(chain, rule, p);
                    return host.nat(p, in, out, i.kind, (int) lo, (int) hi, (int) plo, (int) phi, i.flags)
                            ? Insn.V_ACCEPT : Insn.V_DROP;
                }
                case Insn.SET_FIELD:
                    assign(i, p, in, out, inId, outId);
                    break;
                case Insn.SET_UPDATE: {
                    if (!Loads.has(i.guard, p)) {
                        return NOMATCH;
                    }
                    for (int k = 0; k < i.fields.length; k++) {
                        key[k] = loads.operand(i, k, p, in, out, inId, outId);
                    }
                    final long now = host.now();
                    final KeySet set = sets[i.slot];
                    final int e = set.put(key, i.a < 0 ? Long.MAX_VALUE : now + i.a, i.kind == 1, now, i.b);
                    if (e < 0) {
                        return NOMATCH; // nft_dynset_eval: a full set breaks the rule
                    }
                    if (i.d >= 0 && buckets.elementOver((int) i.d, e, set.added, p, now)) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.RECENT: {
                    final long a = ((i.flags == 1 ? p.src : p.dst) & i.c) & 0xffffffffL;
                    if (recent[i.slot].apply(i.kind, a, host.now(), i.a, (int) i.b) == i.negate) {
                        return NOMATCH;
                    }
                    break;
                }
                case Insn.FLOW_ADD:
                    if (inId < 64 && outId < 64 && (i.a >>> inId & 1) != 0 && (i.a >>> outId & 1) != 0) {
                        host.offload(p);
                    }
                    break;
                case Insn.NOTRACK:
                    p.notrack = true;
                    break;
                default:
                    break;
            }
        }
        count(chain, rule, p);
        return NOMATCH;
    }

    /** Whether an IPv6 address lies in one of the intervals (first, last: unsigned 128-bit). */
    private static boolean in6(final long[] r, final long hi, final long lo) {
        for (int k = 0; k < r.length; k += 4) {
            final int lo1 = Long.compareUnsigned(hi, r[k]) != 0 ? Long.compareUnsigned(hi, r[k]) : Long.compareUnsigned(lo, r[k + 1]);
            final int hi1 = Long.compareUnsigned(hi, r[k + 2]) != 0 ? Long.compareUnsigned(hi, r[k + 2])
                    : Long.compareUnsigned(lo, r[k + 3]);
            if (lo1 >= 0 && hi1 <= 0) {
                return true;
            }
        }
        return false;
    }

    private void count(final int chain, final int rule, final Packet p) {
        packets[chain][rule]++;
        bytes[chain][rule] += p.totalLength();
    }

    private int find(final Insn i, final Packet p, final NetInterface in, final NetInterface out, final int inId,
            final int outId) {
        for (int k = 0; k < i.fields.length; k++) {
            key[k] = loads.operand(i, k, p, in, out, inId, outId);
        }
        return sets[i.slot].find(key, host.now());
    }

    private static boolean compare(final Insn i, final long v) {
        switch (i.cmp) {
            case Insn.EQ: return v == i.a;
            case Insn.NE: return v != i.a;
            case Insn.LT: return v < i.a;
            case Insn.GT: return v > i.a;
            case Insn.LE: return v <= i.a;
            case Insn.GE: return v >= i.a;
            case Insn.ANY: return (v & i.a) != 0;
            default: return (v & i.a) == 0;
        }
    }

    private void assign(final Insn i, final Packet p, final NetInterface in, final NetInterface out, final int inId,
            final int outId) {
        final long v = i.from == null ? i.a : loads.operand(i.from, 0, p, in, out, inId, outId);
        final Field f = FIELDS[i.kind];
        if (f == Field.META_MARK) {
            p.mark = (int) v;
        } else if (f == Field.CT_MARK) {
            if (p.ct instanceof ConnEntry e) {
                e.setMark((int) v);
            }
        } else if (p.protocol == Packet.PROTO_TCP && p.has(Packet.SYN) && p.mssOption != 0) {
            if (i.flags == 1) {
                p.mssOption = Math.min(p.mssOption, host.mtu(out) - Packet.IP_HEADER - Packet.TCP_HEADER);
            } else {
                p.mssOption = (int) v;
            }
        }
    }

    /** The object slot an object statement uses: its own, or its map's for the packet's key (-1: none). */
    private int object(final Insn i, final Packet p, final NetInterface in, final NetInterface out, final int inId,
            final int outId) {
        if (i.from == null) {
            return i.slot;
        }
        if (!Loads.has(i.from.guard, p)) {
            return -1;
        }
        final int e = find(i.from, p, in, out, inId, outId);
        return e < 0 ? -1 : (int) sets[i.from.slot].dataLo(e);
    }
}
