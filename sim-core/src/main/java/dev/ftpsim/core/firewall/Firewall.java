package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.rules.Stmt;
import dev.ftpsim.core.rules.vm.Jhash;
import dev.ftpsim.core.rules.vm.Machine;
import dev.ftpsim.core.rules.vm.Program;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A firewall on one node: a compiled ruleset ({@link Program}) run by the rule machine on
 * netfilter's hooks, with or without connection tracking.
 *
 * <p>Hook order, by priority as in the kernel: conntrack (-200) classifies each packet at
 * PREROUTING and OUTPUT (a raw-priority {@code notrack} rule runs before it); the filter chains run
 * at their own priorities; NAT chains run once per new connection at -100 (destination NAT,
 * PREROUTING/OUTPUT) and 100 (source NAT, POSTROUTING/INPUT), after which every packet of a
 * translated connection is rewritten; helpers see payload at 300; the new connection is confirmed
 * into the table last.
 *
 * <p>A stateless firewall has no conntrack: rules can match only addresses, ports and
 * interfaces, which is how the classic "open every port above 1023" setups work.
 */
public final class Firewall {
    /** Netfilter priorities (include/uapi/linux/netfilter_ipv4.h). */
    static final int PRI_CONNTRACK = -200;
    static final int PRI_NAT_DST = -100;
    static final int PRI_NAT_SRC = 100;
    static final int PRI_CONNTRACK_HELPER = 300;
    static final int PRI_CONNTRACK_CONFIRM = Integer.MAX_VALUE;

    /** Told of every decision a chain makes; for reports, traces and ladder diagrams. */
    public interface Listener {
        /**
         * @param rule the index of the rule that decided in {@code chain}, or -1 when the base chain's policy did
         * @param dropped true for drop and reject
         */
        void decided(Firewall fw, Hook hook, Program.ChainCode chain, int rule, Packet p, boolean dropped);

        /** Conntrack refused a packet: "table full", "nat ports exhausted", "insert failed", "helper". */
        default void conntrackDrop(Firewall fw, Hook hook, Packet p, String reason) {}

        /**
         * Conntrack classified a packet arriving ({@code PREROUTING}) or sent by the node
         * ({@code OUTPUT}), before any chain: told even where no filter chain will judge it.
         */
        default void tracked(Firewall fw, Hook hook, Packet p) {}
    }

    /**
     * Told of everything a packet meets, as {@code nft monitor trace} prints it: each decision (nat
     * chains' accepts included), each jump and goto, and each NAT rewrite.
     */
    public interface Tracer {
        /**
         * A chain decided ({@code rule} -1: the policy) or, with {@code to} set, jumped or went to {@code to};
         * {@code in} and {@code out} are the hook's interfaces (null where the hook has none).
         */
        void met(Firewall fw, Hook hook, NetInterface in, NetInterface out, Program.ChainCode chain, int rule,
                Packet p, boolean dropped, Program.ChainCode to, boolean isGoto);

        /** The NAT hook rewrote the packet from {@code before} ("src:sport > dst:dport") to its present tuple. */
        void translated(Firewall fw, Hook hook, Packet p, String before);
    }

    final Node node;
    final Program program;
    final Conntrack conntrack;
    final ConntrackHelper[] helperBySlot;
    /** Random port offsets of NAT's random and fully-random flags (get_random_u16 in the kernel). */
    private dev.ftpsim.core.kernel.RandomStream natRandom;
    /** Per {@code ct timeout} object: the node's timeouts with the object's in their place. */
    final long[][] timeoutsBySlot;
    private final Machine vm;
    final List<String> log = new ArrayList<>();
    Listener listener;
    Tracer tracer;
    /** Filters run for their side effects only (helper assignment, marks) and never drop or reject: see {@link #openFilters}. */
    boolean open;
    /**
     * A {@code ct helper set} (or iptables' {@code -j CT --helper}) in a chain before conntrack (raw,
     * priority -300) sets the helper of the conntrack template; the connection conntrack then makes
     * for that packet gets it, as xt_CT/nft_ct do. The packet and the helper object's slot, or null.
     */
    Packet templatePacket;
    /** Connections a {@code flow add} offloaded: their packets skip the forward chains (nf_flow_table). */
    final java.util.IdentityHashMap<ConnEntry, Boolean> offloaded = new java.util.IdentityHashMap<>();
    int templateHelper;
    /** The hook being run, for the listener (the machine does not know it). */
    Hook current;
    /** The hook's interfaces, kept for the tracer only. */
    NetInterface currentIn, currentOut;

    private Firewall(final Node node, final Program program, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        this(node, program, ct, helpers, false);
    }

    private Firewall(final Node node, final Program program, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers, final boolean bridge) {
        this.node = node;
        this.program = program;
        this.conntrack = ct == null ? null : new Conntrack(node.network().simulator(), ct);
        if (conntrack != null) {
            conntrack.setIpv6(node.network().ipv6());
        }
        if (conntrack == null && program.conntrackUser() != null && !bridge) {
            throw new IllegalArgumentException(program.conntrackUser() + " needs connection tracking, but this firewall"
                    + " is stateless");
        }
        final List<Program.HelperObj> objs = program.helpers();
        helperBySlot = new ConntrackHelper[objs.size()];
        for (int i = 0; i < objs.size(); i++) {
            final Program.HelperObj h = objs.get(i);
            // a helper type ftpsim lacks is assigned by name but inspects nothing
            helperBySlot[i] = helpers.stream().filter(x -> x.type().equals(h.type())).findFirst().orElse(null);
        }
        timeoutsBySlot = new long[program.timeouts().size()][];
        for (int i = 0; i < timeoutsBySlot.length && conntrack != null; i++) {
            timeoutsBySlot[i] = timeouts(program.timeouts().get(i), conntrack.config());
        }
        this.vm = new Machine(program, new FirewallVmHost(this));
        if (bridge && conntrack == null) {
            // nft_ct_get_eval (net/netfilter/nft_ct.c): a frame with no conntrack entry, and not
            // marked untracked, is in state invalid
            node.hooks().register(Hook.PREROUTING, PRI_CONNTRACK, (hook, p, in, out) -> {
                p.ctInfo = CtState.INVALID;
                return Verdict.ACCEPT;
            });
        }
        install();
    }

    /** A stateful firewall running one-line rules: connection tracking with {@code ct}, and the helper implementations. */
    public static Firewall stateful(final Node node, final Ruleset ruleset, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        return new Firewall(node, OneLineRules.compile(ruleset, interfaceNames(node)), ct, helpers);
    }

    /** A stateful firewall running a compiled ruleset file. */
    public static Firewall stateful(final Node node, final Program program, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        return new Firewall(node, program, ct, helpers);
    }

    /**
     * A switch's firewall: a program of bridge tables ({@code Compiler.compileBridge}) on the frames
     * it bridges. With {@code ct} the switch tracks connections as nf_conntrack_bridge does
     * (net/bridge/netfilter/nf_conntrack_bridge.c, Linux 5.3+: conntrack at bridge prerouting, helpers
     * and confirmation at postrouting and input); without it (null) there is no conntrack, and
     * {@code ct state} reads {@code invalid} for every frame, as on a kernel without that module.
     */
    public static Firewall bridge(final Node node, final Program program, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        return new Firewall(node, program, ct, helpers, true);
    }

    /** A packet filter without connection tracking, running one-line rules. */
    public static Firewall stateless(final Node node, final Ruleset ruleset) {
        return new Firewall(node, OneLineRules.compile(ruleset, interfaceNames(node)), null, List.of());
    }

    /** A packet filter without connection tracking, running a compiled ruleset file. */
    public static Firewall stateless(final Node node, final Program program) {
        return new Firewall(node, program, null, List.of());
    }

    /**
     * A timeout object's policy over the node's defaults (cttimeout: states the object leaves out keep
     * the sysctl's); udp's replied default is nf_conntrack_udp_timeout_stream, 120 s.
     */
    private static long[] timeouts(final Program.TimeoutObj o, final ConntrackConfig cfg) {
        final long[] out = o.l4proto() == Packet.PROTO_TCP ? cfg.tcpTimeouts().clone()
                : new long[] {cfg.udpTimeout(), 120 * dev.ftpsim.core.units.Units.NS_PER_S};
        for (int i = 0; i < out.length && i < o.policyNs().length; i++) {
            if (o.policyNs()[i] >= 0) {
                out[i] = o.policyNs()[i];
            }
        }
        return out;
    }

    /**
     * find_best_ips_proto (net/netfilter/nf_nat_core.c): an address of {@code [lo, hi]} chosen by
     * jhash2 of the tuple's source address, seeded with its destination address (zone 0), so a client
     * keeps its address towards one server; with {@code persistent} the seed is 0 and the client gets
     * the same address towards every server. Addresses are hashed as the kernel's memory holds them
     * (network order read as little-endian words).
     */
    static int bestAddress(final int lo, final int hi, final int src, final int dst, final int flags) {
        if (lo == hi) {
            return lo;
        }
        final boolean persistent = (flags & Stmt.NAT_PERSISTENT) != 0;
        final int j = Jhash.hash2(Integer.reverseBytes(src), persistent ? 0 : Integer.reverseBytes(dst));
        final long dist = ((hi - lo) & 0xffffffffL) + 1;
        return lo + (int) Jhash.scale(j, dist);
    }

    dev.ftpsim.core.kernel.RandomStream natRandom() {
        if (natRandom == null) {
            natRandom = node.network().simulator().streams().stream("nat/" + node.name()); // once per firewall
        }
        return natRandom;
    }

    /** The names rules may use for a node's interfaces: each one's own, and its group's. */
    public static List<String> interfaceNames(final Node node) {
        final Set<String> out = new LinkedHashSet<>();
        for (final NetInterface i : node.interfaces()) {
            out.add(i.group());
            out.add(i.name());
        }
        return List.copyOf(out);
    }

    public Node node() {
        return node;
    }

    public Program program() {
        return program;
    }

    /** The first chain named {@code name} (tables in order), or null. */
    public Program.ChainCode chain(final String name) {
        for (final Program.ChainCode c : program.chains()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The node's connection tracking, or null for a stateless firewall. */
    public Conntrack conntrack() {
        return conntrack;
    }

    public void setListener(final Listener l) {
        listener = l;
    }

    /** Sets the tracer (null removes it); without one, tracing costs no work per packet. */
    public void setTracer(final Tracer t) {
        tracer = t;
        vm.setTracer(t == null ? null
                : (from, rule, to, isGoto, p) -> t.met(this, current, currentIn, currentOut, from, rule, p, false, to,
                        isGoto));
    }

    /** Packets and bytes that reached the end of rule {@code rule} (0-based) of a chain. */
    public long[] counter(final Program.ChainCode chain, final int rule) {
        return vm.counter(chain, rule);
    }

    /** Packets and bytes that met a base chain's policy (no rule decided). */
    public long[] policyCounter(final Program.ChainCode c) {
        return vm.policyCounter(c);
    }

    /** "forward rule 3: iif wan drop", or "forward policy drop" when {@code rule} is -1. */
    public static String describe(final Program.ChainCode chain, final int rule) {
        if (rule < 0) {
            return chain.name() + " policy " + (chain.policyDrop() ? "drop" : "accept");
        }
        return chain.name() + " rule " + (rule + 1) + ": " + chain.text(rule);
    }

    /**
     * Packets each dropping rule and policy dropped, by {@link #describe}, base chains in hook and
     * priority order, then regular chains; rules and policies that never dropped are left out.
     */
    public Map<String, Long> drops() {
        final Map<String, Long> out = new LinkedHashMap<>();
        final List<Program.ChainCode> order = new ArrayList<>(program.chains());
        order.sort(Comparator.comparing((Program.ChainCode c) -> c.hook() == null ? Hook.values().length
                : c.hook().ordinal()).thenComparingInt(Program.ChainCode::priority));
        for (final Program.ChainCode c : order) {
            for (int i = 0; i < c.size(); i++) {
                final long n = c.drops(i) ? vm.counter(c, i)[0] : 0;
                if (n > 0) {
                    out.put(describe(c, i), n);
                }
            }
            if (c.hook() != null && c.policyDrop() && vm.policyCounter(c)[0] > 0) {
                out.put(describe(c, -1), vm.policyCounter(c)[0]);
            }
        }
        return out;
    }

    /** Packets and bytes of a named counter object. */
    public long[] namedCounter(final String name) {
        return vm.namedCounter(name);
    }

    /**
     * Makes this firewall translate without filtering: connection tracking, helpers and NAT work as
     * configured, the rules still run (a {@code ct helper set} still assigns its helper), but no
     * rule or policy drops or rejects. What "every firewall open" means for deriving the channels
     * traffic needs: a firewall that also translates must keep translating, or traffic dialled to
     * a DNAT address never reaches the server. Call before any packet.
     */
    public void openFilters() {
        open = true;
    }

    /** Lines written by {@code log} statements: simulated time (ns), prefix, chain, packet. */
    public List<String> log() {
        return List.copyOf(log);
    }

    private void install() {
        final var hooks = node.hooks();
        if (conntrack != null) {
            for (final Hook h : new Hook[] {Hook.PREROUTING, Hook.OUTPUT}) {
                hooks.register(h, PRI_CONNTRACK, (hook, p, in, out) -> {
                    if (in != null && in.isLoopback()) {
                        // nf_conntrack_in: "Previously seen (loopback or untracked)? Ignore."
                        return Verdict.ACCEPT;
                    }
                    if (hook == Hook.OUTPUT && p.ctAttach instanceof ConnEntry e) {
                        // An ICMP error or a reject's reset this node sends about a packet it tracked
                        // carries that packet's connection (nf_ct_attach), which nf_conntrack_in then
                        // leaves alone.
                        p.ct = e;
                        p.ctDir = p.ctAttachDir;
                        p.ctInfo = CtState.RELATED;
                        p.ctAttach = null;
                        if (listener != null) {
                            listener.tracked(this, hook, p);
                        }
                        return Verdict.ACCEPT;
                    }
                    if (conntrack.track(p)) {
                        if (templatePacket == p) {
                            templatePacket = null;
                            if (p.ct instanceof ConnEntry e) {
                                conntrack.assignHelper(e, helperBySlot[templateHelper],
                                        program.helpers().get(templateHelper).name());
                            }
                        }
                        if (listener != null) {
                            listener.tracked(this, hook, p);
                        }
                        return Verdict.ACCEPT;
                    }
                    conntrackDrop(hook, p, "table full");
                    return Verdict.DROP;
                });
            }
            for (final Hook h : Hook.values()) {
                if (h == Hook.FORWARD) {
                    continue;
                }
                final boolean dst = h == Hook.PREROUTING || h == Hook.OUTPUT;
                final int[] natChains = indexes(program.at(h, true));
                hooks.register(h, dst ? PRI_NAT_DST : PRI_NAT_SRC, (hook, p, in, out) -> nat(hook, natChains, dst, p,
                        in, out));
            }
            for (final Hook h : new Hook[] {Hook.POSTROUTING, Hook.INPUT}) {
                hooks.register(h, PRI_CONNTRACK_HELPER, (hook, p, in, out) -> {
                    // From lo the helper saw it at POSTROUTING; Linux runs it again, and the
                    // expectation it makes replaces its twin (nf_ct_expect_related's clash check).
                    if ((in != null && in.isLoopback()) || conntrack.runHelper(p)) {
                        return Verdict.ACCEPT;
                    }
                    conntrackDrop(hook, p, "helper");
                    return Verdict.DROP;
                });
                hooks.register(h, PRI_CONNTRACK_CONFIRM, (hook, p, in, out) -> {
                    if (conntrack.confirm(p)) {
                        return Verdict.ACCEPT;
                    }
                    conntrackDrop(hook, p, conntrack.count() >= conntrack.config().max() ? "table full"
                            : "insert failed");
                    return Verdict.DROP;
                });
            }
        }
        for (final Hook h : Hook.values()) {
            for (final Program.ChainCode c : program.at(h, false)) {
                final int ix = program.chains().indexOf(c);
                // nf_flow_table_ip.c: an offloaded flow is forwarded from the ingress hook, so it meets
                // no prerouting, forward or postrouting chain (a local connection is never offloaded)
                final boolean fastPath = h == Hook.PREROUTING || h == Hook.FORWARD || h == Hook.POSTROUTING;
                hooks.register(h, c.priority(), (hook, p, in, out) -> {
                    if (fastPath && !offloaded.isEmpty() && p.ct instanceof ConnEntry e && offloaded.containsKey(e)) {
                        if (!p.has(Packet.FIN) && !p.has(Packet.RST)) {
                            return Verdict.ACCEPT; // the flowtable's fast path
                        }
                        offloaded.remove(e); // teardown: FIN and RST go back to the classic path
                    }
                    current = hook;
                    if (tracer != null) {
                        currentIn = in;
                        currentOut = out;
                    }
                    final Verdict v = vm.run(ix, p, in, out);
                    return open && v == Verdict.DROP ? Verdict.ACCEPT : v;
                });
            }
        }
    }

    private int[] indexes(final List<Program.ChainCode> cs) {
        final int[] out = new int[cs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = program.chains().indexOf(cs.get(i));
        }
        return out;
    }

    void conntrackDrop(final Hook hook, final Packet p, final String reason) {
        if (listener != null) {
            listener.conntrackDrop(this, hook, p, reason);
        }
    }

    /**
     * NAT hook: for a connection's first packet, the nat chains choose a binding (an accept or no
     * match binds nothing); then every packet of a translated connection is rewritten.
     */
    private Verdict nat(final Hook hook, final int[] chains, final boolean dst, final Packet p,
            final NetInterface in, final NetInterface out) {
        // A connection's first packet binds it. An ICMP error attached to it in the reply direction is
        // only translated (nf_nat_ipv4_fn: nf_nat_icmp_reply_translation, then return), but a reject's
        // reset is RELATED and not ICMP, so nf_nat_inet_fn runs the source nat chains for it too while
        // the connection has no source binding (its SYN never reached postrouting): on Linux 6.18 a
        // port forward's postrouting masquerade counted the forward chain's reset. Whatever those bind,
        // the reset leaves with the other direction's addresses (nf_nat_packet).
        if (chains.length > 0 && p.ct instanceof ConnEntry e && !e.is(ConnEntry.CONFIRMED)
                && (p.ctDir == 0 ? (p.ctInfo & (CtState.NEW | CtState.RELATED)) != 0
                        : !dst && p.ctInfo == CtState.RELATED && p.protocol == Packet.PROTO_TCP)
                && !e.is(dst ? ConnEntry.DST_NAT : ConnEntry.SRC_NAT)) {
            current = hook;
            currentIn = in;
            currentOut = out;
            for (final int chain : chains) {
                if (vm.run(chain, p, in, out) == Verdict.DROP && !open) {
                    return Verdict.DROP;
                }
                if (e.is(dst ? ConnEntry.DST_NAT : ConnEntry.SRC_NAT)) {
                    break;
                }
            }
        }
        final String before = tracer == null ? null : tuple(p);
        if (dst) {
            conntrack.natDestination(p);
        } else {
            conntrack.natSource(p);
        }
        if (before != null && !before.equals(tuple(p))) {
            tracer.translated(this, hook, p, before);
        }
        return Verdict.ACCEPT;
    }

    /** "10.0.1.2:40000 > 203.0.113.10:21", for traces; IPv6 "[2001:db8::1]:40000 > [2001:db8::2]:21" (RFC 5952 section 6). */
    public static String tuple(final Packet p, final dev.ftpsim.core.net.Ipv6Addresses a6) {
        return endpoint(p.src, p.sport, a6) + " > " + endpoint(p.dst, p.dport, a6);
    }

    /** One end of a packet as traces write it: address and port, an IPv6 address in brackets. */
    public static String endpoint(final int ip, final int port, final dev.ftpsim.core.net.Ipv6Addresses a6) {
        return (dev.ftpsim.core.net.Ipv6.isId(ip) ? "[" + a6.format(ip) + "]" : dev.ftpsim.core.net.Ipv4.format(ip))
                + ":" + port;
    }

    private String tuple(final Packet p) {
        return tuple(p, node.network().ipv6());
    }

    static boolean chainIsNat(final Program.ChainCode chain) {
        return chain.nat();
    }
}
