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
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final Doubles throughput = new Doubles();
    private final Doubles duration = new Doubles();
    private final Doubles firstByte = new Doubles();
    private int sessions;
    private int ok;

    /** Counts one session. */
    public void add(final FtpSessionRecord r) {
        sessions++;
        if (r.ok()) {
            ok++;
            duration.add((r.end() - r.start()) / 1e9);
            if (r.firstByte() >= 0 && r.end() > r.firstByte()) {
                throughput.add(r.bytes() * 8.0 / ((r.end() - r.firstByte()) / 1e9) / 1e6);
            }
        } else {
            reasons.merge(r.reason(), 1, Integer::sum);
        }
        if (r.firstByte() >= 0) {
            firstByte.add((r.firstByte() - r.start()) / 1e9);
        }
    }

    /** Sessions counted so far. */
    public int sessions() {
        return sessions;
    }

    /** Doubles held for the percentiles (capacity, not count): what the summary costs per session. */
    long doublesHeld() {
        return (long) throughput.v.length + duration.v.length + firstByte.v.length;
    }

    /** The summary, with each firewall's conntrack figures and drops as they are now. */
    public RunSummary build(final String scenario, final long seed, final Map<String, Firewall> firewalls) {
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
                counters.put(e.getKey(), c);
                putIfPositive(d, "conntrack: table full", s.tableFull);
                putIfPositive(d, "conntrack: nat ports exhausted", s.natExhausted);
                putIfPositive(d, "conntrack: insert failed", s.insertFailed);
                putIfPositive(d, "conntrack: helper", s.helperDrops);
            }
            drops.put(e.getKey(), d);
        }
        return new RunSummary(scenario, seed, sessions, ok, sessions - ok, new TreeMap<>(reasons),
                Percentiles.of(throughput.toArray()), Percentiles.of(duration.toArray()),
                Percentiles.of(firstByte.toArray()), peaks, counters, drops);
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
