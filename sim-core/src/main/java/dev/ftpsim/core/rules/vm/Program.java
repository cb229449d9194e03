package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.net.Hook;
import java.util.List;
import java.util.Map;

/**
 * A ruleset compiled for one node: every chain as an array of flat rule programs, the base chains
 * each hook runs in priority order (tables of all families a IPv4 packet meets), and the prototypes
 * of sets, counters, limits and helper objects. Immutable: each {@link Machine} keeps its own state,
 * so one program can serve several runs.
 */
public final class Program {
    /** A compiled chain; {@code hook} is null for a regular chain. */
    public static final class ChainCode {
        final String name;
        final String table;
        final Hook hook;
        final int priority;
        final boolean nat;
        final boolean policyDrop;
        final Insn[][] rules;
        /** Per rule: the text reports show, and whether its verdict drops (drop, reject). */
        final String[] texts;
        final boolean[] drops;
        /** The table's family: 4 (ip), 6 (ip6), 0 (inet: both). */
        int family;
        /** When its base chain was registered, relative to the others of the ruleset (see {@link dev.ftpsim.core.rules.Chain#registered}). */
        long registered;

        ChainCode(final String name, final String table, final Hook hook, final int priority, final boolean nat,
                final boolean policyDrop, final Insn[][] rules, final String[] texts, final boolean[] drops) {
            this.name = name;
            this.table = table;
            this.hook = hook;
            this.priority = priority;
            this.nat = nat;
            this.policyDrop = policyDrop;
            this.rules = rules;
            this.texts = texts;
            this.drops = drops;
        }

        /** The chain's name, as reports print it. */
        public String name() {
            return name;
        }

        /** The chain's table with its family, as nft prints it: "ip filter", "inet fw4". */
        public String table() {
            return table;
        }

        /** The hook of a base chain, or null. */
        /** The table's family: 4 (ip), 6 (ip6), 0 (inet: both). */
        public int family() {
            return family;
        }

        public Hook hook() {
            return hook;
        }

        public int priority() {
            return priority;
        }

        /** Whether this is a {@code type nat} base chain (it sees a connection's first packet only). */
        public boolean nat() {
            return nat;
        }

        public boolean policyDrop() {
            return policyDrop;
        }

        /** Number of rules. */
        public int size() {
            return rules.length;
        }

        /** The text of rule {@code i} (0-based). */
        public String text(final int i) {
            return texts[i];
        }

        /** Whether rule {@code i} ends in drop or reject. */
        public boolean drops(final int i) {
            return drops[i];
        }
    }

    /** A {@code limit} slot: the token bucket's cost per packet (or byte) and depth, in ns, and {@code over}. */
    record LimitSpec(long rate, long unitNs, long burst, boolean bytes, boolean over) { }

    /** A {@code ct helper} object: its name and the kernel helper type it instantiates. */
    public record HelperObj(String name, String type) { }

    /**
     * A {@code ct timeout} object: its protocol and per-state timeouts in ns, -1 where the object keeps the
     * node's default; for tcp indexed like {@code ConntrackConfig.tcpTimeouts}, for udp {unreplied, replied}.
     */
    public record TimeoutObj(String name, int l4proto, long[] policyNs) { }

    /** A {@code ct expectation} object: the expected connection's protocol and port, lifetime (ns) and limit. */
    public record ExpectObj(String name, int l4proto, int dport, long timeoutNs, int size) { }

    /**
     * A {@code jhash} expression: its key's loads, each component's byte width as nft lays it into
     * registers (concatenations pad each to 4 bytes), and whether it is in network byte order.
     */
    record JhashSpec(Insn key, int[] widths, boolean[] network, int length, long modulus, long seed, long offset) { }

    final List<ChainCode> chains;
    /** Per {@link Hook} ordinal: filter/route base chains, ascending priority. */
    final int[][] filterChains;
    /** Per {@link Hook} ordinal: nat base chains, ascending priority. */
    final int[][] natChains;
    final KeySet[] sets;
    final String[] counterNames;
    final LimitSpec[] limits;
    final long[][] quotas;
    final HelperObj[] helpers;
    final Map<String, Integer> helperTypeIds;
    final List<String> interfaceNames;
    private final List<HelperObj> helperList;
    private final List<TimeoutObj> timeoutList;
    private final List<ExpectObj> expectList;
    /** Number of xtables {@code recent} lists. */
    final int recentLists;
    /** numgen expressions: {random (1) or inc (0), modulus, offset}. */
    final long[][] numgens;
    final TimeoutObj[] timeouts;
    final ExpectObj[] expects;
    /** Number of connection count lists ({@code ct count}, connlimit). */
    final int connCounts;
    final JhashSpec[] jhashes;
    /** Limits kept per element of a dynamic set (meters, hashlimit), by set update. */
    final LimitSpec[] elementLimits;

    Program(final List<ChainCode> chains, final int[][] filterChains, final int[][] natChains, final KeySet[] sets,
            final String[] counterNames, final LimitSpec[] limits, final long[][] quotas, final HelperObj[] helpers,
            final Map<String, Integer> helperTypeIds, final List<String> interfaceNames, final int recentLists,
            final long[][] numgens, final TimeoutObj[] timeouts, final ExpectObj[] expects, final int connCounts,
            final JhashSpec[] jhashes, final LimitSpec[] elementLimits) {
        this.timeouts = timeouts;
        this.expects = expects;
        this.connCounts = connCounts;
        this.jhashes = jhashes;
        this.elementLimits = elementLimits;
        this.recentLists = recentLists;
        this.numgens = numgens;
        this.chains = List.copyOf(chains);
        this.filterChains = filterChains;
        this.natChains = natChains;
        this.sets = sets;
        this.counterNames = counterNames;
        this.limits = limits;
        this.quotas = quotas;
        this.helpers = helpers;
        this.helperTypeIds = Map.copyOf(helperTypeIds);
        this.interfaceNames = List.copyOf(interfaceNames);
        this.helperList = List.of(helpers);
        this.timeoutList = List.of(timeouts);
        this.expectList = List.of(expects);
    }

    /** All chains, base chains and regular ones, in table and declaration order. */
    public List<ChainCode> chains() {
        return chains;
    }

    /** The base chains at a hook in the order they run (nat chains apart: only new connections meet them). */
    public List<ChainCode> at(final Hook hook, final boolean nat) {
        final int[] ix = (nat ? natChains : filterChains)[hook.ordinal()];
        final ChainCode[] out = new ChainCode[ix.length];
        for (int i = 0; i < ix.length; i++) {
            out[i] = chains.get(ix[i]);
        }
        return List.of(out);
    }

    /** Names of the named counter objects. */
    public List<String> counterNames() {
        return List.of(counterNames);
    }

    /** The {@code ct timeout} objects, by slot. */
    public List<TimeoutObj> timeouts() {
        return timeoutList;
    }

    /** The {@code ct expectation} objects, by slot. */
    public List<ExpectObj> expectations() {
        return expectList;
    }

    /** The {@code ct helper} objects, by slot. */
    public List<HelperObj> helpers() {
        return helperList;
    }

    /**
     * What needs connection tracking ("chain forward: rule 'ct state new accept'", "chain
     * postrouting: NAT"), or null when nothing does: ct matches, helpers, notrack, NAT.
     */
    public String conntrackUser() {
        return conntrackUser(true);
    }

    /**
     * What in a switch's bridge tables a kernel without bridge conntrack refuses, or null: every ct
     * expression, statement and object takes a conntrack reference for the bridge family
     * (nf_ct_netns_get, net/netfilter/nf_conntrack_proto.c), which fails with -EPROTO without
     * nf_conntrack_bridge; notrack takes none (net/netfilter/nft_ct.c, nft_notrack_ops) and loads.
     */
    public String bridgeConntrackUser() {
        if (!helperList.isEmpty()) {
            return "ct helper " + helperList.get(0).name();
        }
        if (!timeouts().isEmpty()) {
            return "ct timeout " + timeouts().get(0).name();
        }
        if (!expectations().isEmpty()) {
            return "ct expectation " + expectations().get(0).name();
        }
        return conntrackUser(false);
    }

    private String conntrackUser(final boolean notrack) {
        for (final ChainCode c : chains) {
            if (c.nat) {
                return "chain " + c.name + ": NAT";
            }
            for (int r = 0; r < c.rules.length; r++) {
                for (final Insn i : c.rules[r]) {
                    boolean ct = i.op == Insn.HELPER || i.op == Insn.NAT || notrack && i.op == Insn.NOTRACK
                            || i.op == Insn.CT_TIMEOUT || i.op == Insn.CT_EXPECT || i.op == Insn.CT_COUNT
                            || i.op == Insn.SET_FIELD && i.kind == dev.ftpsim.core.rules.Field.CT_MARK.ordinal();
                    for (final int f : i.fields) {
                        ct |= Loads.conntrack(f);
                    }
                    if (ct) {
                        return "chain " + c.name + ": rule '" + c.texts[r] + "'";
                    }
                }
            }
        }
        return null;
    }
}
