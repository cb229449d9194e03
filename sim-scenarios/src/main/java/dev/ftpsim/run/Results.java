package dev.ftpsim.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.ftpsim.core.conntrack.ConntrackStats;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a run's summary and writes {@code summary.json} and {@code sessions.csv}, atomically. */
public final class Results {
    /** JSON has no NaN: a figure without data (percentiles of no sessions) is written as null. */
    private static final StdSerializer<Double> NO_DATA_AS_NULL = new StdSerializer<>(Double.class) {
        @Override
        public void serialize(final Double v, final JsonGenerator g, final SerializerProvider p) throws IOException {
            if (v.isNaN() || v.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    };

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .addModule(new SimpleModule().addSerializer(double.class, NO_DATA_AS_NULL)
                    .addSerializer(Double.class, NO_DATA_AS_NULL))
            .build();

    /** One session and how each firewall judged its data connection's first packet. */
    public record Row(String label, FtpSessionRecord record, Map<String, String> dataPath) {}

    private Results() {}

    public static RunSummary summarize(final String scenario, final long seed, final List<Row> rows,
            final Map<String, Firewall> firewalls) {
        final Map<String, Integer> reasons = new TreeMap<>();
        final List<Double> tput = new ArrayList<>();
        final List<Double> dur = new ArrayList<>();
        final List<Double> ttfb = new ArrayList<>();
        int ok = 0;
        for (final Row row : rows) {
            final FtpSessionRecord r = row.record();
            if (r.ok()) {
                ok++;
                dur.add((r.end() - r.start()) / 1e9);
                if (r.firstByte() >= 0 && r.end() > r.firstByte()) {
                    tput.add(r.bytes() * 8.0 / ((r.end() - r.firstByte()) / 1e9) / 1e6);
                }
            } else {
                reasons.merge(r.reason(), 1, Integer::sum);
            }
            if (r.firstByte() >= 0) {
                ttfb.add((r.firstByte() - r.start()) / 1e9);
            }
        }
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
                counters.put(e.getKey(), c);
                putIfPositive(d, "conntrack: table full", s.tableFull);
                putIfPositive(d, "conntrack: nat ports exhausted", s.natExhausted);
                putIfPositive(d, "conntrack: insert failed", s.insertFailed);
                putIfPositive(d, "conntrack: helper", s.helperDrops);
            }
            drops.put(e.getKey(), d);
        }
        return new RunSummary(scenario, seed, rows.size(), ok, rows.size() - ok, reasons, Percentiles.of(array(tput)),
                Percentiles.of(array(dur)), Percentiles.of(array(ttfb)), peaks, counters, drops);
    }

    private static void putIfPositive(final Map<String, Long> m, final String k, final long v) {
        if (v > 0) {
            m.put(k, v);
        }
    }

    private static double[] array(final List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static void writeSummary(final Path file, final RunSummary s) throws IOException {
        atomicWrite(file, JSON.writeValueAsString(s) + "\n");
    }

    /** One row per session; a column per firewall with its data-path verdict. */
    public static void writeSessions(final Path file, final List<Row> rows, final List<String> firewallNames)
            throws IOException {
        final StringBuilder sb = new StringBuilder();
        final List<String> header = new ArrayList<>(List.of("session", "client", "index", "mode", "outcome", "reason",
                "last_reply", "connect_s", "login_s", "first_byte_s", "end_s", "bytes", "data_connections"));
        for (final String f : firewallNames) {
            header.add("data_path_" + f);
        }
        sb.append(String.join(",", header)).append('\n');
        for (final Row row : rows) {
            final FtpSessionRecord r = row.record();
            final List<String> cells = new ArrayList<>(List.of(row.label(), r.client(), String.valueOf(r.session()),
                    r.mode(), r.ok() ? "ok" : "failed", r.reason(), r.lastReplyCode() == 0 ? "" : String.valueOf(r.lastReplyCode()),
                    seconds(r.connected(), r.start()), seconds(r.loggedIn(), r.start()), seconds(r.firstByte(), r.start()),
                    seconds(r.end(), r.start()), String.valueOf(r.bytes()), String.valueOf(r.dataConnections())));
            for (final String f : firewallNames) {
                cells.add(row.dataPath().getOrDefault(f, ""));
            }
            for (int i = 0; i < cells.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(csv(cells.get(i)));
            }
            sb.append('\n');
        }
        atomicWrite(file, sb.toString());
    }

    private static String seconds(final long t, final long start) {
        return t < 0 ? "" : String.format(java.util.Locale.ROOT, "%.6f", (t - start) / 1e9);
    }

    static String csv(final String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Writes beside the target and renames over it, so a reader never sees half a file. */
    public static void atomicWrite(final Path file, final String text) throws IOException {
        atomicWrite(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same for bytes (images). */
    public static void atomicWrite(final Path file, final byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.replace(file, bytes);
    }
}
