package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConntrackStats;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers what {@code summary.json} needs from sessions as they end: counts, failure reasons, and
 * the per-session figures behind the percentiles in primitive arrays (at most three doubles per
 * session, exact nearest-rank percentiles at the end; no streaming estimate).
 */
public final class SummaryBuilder {
    /** Every session's counts and failures; then the same per population, profile and mode. */
    private final Tally all = new Tally(null, null, null);
    private final Map<String, Tally> populations = new TreeMap<>();
    private final Map<String, Tally> profiles = new TreeMap<>();
    private final Map<String, Tally> modes = new TreeMap<>();
    private final Doubles throughput = new Doubles();
    private final Doubles duration = new Doubles();
    private final Doubles firstByte = new Doubles();

    /**
     * Counts one session of population {@code population} (its host and profile when known, else
     * null: they are then left out of the breakdown).
     */
    public void add(final FtpSessionRecord r, final String population, final String host, final String profile) {
        all.add(r);
        final String mode = r.identity().mode();
        populations.computeIfAbsent(population, k -> new Tally(host, profile, mode)).add(r);
        if (profile != null) {
            profiles.computeIfAbsent(profile, k -> new Tally(null, null, null)).add(r);
        }
        modes.computeIfAbsent(mode, k -> new Tally(null, null, null)).add(r);
        final FtpSessionRecord.Timings t = r.timings();
        if (r.ok()) {
            duration.add((t.end() - t.start()) / 1e9);
            if (t.firstByte() >= 0 && t.end() > t.firstByte()) {
                throughput.add(r.transfer().bytes() * 8.0 / ((t.end() - t.firstByte()) / 1e9) / 1e6);
            }
        }
        if (t.firstByte() >= 0) {
            firstByte.add((t.firstByte() - t.start()) / 1e9);
        }
    }

    /** Sessions counted so far. */
    public int sessions() {
        return all.sessions;
    }

    /** Doubles held for the percentiles (capacity, not count): what the summary costs per session. */
    long doublesHeld() {
        return (long) throughput.v.length + duration.v.length + firstByte.v.length;
    }

    /**
     * The summary, with each firewall's conntrack figures and drops as they are now, and {@code
     * interfaceDrops}: the packets lost outside any rule, per interface and cause ({@link InterfaceDrops}).
     */
    public RunSummary build(final String scenario, final long seed, final Map<String, Firewall> firewalls,
            final Map<String, Map<String, Long>> interfaceDrops) {
        return build(scenario, seed, firewalls, interfaceDrops, Map.of());
    }

    /** {@link #build(String, long, Map, Map)} with what each HAProxy balancer's checks and queue did. */
    public RunSummary build(final String scenario, final long seed, final Map<String, Firewall> firewalls,
            final Map<String, Map<String, Long>> interfaceDrops, final Map<String, BalancerLog> balancers) {
        final Map<String, Integer> peaks = new TreeMap<>();
        final Map<String, Map<String, Long>> drops = new TreeMap<>();
        final Map<String, Map<String, Long>> counters = new TreeMap<>();
        for (final Map.Entry<String, Firewall> e : firewalls.entrySet()) {
            final Firewall fw = e.getValue();
            final Map<String, Long> d = new LinkedHashMap<>(fw.drops());
            if (fw.conntrack() != null) {
                peaks.put(e.getKey(), fw.conntrack().peak());
                final ConntrackStats s = fw.conntrack().stats();
                final Map<String, Long> c = new LinkedHashMap<>();
                c.put("inserted", s.inserted);
                c.put("expired", s.expired);
                c.put("early_drop", s.earlyDrop);
                c.put("table_full", s.tableFull);
                c.put("invalid", s.invalid);
                c.put("expect_create", s.expectCreated);
                c.put("expect_used", s.expectUsed);
                c.put("expect_expired", s.expectExpired);
                c.put("nat_exhausted", s.natExhausted);
                putIfPositive(c, "expect_table_full", s.expectTableFull);
                putIfPositive(c, "error", s.error);
                counters.put(e.getKey(), c);
                putIfPositive(d, "conntrack: table full", s.tableFull);
                putIfPositive(d, "conntrack: nat ports exhausted", s.natExhausted);
                putIfPositive(d, "conntrack: insert failed", s.insertFailed);
                putIfPositive(d, "conntrack: helper", s.helperDrops);
            }
            drops.put(e.getKey(), d);
        }
        return new RunSummary(scenario, seed, all.sessions, all.ok, all.sessions - all.ok, all.byText(),
                new TreeMap<>(all.failures), Percentiles.of(throughput.toArray()), Percentiles.of(duration.toArray()),
                Percentiles.of(firstByte.toArray()), peaks, counters, drops, new TreeMap<>(interfaceDrops), breakdowns(populations),
                breakdowns(profiles), breakdowns(modes), new TreeMap<>(balancers), all.retried);
    }

    private static Map<String, Breakdown> breakdowns(final Map<String, Tally> tallies) {
        final Map<String, Breakdown> out = new TreeMap<>();
        tallies.forEach((k, t) -> out.put(k, t.breakdown()));
        return out;
    }

    /** Counts and failures of some sessions. */
    private static final class Tally {
        final String host;
        final String profile;
        final String mode;
        /** Failures by their code, and each code's words: grouped on the typed outcome, worded once. */
        final Map<String, Integer> failures = new TreeMap<>();
        final Map<String, String> words = new TreeMap<>();
        int sessions;
        int ok;
        /** Of {@code ok}, those that succeeded only after retrying. */
        int retried;

        Tally(final String host, final String profile, final String mode) {
            this.host = host;
            this.profile = profile;
            this.mode = mode;
        }

        void add(final FtpSessionRecord r) {
            sessions++;
            if (r.ok()) {
                ok++;
                if (Retries.retried(r)) {
                    retried++;
                }
            } else if (failures.merge(r.reasonCode(), 1, Integer::sum) == 1) {
                words.put(r.reasonCode(), r.reasonText());
            }
        }

        Map<String, Integer> byText() {
            final Map<String, Integer> byText = new TreeMap<>();
            failures.forEach((code, n) -> byText.merge(words.get(code), n, Integer::sum));
            return byText;
        }

        Breakdown breakdown() {
            return new Breakdown(host, profile, mode, sessions, ok, sessions - ok, byText(), new TreeMap<>(failures));
        }
    }

    private static void putIfPositive(final Map<String, Long> m, final String k, final long v) {
        if (v > 0) {
            m.put(k, v);
        }
    }

    /** A growable double array: 8 bytes a value, no boxing. */
    private static final class Doubles {
        double[] v = new double[16];
        int n;

        void add(final double x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, v.length + (v.length >> 1));
            }
            v[n++] = x;
        }

        double[] toArray() {
            return Arrays.copyOf(v, n);
        }
    }
}
