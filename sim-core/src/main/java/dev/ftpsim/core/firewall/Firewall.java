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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A firewall on one node: a {@link Ruleset} evaluated on netfilter's hooks, with or without
 * connection tracking.
 *
 * <p>Hook order, by priority as in the kernel: conntrack (-200) classifies each packet at
 * PREROUTING and OUTPUT; the user's chains run at their own priorities; NAT chains run once per
 * new connection at -100 (destination NAT, PREROUTING/OUTPUT) and 100 (source NAT,
 * POSTROUTING/INPUT), after which every packet of a translated connection is rewritten; helpers
 * see payload at 300; the new connection is confirmed into the table last.
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
         * @param rule the rule that decided, or null when the chain's policy did
         * @param dropped true for drop and reject
         */
        void decided(Firewall fw, Hook hook, Chain chain, Rule rule, Packet p, boolean dropped);

        /** Conntrack refused a packet: "table full", "nat ports exhausted", "insert failed", "helper". */
        default void conntrackDrop(Firewall fw, Hook hook, Packet p, String reason) {}
    }

    private final Node node;
    private final Ruleset ruleset;
    private final Conntrack conntrack;
    private final Map<String, ConntrackHelper> helperByObject = new HashMap<>();
    /** Per chain: its rules as an array and their counters, so the packet path does no hashing. */
    private final Map<Chain, Compiled> compiled = new java.util.IdentityHashMap<>();
    private final Map<String, long[]> namedCounters = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private Listener listener;

    private Firewall(final Node node, final Ruleset ruleset, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        this.node = node;
        this.ruleset = ruleset;
        this.conntrack = ct == null ? null : new Conntrack(node.network().simulator(), ct);
        for (final Ruleset.HelperObject h : ruleset.helpers().values()) {
            final ConntrackHelper impl = helpers.stream().filter(x -> x.type().equals(h.type())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("ct helper " + h.name() + " has type \""
                            + h.type() + "\" but no such helper is available"));
            helperByObject.put(h.name(), impl);
        }
        for (final String c : ruleset.counters()) {
            namedCounters.put(c, new long[2]);
        }
        for (final Chain chain : ruleset.chains()) {
            compiled.put(chain, new Compiled(chain));
            for (final Rule r : chain.rules()) {
                if (conntrack == null) {
                    checkStateless(chain, r);
                }
            }
        }
        install();
    }

    /** A stateful firewall: connection tracking with {@code ct}, and the helper implementations. */
    public static Firewall stateful(final Node node, final Ruleset ruleset, final ConntrackConfig ct,
            final List<ConntrackHelper> helpers) {
        return new Firewall(node, ruleset, ct, helpers);
    }

    /** A packet filter without connection tracking. */
    public static Firewall stateless(final Node node, final Ruleset ruleset) {
        return new Firewall(node, ruleset, null, List.of());
    }

    public Node node() {
        return node;
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /** The node's connection tracking, or null for a stateless firewall. */
    public Conntrack conntrack() {
        return conntrack;
    }

    public void setListener(final Listener l) {
        listener = l;
    }

    /** Packets and bytes that matched a rule, or null if the rule is not in this firewall. */
    public long[] counter(final Rule r) {
        for (final Compiled c : compiled.values()) {
            for (int i = 0; i < c.rules.length; i++) {
                if (c.rules[i] == r) {
                    return new long[] {c.packets[i], c.bytes[i]};
                }
            }
        }
        return null;
    }

    /** Packets and bytes that met a chain's policy (no rule decided). */
    public long[] policyCounter(final Chain c) {
        final Compiled k = compiled.get(c);
        return new long[] {k.policyPackets, k.policyBytes};
    }

    /** A chain ready for the packet path. */
    private static final class Compiled {
        final Chain chain;
        final Rule[] rules;
        /** Each rule's matches and statements as arrays: the per-packet loops need no iterator. */
        final Rule.Match[][] matches;
        final Rule.Statement[][] statements;
        final long[] packets;
        final long[] bytes;
        long policyPackets;
        long policyBytes;

        Compiled(final Chain chain) {
            this.chain = chain;
            this.rules = chain.rules().toArray(new Rule[0]);
            this.matches = new Rule.Match[rules.length][];
            this.statements = new Rule.Statement[rules.length][];
            for (int i = 0; i < rules.length; i++) {
                matches[i] = rules[i].matches().toArray(new Rule.Match[0]);
                statements[i] = rules[i].statements().toArray(new Rule.Statement[0]);
            }
            this.packets = new long[rules.length];
            this.bytes = new long[rules.length];
        }
    }

    /** "forward rule 3: iif wan drop", or "forward policy drop" when {@code rule} is null. */
    public static String describe(final Chain chain, final Rule rule) {
        if (rule == null) {
            return chain.name() + " policy " + (chain.policyDrop() ? "drop" : "accept");
        }
        return chain.name() + " rule " + (chain.rules().indexOf(rule) + 1) + ": " + rule.text();
    }

    /**
     * Packets each dropping rule and policy dropped, by {@link #describe}, in chain order; rules
     * and policies that never dropped are left out.
     */
    public Map<String, Long> drops() {
        final Map<String, Long> out = new LinkedHashMap<>();
        for (final Chain chain : ruleset.chains()) {
            final Compiled c = compiled.get(chain);
            for (int i = 0; i < c.rules.length; i++) {
                final Rule.Verdict v = c.rules[i].verdict();
                if ((v instanceof Rule.Drop || v instanceof Rule.Reject) && c.packets[i] > 0) {
                    out.put(describe(chain, c.rules[i]), c.packets[i]);
                }
            }
            if (chain.policyDrop() && c.policyPackets > 0) {
                out.put(describe(chain, null), c.policyPackets);
            }
        }
        return out;
    }

    /** Packets and bytes of a named counter object. */
    public long[] namedCounter(final String name) {
        final long[] c = namedCounters.get(name);
        return c == null ? null : c.clone();
    }

    /** Lines written by {@code log} statements. */
    public List<String> log() {
        return List.copyOf(log);
    }

    private static void checkStateless(final Chain chain, final Rule r) {
        for (final Rule.Match m : r.matches()) {
            if (m instanceof Rule.CtStateIs || m instanceof Rule.CtHelperIs || m instanceof Rule.CtStatusIs) {
                throw new IllegalArgumentException("chain " + chain.name() + ": rule '" + r.text()
                        + "' needs connection tracking, but this firewall is stateless");
            }
        }
        if (chain.nat() || r.verdict() instanceof Rule.Dnat || r.verdict() instanceof Rule.Snat
                || r.verdict() instanceof Rule.Masquerade) {
            throw new IllegalArgumentException("chain " + chain.name() + ": NAT needs connection tracking, but this"
                    + " firewall is stateless");
        }
        for (final Rule.Statement s : r.statements()) {
            if (s instanceof Rule.CtHelperSet) {
                throw new IllegalArgumentException("chain " + chain.name() + ": rule '" + r.text()
                        + "' needs connection tracking, but this firewall is stateless");
            }
        }
    }

    private void install() {
        final var hooks = node.hooks();
        if (conntrack != null) {
            for (final Hook h : new Hook[] {Hook.PREROUTING, Hook.OUTPUT}) {
                hooks.register(h, PRI_CONNTRACK, (hook, p, in, out) -> {
                    if (conntrack.track(p)) {
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
                final Compiled[] natChains = ruleset.at(h).stream().filter(Chain::nat).map(compiled::get)
                        .toArray(Compiled[]::new);
                hooks.register(h, dst ? PRI_NAT_DST : PRI_NAT_SRC, (hook, p, in, out) -> nat(hook, natChains, dst, p, in,
                        out));
            }
            for (final Hook h : new Hook[] {Hook.POSTROUTING, Hook.INPUT}) {
                hooks.register(h, PRI_CONNTRACK_HELPER, (hook, p, in, out) -> {
                    if (conntrack.runHelper(p)) {
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
        for (final Chain chain : ruleset.chains()) {
            if (!chain.nat()) {
                final Compiled c = compiled.get(chain);
                hooks.register(chain.hook(), chain.priority(), (hook, p, in, out) -> filter(c, p, in, out));
            }
        }
    }

    private void conntrackDrop(final Hook hook, final Packet p, final String reason) {
        if (listener != null) {
            listener.conntrackDrop(this, hook, p, reason);
        }
    }

    // ---------------------------------------------------------------- evaluation

    private Verdict filter(final Compiled cc, final Packet p, final NetInterface in, final NetInterface out) {
        final Chain chain = cc.chain;
        final Rule[] rules = cc.rules;
        for (int i = 0; i < rules.length; i++) {
            final Rule r = rules[i];
            if (!matches(cc.matches[i], p, in, out)) {
                continue;
            }
            cc.packets[i]++;
            cc.bytes[i] += p.totalLength();
            statements(cc.statements[i], chain, p);
            final Rule.Verdict v = r.verdict();
            if (v == null) {
                continue;
            }
            if (v instanceof Rule.Accept) {
                decided(chain, r, p, false);
                return Verdict.ACCEPT;
            }
            if (v instanceof Rule.Reject rej) {
                reject(rej, p, in);
            }
            decided(chain, r, p, true);
            return Verdict.DROP;
        }
        cc.policyPackets++;
        cc.policyBytes += p.totalLength();
        decided(chain, null, p, chain.policyDrop());
        return chain.policyDrop() ? Verdict.DROP : Verdict.ACCEPT;
    }

    private void decided(final Chain chain, final Rule r, final Packet p, final boolean dropped) {
        if (listener != null) {
            listener.decided(this, chain.hook(), chain, r, p, dropped);
        }
    }

    /**
     * NAT hook: for a connection's first packet, the nat chains choose a binding (an accept or no
     * match binds nothing); then every packet of a translated connection is rewritten.
     */
    private Verdict nat(final Hook hook, final Compiled[] chains, final boolean dst, final Packet p,
            final NetInterface in, final NetInterface out) {
        if (chains.length > 0 && p.ct instanceof ConnEntry e && !e.is(ConnEntry.CONFIRMED)
                && (p.ctInfo & (CtState.NEW | CtState.RELATED)) != 0
                && !e.is(dst ? ConnEntry.DST_NAT : ConnEntry.SRC_NAT)) {
            for (final Compiled chain : chains) {
                final Verdict v = natChain(chain, e, p, in, out);
                if (v == Verdict.DROP) {
                    return v;
                }
                if (e.is(dst ? ConnEntry.DST_NAT : ConnEntry.SRC_NAT)) {
                    break;
                }
            }
        }
        if (dst) {
            conntrack.natDestination(p);
        } else {
            conntrack.natSource(p);
        }
        return Verdict.ACCEPT;
    }

    private Verdict natChain(final Compiled cc, final ConnEntry e, final Packet p, final NetInterface in,
            final NetInterface out) {
        final Chain chain = cc.chain;
        for (int i = 0; i < cc.rules.length; i++) {
            final Rule r = cc.rules[i];
            if (!matches(cc.matches[i], p, in, out)) {
                continue;
            }
            cc.packets[i]++;
            cc.bytes[i] += p.totalLength();
            statements(cc.statements[i], chain, p);
            final Rule.Verdict v = r.verdict();
            if (v == null) {
                continue;
            }
            if (v instanceof Rule.Dnat d) {
                conntrack.setupDnat(e, d.address(), d.port());
            } else if (v instanceof Rule.Snat s) {
                if (!conntrack.setupSnat(e, s.address(), s.portLo(), s.portHi())) {
                    conntrackDrop(chain.hook(), p, "nat ports exhausted");
                    return Verdict.DROP;
                }
            } else if (v instanceof Rule.Masquerade m) {
                if (out == null || !conntrack.setupSnat(e, out.address(), m.portLo(), m.portHi())) {
                    conntrackDrop(chain.hook(), p, "nat ports exhausted");
                    return Verdict.DROP;
                }
            } else if (v instanceof Rule.Drop || v instanceof Rule.Reject) {
                decided(chain, r, p, true);
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        }
        return Verdict.ACCEPT;
    }

    private void statements(final Rule.Statement[] statements, final Chain chain, final Packet p) {
        for (final Rule.Statement s : statements) {
            if (s instanceof Rule.Counter k && k.name() != null) {
                final long[] c = namedCounters.get(k.name());
                if (c != null) {
                    c[0]++;
                    c[1] += p.totalLength();
                }
            } else if (s instanceof Rule.Log l) {
                log.add(node.network().simulator().now() + " " + (l.prefix() == null ? "" : l.prefix()) + chain.name()
                        + " " + p);
            } else if (s instanceof Rule.CtHelperSet h && p.ct instanceof ConnEntry e) {
                conntrack.assignHelper(e, helperByObject.get(h.helper()), h.helper());
            }
        }
    }

    private static boolean matches(final Rule.Match[] matches, final Packet p, final NetInterface in,
            final NetInterface out) {
        for (final Rule.Match m : matches) {
            if (!matches(m, p, in, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(final Rule.Match m, final Packet p, final NetInterface in,
            final NetInterface out) {
        if (m instanceof Rule.Iface f) {
            final NetInterface i = f.in() ? in : out;
            return (i != null && (i.name().equals(f.name()) || i.group().equals(f.name()))) != f.negate();
        }
        if (m instanceof Rule.Addr a) {
            return a.contains(a.dir() == Rule.Dir.SRC ? p.src : p.dst) != a.negate();
        }
        if (m instanceof Rule.Proto pr) {
            return (p.protocol == pr.protocol()) != pr.negate();
        }
        if (m instanceof Rule.Port pt) {
            return p.protocol == pt.protocol()
                    && pt.contains(pt.dir() == Rule.Dir.SRC ? p.sport : p.dport) != pt.negate();
        }
        if (m instanceof Rule.CtStateIs s) {
            final int info = p.ctInfo == 0 ? CtState.UNTRACKED : p.ctInfo;
            return ((info & s.states()) != 0) != s.negate();
        }
        if (m instanceof Rule.CtHelperIs h) {
            // nft and xt_helper match a RELATED connection by its master's helper.
            final ConnEntry e = p.ct instanceof ConnEntry c ? c : null;
            final ConnEntry master = e == null ? null : e.master();
            final boolean hit = master != null && master.helper() != null
                    && (h.helper().equals(master.helper().type()) || h.helper().equals(master.helperName()));
            return hit != h.negate();
        }
        if (m instanceof Rule.CtStatusIs st) {
            final ConnEntry e = p.ct instanceof ConnEntry c ? c : null;
            return e != null && (!st.dnat() || e.is(ConnEntry.DST_NAT)) && (!st.snat() || e.is(ConnEntry.SRC_NAT));
        }
        throw new IllegalStateException("unhandled match " + m);
    }

    /** Sends the reject answer: a TCP reset as nf_send_reset builds it, or an ICMP error. */
    private void reject(final Rule.Reject rej, final Packet p, final NetInterface in) {
        if (rej.tcpReset()) {
            node.sendTcpReset(p);
            return;
        }
        node.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, rej.icmpCode());
    }
}
