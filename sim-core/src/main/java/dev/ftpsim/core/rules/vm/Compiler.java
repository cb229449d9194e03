package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.rules.Chain;
import dev.ftpsim.core.rules.DataType;
import dev.ftpsim.core.rules.Expr;
import dev.ftpsim.core.rules.Family;
import dev.ftpsim.core.rules.NamedObject;
import dev.ftpsim.core.rules.NamedSet;
import dev.ftpsim.core.rules.Pos;
import dev.ftpsim.core.rules.Rule;
import dev.ftpsim.core.rules.RuleError;
import dev.ftpsim.core.rules.Ruleset;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.Stmt;
import dev.ftpsim.core.rules.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles the IR of the tables IP packets meet ({@code ip}, {@code ip6} and {@code inet}, each
 * base chain on its family's hooks; arp, bridge and netdev tables are kept by the front end but
 * never run) into a {@link Program} for a
 * node with the given interface names; for a switch ({@link #compileBridge}) the {@code bridge}
 * tables instead, the frames it bridges being all it sees. Everything the machine cannot evaluate is an error at its
 * position saying what is not modelled; all errors of a ruleset are reported together.
 */
public final class Compiler {
    /** The kernel's jump stack depth (NFT_JUMP_STACK_SIZE, include/net/netfilter/nf_tables.h). */
    static final int JUMP_STACK = 16;

    private final List<RuleError> errors = new ArrayList<>();
    private final List<String> ifaces = new ArrayList<>();
    private final Map<String, Integer> helperIds = new LinkedHashMap<>();
    private final Operands ops;
    private final Function<Rule, String> text;
    private final List<Program.ChainCode> chains = new ArrayList<>();
    private final Map<Chain, Integer> chainIndex = new HashMap<>();
    private final List<KeySet> sets = new ArrayList<>();
    private final Map<NamedSet, Integer> setIndex = new HashMap<>();
    private final List<String> counters = new ArrayList<>();
    private final List<Program.LimitSpec> limits = new ArrayList<>();
    private final List<Program.LimitSpec> elementLimits = new ArrayList<>();
    private final List<long[]> quotas = new ArrayList<>();
    private final List<Program.HelperObj> helpers = new ArrayList<>();
    private final Map<NamedObject, Integer> objectSlot = new HashMap<>();
    private final List<Program.TimeoutObj> timeouts = new ArrayList<>();
    private final List<Program.ExpectObj> expects = new ArrayList<>();
    /** Number of connection count lists ({@code ct count}, connlimit): one per rule statement. */
    private int connCounts;
    private Table table;
    private final StmtCompiler stmts;

    private final boolean qualified;
    /** Compiling for a switch: bridge tables run, the others are refused. */
    final boolean bridge;

    private Compiler(final List<String> nodeIfaces, final Function<Rule, String> text, final boolean qualified,
            final boolean bridge) {
        this.qualified = qualified;
        this.bridge = bridge;
        ifaces.add("lo"); // every Linux node has lo, ifindex 1
        nodeIfaces.stream().filter(n -> !n.equals("lo")).forEach(ifaces::add);
        this.ops = new Operands(ifaces, helperIds, bridge);
        this.text = text;
        this.stmts = new StmtCompiler(this, ops);
    }

    /**
     * Compiles {@code rs} for a node whose interfaces are {@code nodeIfaces}; {@code text} gives each
     * rule's text for reports, where chains are named {@code table/chain}. Throws
     * {@link RulesetException} with every construct not modelled.
     */
    public static Program compile(final Ruleset rs, final List<String> nodeIfaces, final Function<Rule, String> text) {
        return new Compiler(nodeIfaces, text, true, false).run(rs);
    }

    /**
     * As {@link #compile}, for a switch whose ports are {@code ports}: its {@code bridge} tables, whose
     * chains see the frames it bridges. A switch has no IP stack of its own and no br_netfilter, so an
     * ip, ip6 or inet table would see nothing: each is an error at its position, as is everything the
     * bridge family cannot do here (nat chains, reject, flowtables, fib).
     */
    public static Program compileBridge(final Ruleset rs, final List<String> ports, final Function<Rule, String> text,
            final boolean qualified) {
        return new Compiler(ports, text, qualified, true).run(rs);
    }

    /** As {@link #compile}, with chains named by their own names only (one table of one-line rules). */
    public static Program compileUnqualified(final Ruleset rs, final List<String> nodeIfaces,
            final Function<Rule, String> text) {
        return new Compiler(nodeIfaces, text, false, false).run(rs);
    }

    private Program run(final Ruleset rs) {
        final List<Table> tables = new ArrayList<>();
        for (final Table t : rs.tables()) {
            final boolean ipFamily = t.family() == Family.IP || t.family() == Family.IP6 || t.family() == Family.INET;
            if ((bridge ? t.family() == Family.BRIDGE : ipFamily) && !t.dormant()) {
                tables.add(t);
            } else if (bridge && ipFamily && !t.dormant()) {
                error(t.pos(), "table " + t.family().nft() + " " + t.name() + " would see nothing on a switch: it"
                        + " bridges frames, which only bridge tables see (no br_netfilter); write table bridge "
                        + t.name());
            }
        }
        final List<Chain[]> order = new ArrayList<>();
        for (final Table t : tables) {
            for (final Chain c : t.chains().values()) {
                chainIndex.put(c, order.size());
                order.add(new Chain[] {c});
                chains.add(null);
            }
        }
        for (final Table t : tables) {
            table = t;
            for (final NamedObject o : t.objects().values()) {
                object(o); // first: maps to objects name them
            }
            for (final NamedSet s : t.sets().values()) {
                setIndex.put(s, sets.size());
                sets.add(namedSet(s));
            }
            for (final Chain c : t.chains().values()) {
                chains.set(chainIndex.get(c), chain(c));
            }
        }
        checkDepth();
        if (!errors.isEmpty()) {
            throw new RulesetException(errors);
        }
        final int[][] filter = new int[Hook.values().length][];
        final int[][] nat = new int[Hook.values().length][];
        for (final Hook h : Hook.values()) {
            filter[h.ordinal()] = baseChains(h, false);
            nat[h.ordinal()] = baseChains(h, true);
        }
        final long[][] q = quotas.toArray(new long[0][]);
        return new Program(chains, filter, nat, sets.toArray(new KeySet[0]), counters.toArray(new String[0]),
                limits.toArray(new Program.LimitSpec[0]), q, helpers.toArray(new Program.HelperObj[0]), helperIds,
                ifaces, recentLists.size(), ops.numgens.toArray(new long[0][]),
                timeouts.toArray(new Program.TimeoutObj[0]), expects.toArray(new Program.ExpectObj[0]),
                connCounts, ops.jhashes.toArray(new Program.JhashSpec[0]),
                elementLimits.toArray(new Program.LimitSpec[0]));
    }

    private int[] baseChains(final Hook h, final boolean nat) {
        final List<Integer> ix = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            final Program.ChainCode c = chains.get(i);
            if (c.hook == h && c.nat == nat) {
                ix.add(i);
            }
        }
        // equal priorities: the later registered first, as nf_hook_entries_grow inserts before equals
        // (nat chains too: nf_nat_register_fn keeps them in a list of the same kind)
        ix.sort(Comparator.<Integer>comparingInt(i -> chains.get(i).priority)
                .thenComparing(i -> -chains.get(i).registered));
        return ix.stream().mapToInt(Integer::intValue).toArray();
    }

    void error(final Pos pos, final String message) {
        errors.add(new RuleError(pos, message));
    }

    void notModelled(final Pos pos, final String what) {
        errors.add(new RuleError(pos, what + " is not modelled by ftpsim"));
    }

    private Program.ChainCode chain(final Chain c) {
        Hook hook = null;
        int priority = 0;
        boolean nat = false;
        boolean policyDrop = false;
        if (c.base() != null) {
            final Chain.Base b = c.base();
            switch (b.hook()) {
                case PREROUTING: hook = Hook.PREROUTING; break;
                case INPUT: hook = Hook.INPUT; break;
                case FORWARD: hook = Hook.FORWARD; break;
                case OUTPUT: hook = Hook.OUTPUT; break;
                case POSTROUTING: hook = Hook.POSTROUTING; break;
                default: notModelled(b.pos(), "the " + b.hook().nft() + " hook"); break;
            }
            priority = b.priority();
            nat = b.type() == Chain.Type.NAT;
            policyDrop = b.policyDrop();
            if (nat && hook == Hook.FORWARD) {
                error(b.pos(), "a nat chain cannot hook forward");
            } else if (nat && bridge) {
                notModelled(b.pos(), "a nat chain in a bridge table (the kernel's nat chains, nft_chain_nat.c,"
                        + " hook ip, ip6 and inet only)");
            }
        }
        final List<Rule> rules = c.rules();
        final Insn[][] code = new Insn[rules.size()][];
        final String[] texts = new String[rules.size()];
        final boolean[] drops = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            final Rule r = rules.get(i);
            code[i] = rule(r, nat);
            texts[i] = text.apply(r);
            for (final Insn in : code[i]) {
                drops[i] |= in.op == Insn.REJECT || in.op == Insn.VERDICT && in.kind == Insn.V_DROP;
                if (in.op == Insn.NAT && hook != null) {
                    natPlace(in, hook, nat);
                }
            }
        }
        final Program.ChainCode cc = new Program.ChainCode(qualified ? table.name() + "/" + c.name() : c.name(),
                table.family().nft() + " " + table.name(), hook, priority, nat,
                policyDrop, code, texts, drops);
        cc.family = table.family() == Family.IP ? 4 : table.family() == Family.IP6 ? 6 : 0; // bridge: both
        cc.registered = c.registered();
        return cc;
    }

    /** NAT statements the kernel refuses where they stand (nft_nat_validate: nat chains, at their hooks). */
    private void natPlace(final Insn in, final Hook hook, final boolean nat) {
        final String what = Stmt.NatKind.values()[in.kind].name().toLowerCase(java.util.Locale.ROOT);
        final boolean dst = in.kind == Stmt.NatKind.DNAT.ordinal() || in.kind == Stmt.NatKind.REDIRECT.ordinal();
        if (!nat) {
            error(in.pos, what + " is only valid in a nat chain (type nat)");
        } else if (dst && hook != Hook.PREROUTING && hook != Hook.OUTPUT) {
            error(in.pos, what + " is only valid at the prerouting and output hooks");
        } else if (!dst && hook != Hook.POSTROUTING && hook != Hook.INPUT) {
            error(in.pos, what + " is only valid at the postrouting and input hooks");
        }
    }

    private Insn[] rule(final Rule r, final boolean natChain) {
        final List<Insn> out = new ArrayList<>();
        for (final Stmt s : r.items()) {
            try {
                stmts.compile(s, out);
            } catch (final Operands.Refused e) {
                notModelled(e.pos, e.getMessage());
            }
        }
        return out.toArray(new Insn[0]);
    }

    /** The global index of chain {@code name} of the current table, or -1 (reported). */
    int chainIndex(final String name, final Pos pos) {
        final Chain c = table.chains().get(name);
        if (c == null) {
            error(pos, "no chain named '" + name + "' in table " + table.name());
            return -1;
        }
        if (c.base() != null) {
            error(pos, "cannot jump to base chain '" + name + "'");
        }
        return chainIndex.get(c);
    }

    /** The slot of named set {@code name} of the current table, or -1 (reported). */
    int setSlot(final String name, final Pos pos) {
        final NamedSet s = table.sets().get(name);
        if (s == null) {
            error(pos, "no set named '" + name + "' in table " + table.name());
            return -1;
        }
        return setIndex.get(s);
    }

    NamedSet namedSet(final String name) {
        return table.sets().get(name);
    }

    /** A new anonymous set slot. */
    int addSet(final KeySet k) {
        sets.add(k);
        return sets.size() - 1;
    }

    /** The slot of a named object of the current table, or -1 (reported). */
    int objectSlot(final Stmt.ObjKind kind, final String name, final Pos pos) {
        final NamedObject o = table.object(kind, name);
        if (o == null) {
            error(pos, "no " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " named '" + name + "' in table "
                    + table.name());
            return -1;
        }
        final Integer slot = objectSlot.get(o);
        return slot == null ? -1 : slot;
    }

    private final List<String> recentLists = new ArrayList<>();

    /** The interface ids of flowtable {@code name}'s devices, as a bit mask (reported when absent). */
    long flowtableDevices(final String name, final Pos pos) {
        final dev.ftpsim.core.rules.Flowtable ft = table.flowtables().get(name);
        if (ft == null) {
            error(pos, "no flowtable named '" + name + "' in table " + table.name());
            return 0;
        }
        long mask = 0;
        for (final String d : ft.devices()) {
            for (final long id : ops.ifaceIds(d)) {
                if (id < 64) {
                    mask |= 1L << id;
                }
            }
        }
        return mask;
    }

    /** The slot of the {@code recent} list {@code name} (lists are shared by every rule naming them). */
    int recentSlot(final String name) {
        if (!recentLists.contains(name)) {
            recentLists.add(name);
        }
        return recentLists.indexOf(name);
    }

    /** A limit kept per element of a dynamic set (a meter's, hashlimit's). */
    int addElementLimit(final Stmt.Limit l) {
        elementLimits.add(spec(l));
        return elementLimits.size() - 1;
    }

    private Program.LimitSpec spec(final Stmt.Limit l) {
        if (l.rate() < 1) {
            // the kernel refuses it (nft 1.0.6: "Invalid argument"); a bucket that never refills would divide by 0
            error(l.pos(), "limit rate " + l.rate() + ": a rate must be at least 1, as the kernel requires");
        } else {
            try {
                // the bucket's depth in ns (TokenBuckets.maxTokens); nft_limit_init refuses one that overflows
                // (nft 1.0.6: "Value too large for defined data type"), and here it would turn negative
                final long unitNs = Math.multiplyExact(l.unitMs(), 1_000_000L);
                Math.multiplyExact(l.bytes() ? unitNs : unitNs / l.rate(), l.bytes() ? Math.addExact(l.rate(),
                        l.burst()) : l.burst());
            } catch (final ArithmeticException e) {
                error(l.pos(), "limit burst " + l.burst() + ": the bucket (burst times the period over the rate) is"
                        + " too large, as the kernel finds it");
            }
        }
        return new Program.LimitSpec(l.rate(), l.unitMs() * 1_000_000L, l.burst(), l.bytes(), l.over());
    }

    int addLimit(final Stmt.Limit l) {
        limits.add(spec(l));
        return limits.size() - 1;
    }

    /** A quota slot: its size, the bytes already used, and 1 for {@code over} (match past it), 0 for until. */
    int addQuota(final long bytes, final long used, final boolean over) {
        quotas.add(new long[] {bytes, Math.max(0, used), over ? 1 : 0});
        return quotas.size() - 1;
    }

    /** A new connection count list. */
    int addConnCount() {
        return connCounts++;
    }

    private void object(final NamedObject o) {
        if (o instanceof NamedObject.CounterObj c) {
            objectSlot.put(o, counters.size());
            counters.add(c.name());
        } else if (o instanceof NamedObject.CtHelperObj h) {
            objectSlot.put(o, helpers.size());
            helpers.add(new Program.HelperObj(h.name(), h.helper()));
        } else if (o instanceof NamedObject.LimitObj l) {
            objectSlot.put(o, addLimit(l.limit()));
        } else if (o instanceof NamedObject.QuotaObj q) {
            objectSlot.put(o, addQuota(q.bytes(), q.used(), q.over()));
        } else if (o instanceof NamedObject.CtTimeoutObj t) {
            objectSlot.put(o, timeouts.size());
            timeouts.add(CtObjects.timeout(t, this));
        } else if (o instanceof NamedObject.CtExpectationObj x) {
            objectSlot.put(o, expects.size());
            expects.add(new Program.ExpectObj(x.name(), x.l4proto(), x.dport(),
                    x.timeoutMs() < 0 ? -1 : x.timeoutMs() * 1_000_000L, x.size()));
        }
    }

    private KeySet namedSet(final NamedSet s) {
        final List<DataType> types = s.keyType();
        final KeySet k = new KeySet(Math.max(1, keyWidth(types)));
        if (types.stream().anyMatch(t -> t == DataType.ETHER_ADDR && !bridge)) {
            return k; // never looked up: only a bridge's frames have an Ethernet header
        }
        final Operands.Left left = typedLeft(types);
        stmts.withObjectData(s.dataObject(), () -> {
            for (final Expr.Element e : s.elements()) {
                try {
                    elementInto(k, e, left, s.timeoutMs());
                } catch (final Operands.Refused r) {
                    notModelled(r.pos, r.getMessage());
                }
            }
        });
        k.seal();
        return k;
    }

    static Operands.Left typedLeft(final List<DataType> types) {
        final List<DataType> words = new java.util.ArrayList<>();
        for (final DataType t : types) {
            words.add(t);
            if (t == DataType.IPV6_ADDR) {
                words.add(t); // two 64-bit words
            }
        }
        final int n = words.size();
        final long[] m = new long[n];
        java.util.Arrays.fill(m, -1L);
        return new Operands.Left(new int[n], m, new long[n], words.toArray(new DataType[0]), 0);
    }

    /** Key components of a set's type: an ipv6_addr takes two (its 64-bit words). */
    static int keyWidth(final List<DataType> types) {
        int n = 0;
        for (final DataType t : types) {
            n += t == DataType.IPV6_ADDR ? 2 : 1;
        }
        return n;
    }

    /** Adds an element (a map's data too) to a set; timeouts count from the start of the run. */
    void elementInto(final KeySet k, final Expr.Element e, final Operands.Left left, final long setTimeoutMs) {
        final long t = e.expiresMs() >= 0 ? e.expiresMs() : e.timeoutMs() >= 0 ? e.timeoutMs() : setTimeoutMs;
        final long expires = t > 0 ? t * 1_000_000L : Long.MAX_VALUE;
        long dLo = 0;
        long dHi = 0;
        if (e.data() != null) {
            final long[] d = stmts.data(e.data());
            dLo = d[0];
            dHi = d[1];
        }
        for (final long[][] key : ops.keys(e.key(), left)) {
            k.add(key[0], key[1], dLo, dHi, expires);
        }
    }

    /**
     * Refuses jump cycles and chains nested deeper than the kernel's jump stack, as nft -c does, at
     * the jump of the base chain that leads there. The longest path is found once per chain (a
     * depth-first search without recursion), so chains that each jump several times to the next
     * cost their jumps, not every path through them.
     */
    private void checkDepth() {
        final int n = chains.size();
        final int[] state = new int[n]; // 0 not seen, 1 on the search's path, 2 done
        final int[] longest = new int[n]; // jumps on the longest path from the chain; LOOP when it reaches a loop
        final Pos[] via = new Pos[n]; // the jump that starts that path
        for (int i = 0; i < n; i++) {
            final Program.ChainCode c = chains.get(i);
            if (c == null || c.hook == null) {
                continue;
            }
            search(i, state, longest, via);
            if (longest[i] > JUMP_STACK) {
                error(via[i], "chain " + c.name + ": " + (longest[i] == LOOP ? "its jumps loop back to a chain on"
                        + " the way (the kernel refuses a loop)" : "jumps nest deeper than " + JUMP_STACK
                        + " chains (the kernel's jump stack)"));
            }
        }
    }

    private static final int LOOP = Integer.MAX_VALUE;

    private void search(final int root, final int[] state, final int[] longest, final Pos[] via) {
        if (state[root] == 2) {
            return;
        }
        final ArrayDeque<int[]> stack = new ArrayDeque<>(); // {chain, next target}
        final Map<Integer, List<Object[]>> targets = new HashMap<>();
        stack.push(new int[] {root, 0});
        state[root] = 1;
        while (!stack.isEmpty()) {
            final int[] top = stack.peek();
            final List<Object[]> ts = targets.computeIfAbsent(top[0], this::jumps);
            if (top[1] < ts.size()) {
                final Object[] t = ts.get(top[1]++);
                final int to = (Integer) t[0];
                if (state[to] == 1) {
                    join(top[0], LOOP, (Pos) t[1], longest, via);
                } else if (state[to] == 0) {
                    state[to] = 1;
                    stack.push(new int[] {to, 0});
                } else {
                    join(top[0], longest[to] == LOOP ? LOOP : longest[to] + 1, (Pos) t[1], longest, via);
                }
                continue;
            }
            stack.pop();
            state[top[0]] = 2;
            final int[] parent = stack.peek();
            if (parent != null) {
                final Object[] t = targets.get(parent[0]).get(parent[1] - 1);
                join(parent[0], longest[top[0]] == LOOP ? LOOP : longest[top[0]] + 1, (Pos) t[1], longest, via);
            }
        }
    }

    private static void join(final int chain, final int length, final Pos at, final int[] longest, final Pos[] via) {
        if (length > longest[chain]) {
            longest[chain] = length;
            via[chain] = at;
        }
    }

    /** The chains a chain jumps or goes to, each once, with the position of its first jump there. */
    private List<Object[]> jumps(final int chain) {
        final Map<Integer, Object[]> out = new LinkedHashMap<>();
        final Program.ChainCode c = chains.get(chain);
        if (c == null) {
            return List.of();
        }
        for (final Insn[] r : c.rules) {
            for (final Insn in : r) {
                if (in.op == Insn.VERDICT && (in.kind == Insn.V_JUMP || in.kind == Insn.V_GOTO) && in.slot >= 0) {
                    out.putIfAbsent(in.slot, new Object[] {in.slot, in.pos});
                }
                if (in.op == Insn.VMAP) {
                    for (final int target : StmtCompiler.vmapTargets(sets.get(in.slot))) {
                        out.putIfAbsent(target, new Object[] {target, in.pos});
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }
}
