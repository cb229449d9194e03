package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's connection tracking, modelled on Linux's nf_conntrack.
 *
 * <p>Theory of operation. {@link #track} runs first at PREROUTING and OUTPUT: it finds the entry of
 * the packet's tuple (either direction) in an open-addressing table on packed primitive keys,
 * updates the TCP state (see {@link TcpTracking}) and timeout, and classifies the packet as NEW,
 * ESTABLISHED, RELATED or INVALID on {@code Packet.ctInfo}. A first packet gets a new, unconfirmed
 * entry (RELATED if an expectation matches) that lives only on the packet; rules and NAT then see
 * it, and {@link #confirm} inserts it at the end of POSTROUTING or INPUT. A packet dropped on the
 * way never takes a table slot, as in Linux.
 *
 * <p>Expiry is lazy, checked on lookup, plus a periodic sweep of a slice of the table (one timer
 * per node, none per entry). When the table holds {@code max} entries a new connection runs the
 * kernel's {@code early_drop()} (nf_conntrack_core.c) over the kernel's hash chains
 * ({@link CtHashChains}, built the first time the table is full): from 4.7 it kills the entries not
 * ASSURED of the new tuple's bucket or of the first of the next 7 that has any, older kernels one
 * entry within the first 8 tuples ({@link EarlyDropScan}). Entries in closing states are not
 * candidates here. If nothing is killed the packet is dropped and counted as "table full", which
 * arms the gc worker's early drop ({@link GcEarlyDrop}), run by the sweep: that is what frees a
 * table full of TIME_WAIT entries.
 */
public final class Conntrack {
    private final Simulator sim;
    /** Resolves IPv6 address ids for helpers; set by the firewall that owns this table. */
    private dev.ftpsim.core.net.Ipv6Addresses ipv6;
    private final ConntrackConfig config;
    private final Tuple2IntHashMap table;
    private ConnEntry[] entries = new ConnEntry[64];
    private int[] freeIds = new int[64];
    private int freeTop;
    private int idsUsed;
    private int count;
    private int natCount;
    private int peak;

    /** The kernel's hash chains, for early drop only; built when first needed. */
    private final CtHashChains chains;

    private final ExpectationTable expectations;
    /** What helpers see of this table: expectations, NAT of expected connections, mangling. */
    private final HelperSupport helpers;

    private final Map<Integer, ConntrackHelper> autoHelpers = new HashMap<>();

    private long sweepHandle = Simulator.NO_EVENT;
    private int sweepCursor;
    private final GcEarlyDrop gc = new GcEarlyDrop();
    private final Runnable sweep = this::sweep;
    /** The bucket the gc worker's walk resumes at after a run cut short, or -1 when no walk is under way. */
    private int gcResume = -1;
    private final Runnable gcRunTask = this::gcRun;

    final ConntrackStats stats = new ConntrackStats();

    private ForgetListener forgetListener;

    public void setForgetListener(final ForgetListener l) {
        forgetListener = l;
    }

    private void forgotten(final ConnEntry e, final String reason, final long at) {
        if (forgetListener != null) {
            forgetListener.forgot(e, e.origIps, e.origPorts, reason, at);
        }
    }

    public Conntrack(final Simulator sim, final ConntrackConfig config) {
        this.sim = sim;
        this.config = config;
        this.table = Tuple2IntHashMap.withExpectedTuples(Math.min(2 * config.max(), 1 << 16));
        this.expectations = new ExpectationTable(stats);
        this.helpers = new HelperSupport(this, expectations, stats);
        this.chains = new CtHashChains(config.buckets(), sim.seed());
    }

    public ConntrackConfig config() {
        return config;
    }

    public ConntrackStats stats() {
        return stats;
    }

    /** Confirmed entries now in the table. */
    public int count() {
        return count;
    }

    public int peak() {
        return peak;
    }

    /** Confirmed entries with a NAT binding (SNAT, masquerade or DNAT): the NAT mappings in use. */
    public int natCount() {
        return natCount;
    }

    public int expectationCount() {
        return expectations.count();
    }

    /**
     * Assigns {@code helper} to new TCP connections to {@code port} without a rule, as the old
     * {@code nf_conntrack_helper=1} did (off by default since Linux 4.7, removed in 6.0).
     */
    public void autoAssign(final int port, final ConntrackHelper helper) {
        autoHelpers.put(port, helper);
    }

    /** Simulated time now. */
    /** The random numbers nf_nat_exp_find_port draws from (one stream for the run's conntracks). */
    dev.ftpsim.core.kernel.RandomStream expectPortRandom() {
        return sim.streams().stream("conntrack/expect-port");
    }

    public long now() {
        return sim.now();
    }

    // ---------------------------------------------------------------- classification

    /** Sets the network's IPv6 addresses, which helpers read through {@link #ipv6()}. */
    public void setIpv6(final dev.ftpsim.core.net.Ipv6Addresses addresses) {
        ipv6 = addresses;
    }

    /** The network's IPv6 addresses, or null when not set. */
    public dev.ftpsim.core.net.Ipv6Addresses ipv6() {
        return ipv6;
    }

    /**
     * Looks up or creates the packet's connection and classifies the packet.
     *
     * @return false if the packet must be dropped (table full)
     */
    public boolean track(final Packet p) {
        p.ct = null;
        p.ctDir = 0;
        p.ctAttach = null;
        if (p.notrack) { // a raw-table notrack rule ran first (nft_notrack.c: the untracked template)
            p.ctInfo = CtState.UNTRACKED;
            return true;
        }
        if (p.protocol == Packet.PROTO_ICMP || p.protocol == Packet.PROTO_ICMPV6) {
            return trackIcmp(p);
        }
        final long ips = FiveTuple.ips(p.src, p.dst);
        final long ports = FiveTuple.ports(p.sport, p.dport, p.protocol);
        ConnEntry e = lookup(ips, ports);
        if (e != null) {
            final int dir = e.origIps == ips && e.origPorts == ports ? 0 : 1;
            final int r = p.protocol == Packet.PROTO_TCP ? TcpUpdate.update(this, e, dir, p) : TcpUpdate.OK;
            if (r == TcpUpdate.REOPEN) {
                destroy(e);
                forgotten(e, "reopened", sim.now());
                stats.reopened++;
                e = null;
            } else {
                if (r == TcpUpdate.INVALID) {
                    // nf_conntrack_in() drops the entry of a packet its tracker refused: no NAT,
                    // helper or ct expression sees one (nf_conntrack_core.c, "ret <= 0")
                    p.ctInfo = CtState.INVALID;
                    stats.invalid++;
                    return true;
                }
                p.ct = e;
                p.ctDir = dir;
                count(e, dir, p);
                p.ctInfo = dir == 1 ? CtState.ESTABLISHED
                        : e.is(ConnEntry.SEEN_REPLY) ? CtState.ESTABLISHED
                        : e.is(ConnEntry.EXPECTED) ? CtState.RELATED : CtState.NEW;
                if (dir == 1) {
                    e.status |= ConnEntry.SEEN_REPLY;
                }
                if (r == TcpUpdate.KILL) {
                    destroy(e);
                    forgotten(e, "reset", sim.now());
                }
                return true;
            }
        }
        return create(p, ips, ports);
    }

    private boolean create(final Packet p, final long ips, final long ports) {
        TcpCtState initial = TcpCtState.NONE;
        // init_conntrack() (nf_conntrack_core.c) allocates the entry first, which fails on a full
        // table, and only then looks for an expectation: a dropped packet leaves it pending. The
        // TCP tracker judges the first packet later still (tcp_new() from tcp_packet()), so on a
        // full table even a packet it would refuse as INVALID is dropped as "table full".
        if (count >= config.max() && !earlyDrop(ips, ports)) {
            stats.tableFull++;
            gc.requested = true;
            if (forgetListener != null) {
                forgetListener.forgot(null, ips, ports, "table_full", sim.now());
            }
            return false;
        }
        if (p.protocol == Packet.PROTO_TCP) {
            initial = TcpTracking.initial(p.flags, config.tcpLoose());
            if (initial == null) {
                p.ctInfo = CtState.INVALID;
                stats.invalid++;
                return true;
            }
        }
        final Expectation x = expectations.take(p, sim.now());
        final ConnEntry e = new ConnEntry();
        e.origIps = ips;
        e.origPorts = ports;
        e.replyIps = FiveTuple.replyIps(ips);
        e.replyPorts = FiveTuple.replyPorts(ports);
        e.proto = p.protocol;
        e.tcpState = initial;
        if (x != null) {
            e.status |= ConnEntry.EXPECTED;
            e.x().master = x.master();
            e.x().expectedBy = x.label();
            stats.expectUsed++;
            if (x.onCreate() != null) {
                x.onCreate().accept(e);
            }
        } else if (p.protocol == Packet.PROTO_TCP && !autoHelpers.isEmpty()) {
            final ConntrackHelper h = autoHelpers.get(p.dport);
            if (h != null) {
                e.x().helper = h;
                e.x().helperName = h.type();
            }
        }
        if (p.protocol == Packet.PROTO_TCP) {
            TcpUpdate.first(this, e, p);
        } else {
            e.deadline = sim.now() + (p.protocol == FiveTuple.UDP ? config.udpTimeout() : config.genericTimeout());
        }
        count(e, 0, p);
        p.ct = e;
        p.ctDir = 0;
        p.ctInfo = x != null ? CtState.RELATED : CtState.NEW;
        return true;
    }

    /**
     * ICMP errors are RELATED to the connection of the packet they quote (RFC 792 header + 8 bytes),
     * ICMPv6 errors likewise (nf_conntrack_proto_icmpv6.c: types below 128 are errors).
     */
    private boolean trackIcmp(final Packet p) {
        final boolean error = p.protocol == Packet.PROTO_ICMP
                ? p.icmpType == Packet.ICMP_DEST_UNREACHABLE || p.icmpType == Packet.ICMP_TIME_EXCEEDED
                : p.icmpType < 128;
        if (!error) {
            p.ctInfo = CtState.UNTRACKED;
            return true;
        }
        final ConnEntry e = lookup(FiveTuple.ips(p.qSrc, p.qDst), FiveTuple.ports(p.qSport, p.qDport, p.qProtocol));
        if (e == null) {
            p.ctInfo = CtState.INVALID;
            stats.error++;
            return true;
        }
        final boolean quotedIsOrig = e.origIps == FiveTuple.ips(p.qSrc, p.qDst)
                && e.origPorts == FiveTuple.ports(p.qSport, p.qDport, p.qProtocol);
        p.ct = e;
        p.ctDir = quotedIsOrig ? 1 : 0;
        p.ctInfo = CtState.RELATED;
        return true;
    }

    private void count(final ConnEntry e, final int dir, final Packet p) {
        if (dir == 0) {
            e.packets0++;
        } else {
            e.packets1++;
        }
    }

    /** The entry of a tuple, in either direction; expired entries are removed on the way. */
    public ConnEntry lookup(final long ips, final long ports) {
        stats.lookups++;
        final int v = table.get(ips, ports);
        if (v == Tuple2IntHashMap.MISSING) {
            return null;
        }
        final ConnEntry e = entries[v];
        if (e.deadline <= sim.now()) {
            expire(e);
            return null;
        }
        return e;
    }

    /** Removes an entry whose deadline has passed, as expired at its deadline. */
    void expire(final ConnEntry e) {
        final long at = e.deadline;
        destroy(e);
        stats.expired++;
        forgotten(e, "expired", at);
    }

    /**
     * Inserts the packet's new connection into the table, then applies NAT sequence adjustment.
     * Runs last at POSTROUTING and INPUT.
     *
     * @return false if the packet must be dropped (its reply tuple clashes with another entry)
     */
    public boolean confirm(final Packet p) {
        if (!(p.ct instanceof ConnEntry e)) {
            return true;
        }
        if (e.deadline == Long.MIN_VALUE) {
            return true; // destroyed while this packet held it (a reset killed it): never re-inserted
        }
        if (!e.is(ConnEntry.CONFIRMED) && p.ctDir == 1) {
            // __nf_conntrack_confirm: "ipt_REJECT uses nf_conntrack_attach to attach related
            // ICMP/TCP RST packets in other direction": only the original direction confirms
            return true;
        }
        if (!e.is(ConnEntry.CONFIRMED)) {
            if (table.containsKey(e.origIps, e.origPorts) || table.containsKey(e.replyIps, e.replyPorts)) {
                stats.insertFailed++;
                return false;
            }
            if (count >= config.max() && !earlyDrop(e.origIps, e.origPorts)) {
                stats.tableFull++;
                gc.requested = true;
                forgotten(e, "table_full", sim.now());
                return false;
            }
            final int id = allocateId();
            e.id = id;
            entries[id] = e;
            table.put(e.origIps, e.origPorts, id);
            table.put(e.replyIps, e.replyPorts, id);
            e.status |= ConnEntry.CONFIRMED;
            if (!chains.built() && config.earlyDropScan() != EarlyDropScan.BUCKETS) {
                chains.build(entries, 0); // the chain order decides the victim: kept from the first entry
            }
            if (chains.built()) {
                chains.insert(e);
            }
            count++;
            if ((e.status & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) != 0) {
                natCount++;
            }
            stats.inserted++;
            if (count > peak) {
                peak = count;
            }
            if (sweepHandle == Simulator.NO_EVENT) {
                sweepHandle = sim.schedule(config.sweepInterval(), sweep);
            }
        }
        if (p.protocol == Packet.PROTO_TCP) {
            SeqAdjust.apply(e, p.ctDir, p);
        }
        return true;
    }

    /** Removes an entry now (expiry, RST, early drop); its expectations go with it. */
    public void destroy(final ConnEntry e) {
        if (e.is(ConnEntry.CONFIRMED) && e.id >= 0) {
            table.remove(e.origIps, e.origPorts);
            table.remove(e.replyIps, e.replyPorts);
            if (chains.built()) {
                chains.remove(e);
            }
            entries[e.id] = null;
            freeIds[freeTop++] = e.id;
            e.id = -1;
            count--;
            if ((e.status & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) != 0) {
                natCount--;
            }
        }
        e.status &= ~ConnEntry.CONFIRMED;
        e.deadline = Long.MIN_VALUE;
        if (e.expectationCount() > 0) {
            expectations.removeOf(e);
        }
    }

    void assured(final ConnEntry e) {
        e.status |= ConnEntry.ASSURED;
    }

    /** {@code early_drop()} for a new connection of original tuple {@code (ips, ports)} ({@link CtHashChains}). */
    private boolean earlyDrop(final long ips, final long ports) {
        if (!chains.built()) {
            chains.build(entries, idsUsed);
        }
        return chains.earlyDrop(this, config.earlyDropScan(), ips, ports, sim.now());
    }

    /** The entry in slot {@code id}. */
    ConnEntry entry(final int id) {
        return entries[id];
    }

    /** Kills an entry to make room for a new connection, counted as an early drop. */
    void evict(final ConnEntry e, final long now) {
        destroy(e);
        stats.earlyDrop++;
        forgotten(e, "evicted", now);
    }

    /**
     * The hash bucket ({@code nf_conntrack_buckets}) of a tuple: where its early drop scan starts, if
     * it is a new connection's original tuple. For tests that place entries in chosen buckets.
     */
    public int bucketOf(final long ips, final long ports) {
        return chains.bucketOf(ips, ports);
    }

    private int allocateId() {
        if (freeTop > 0) {
            return freeIds[--freeTop];
        }
        if (idsUsed == entries.length) {
            entries = java.util.Arrays.copyOf(entries, entries.length * 2);
            freeIds = java.util.Arrays.copyOf(freeIds, freeIds.length * 2);
            chains.grow(entries.length);
        }
        return idsUsed++;
    }

    /** Starts the periodic sweep if it is not running (a new expectation must expire in time). */
    void sweepSoon() {
        if (sweepHandle == Simulator.NO_EVENT) {
            sweepHandle = sim.schedule(config.sweepInterval(), sweep);
        }
    }

    /** Expires a slice of the table and stale expectations; reschedules while anything is left. */
    private void sweep() {
        sweepHandle = Simulator.NO_EVENT;
        final long now = sim.now();
        final int n = Math.max(1024, idsUsed / 8);
        for (int i = 0; i < n && idsUsed > 0; i++) {
            if (sweepCursor >= idsUsed) {
                sweepCursor = 0;
            }
            final ConnEntry e = entries[sweepCursor++];
            if (e != null && e.deadline <= now) {
                expire(e);
            } else if (e != null) {
                gc.sample(e.deadline - now);
            }
            if (sweepCursor >= idsUsed) {
                gc.passEnded();
            }
        }
        if (gcResume < 0 && gc.due(now)) {
            if (gc.requested && config.gcEarlyDrop()) {
                gcResume = 0;
                gcRun();
            }
            gc.requested = false;
        }
        if (expectations.count() > 0) {
            expectations.expire(now);
        }
        if (count > 0 || expectations.count() > 0) {
            sweepHandle = sim.schedule(config.sweepInterval(), sweep);
        }
    }

    /**
     * One run of the gc worker's walk ({@link GcEarlyDrop}): from {@link #gcResume}, bucket by bucket,
     * reaping expired entries and, if a "table full" drop armed it, killing closing and unassured ones
     * while the table is at 95% of max or more. A run that removed more than
     * {@link GcEarlyDrop#EXPIRED_MAX} stops and the walk goes on one jiffy later, disarmed unless new
     * drops armed it again. The first run is started by the sweep when a run is due and armed.
     */
    private void gcRun() {
        final long now = sim.now();
        final int max95 = gc.requested && config.gcEarlyDrop() ? GcEarlyDrop.max95(config.max()) : 0;
        gc.requested = false;
        if (!chains.built()) {
            chains.build(entries, idsUsed);
        }
        gcResume = chains.gcRun(this, gcResume, max95, GcEarlyDrop.EXPIRED_MAX, now);
        if (gcResume >= 0) {
            sim.schedule(GcEarlyDrop.JIFFY, gcRunTask);
        }
    }

    /** Kills an entry in the gc worker's early drop, counted apart from {@code early_drop}. */
    void gcKill(final ConnEntry e, final long now) {
        destroy(e);
        stats.gcEarlyDrop++;
        forgotten(e, "evicted", now);
    }

    /** Entries in the table now, in slot order; for reports and tests. */
    public List<ConnEntry> entries() {
        final List<ConnEntry> out = new ArrayList<>(count);
        for (int i = 0; i < idsUsed; i++) {
            if (entries[i] != null) {
                out.add(entries[i]);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- NAT

    /**
     * Binds the new connection's destination to {@code addr:port} (port -1 keeps it): the reply
     * tuple's source becomes the new destination.
     */
    public void setupDnat(final ConnEntry e, final int addr, final int port) {
        NatBinding.dnat(this, e, addr, port, port, -1);
    }

    /** Binds the new connection's destination to {@code addr} and a port of a range: {@link NatBinding#dnat}. */
    public void setupDnat(final ConnEntry e, final int addr, final int lo, final int hi, final int randomOffset) {
        NatBinding.dnat(this, e, addr, lo, hi, randomOffset);
    }

    /**
     * Binds the new connection's source to {@code addr}, keeping the source port if that leaves the
     * reply tuple unique, else choosing one in {@code [lo, hi]} (-1: the original port's class):
     * {@link NatBinding#snat}. Returns false if every port of the range is taken (counted).
     */
    public boolean setupSnat(final ConnEntry e, final int addr, final int lo, final int hi) {
        return NatBinding.snat(this, e, addr, lo, hi, -1);
    }

    /** As {@link #setupSnat(ConnEntry, int, int, int)}, with the random flags' offset (-1: none). */
    public boolean setupSnat(final ConnEntry e, final int addr, final int lo, final int hi, final int randomOffset) {
        return NatBinding.snat(this, e, addr, lo, hi, randomOffset);
    }

    /**
     * Rewrites the destination (PREROUTING, OUTPUT) of a packet of a translated connection: a
     * packet of direction d goes to the source of the other direction's tuple. An ICMP error is
     * rewritten with the packet it quotes (RFC 5508 section 4), so the sender behind NAT learns of it.
     */
    public void natDestination(final Packet p) {
        NatBinding.rewriteDestination(p);
    }

    /** Rewrites the source (POSTROUTING, INPUT) of a packet of a translated connection. */
    public void natSource(final Packet p) {
        NatBinding.rewriteSource(p);
    }

    // ---------------------------------------------------------------- helpers and expectations

    /** The context this table's helpers run in: what a helper may do (for tests that drive a helper directly). */
    public HelperContext helperContext() {
        return helpers;
    }

    /** Runs the connection's helper on a packet with payload; false if the helper drops it. */
    public boolean runHelper(final Packet p) {
        return helpers.run(p);
    }

    /**
     * {@code ct expectation set} (nft_ct_expect_obj_eval, net/netfilter/nft_ct.c): a new connection
     * expects one from its reply tuple's source to its reply tuple's destination at {@code dport}, any
     * source port, for {@code timeoutNs}. Returns -1 to drop (the expectation table refused it), 0
     * when the rule breaks (no new connection, or {@code size} expectations already pending), 1 when done.
     */
    public int expectByObject(final ConnEntry e, final int proto, final int dport, final long timeoutNs,
            final int size, final String label) {
        if (e.is(ConnEntry.CONFIRMED) || e.expectationCount() >= size) {
            return 0;
        }
        final long t = timeoutNs < 0 ? config.expectTimeout() : timeoutNs;
        return helpers.register(e, e.srcIp(1), 0, e.dstIp(1), dport, proto, size, label, null, sim.now() + t) == null
                ? -1 : 1;
    }

    /**
     * {@code ct timeout set} (nft_ct_timeout_obj_eval): a new connection of the object's protocol takes
     * its per-state timeouts ({@link ConnEntry#timeouts}) and restarts from its present state's.
     */
    public void applyTimeouts(final ConnEntry e, final int proto, final long[] timeouts) {
        if (e.is(ConnEntry.CONFIRMED) || e.proto != proto) {
            return;
        }
        e.x().timeouts = timeouts;
        e.deadline = sim.now() + (proto == Packet.PROTO_TCP ? TcpUpdate.timeout(config, e) : timeouts[0]);
    }

    /** Assigns a helper to a connection not yet confirmed ({@code ct helper set}). */
    public void assignHelper(final ConnEntry e, final ConntrackHelper helper, final String objectName) {
        if (!e.is(ConnEntry.CONFIRMED) && e.helper() == null) {
            e.x().helper = helper;
            e.x().helperName = objectName;
        }
    }

    /** Pending expectations, soonest to expire first; for reports and tests. */
    public List<Expectation> expectations() {
        return expectations.all();
    }
}
