package dev.ftpsim.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a run's summary and writes {@code summary.json} and {@code sessions.csv}, atomically. */
public final class Results {
    /**
     * The object mapper, made on first use: a run writes its summary without it, and building it
     * (databind's classes, its serializers) is tens of milliseconds of a small run.
     */
    private static final class Mapper {
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
    }

    /** One session and how each firewall judged its data connection's first packet. */
    public record Row(String label, FtpSessionRecord record, Map<String, String> dataPath) {}

    private Results() {}

    /** {@link #summarize(String, long, List, Map, Map)} without interface drops: rows do not hold them. */
    public static RunSummary summarize(final String scenario, final long seed, final List<Row> rows,
            final Map<String, Firewall> firewalls) {
        return summarize(scenario, seed, rows, firewalls, Map.of());
    }

    /**
     * The summary of a list of rows (the run's own summary is built as sessions end: {@link
     * SummaryBuilder}), with the packets lost outside any rule, per interface and cause.
     */
    public static RunSummary summarize(final String scenario, final long seed, final List<Row> rows,
            final Map<String, Firewall> firewalls, final Map<String, Map<String, Long>> interfaceDrops) {
        final SummaryBuilder b = new SummaryBuilder();
        // A row's label is <population>#<k>, or (the matrix) a cell's name.
        rows.forEach(r -> {
            final int hash = r.label().lastIndexOf('#');
            b.add(r.record(), hash < 0 ? r.label() : r.label().substring(0, hash), null, null);
        });
        return b.build(scenario, seed, firewalls, interfaceDrops);
    }

    /** {@code value} as JSON the way {@code summary.json} is written: indented, maps sorted, no NaN. */
    public static String toJson(final Object value) throws IOException {
        return Mapper.JSON.writeValueAsString(value) + "\n";
    }

    /**
     * {@link #toJson} with every character outside ASCII written as a JSON escape (backslash, u,
     * four hex digits): a document for stdout ({@code --json}), which Java encodes in the locale's
     * charset, ASCII under {@code C} or {@code POSIX}, where a scenario name in UTF-8 came out as
     * question marks. Escaped, the document is the same bytes in every charset and decodes to the
     * same strings.
     */
    public static String toJsonForStdout(final Object value) throws IOException {
        return Mapper.JSON.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                .writeValueAsString(value) + "\n";
    }

    /** {@code summary.json}'s text: what {@link #toJson} writes of {@code s}, without the object mapper. */
    public static String summaryJson(final RunSummary s) throws IOException {
        return SummaryJson.of(s);
    }

    public static void writeSummary(final Path file, final RunSummary s) throws IOException {
        atomicWrite(file, summaryJson(s));
    }

    /** One row per session; a column per firewall with its data-path verdict. */
    public static void writeSessions(final Path file, final List<Row> rows, final List<String> firewallNames)
            throws IOException {
        final StringWriter text = new StringWriter();
        try (Csv csv = Csv.over(text)) {
            csv.row(sessionsHeader(firewallNames));
            for (final Row row : rows) {
                csv.row(sessionCells(row, firewallNames));
            }
        }
        atomicWrite(file, text.toString());
    }

    /** {@code sessions.csv}'s header cells. */
    public static List<String> sessionsHeader(final List<String> firewallNames) {
        final List<String> header = new ArrayList<>(List.of("session", "client", "index", "mode", "outcome", "reason",
                "reason_code", "last_reply", "connect_s", "login_s", "first_byte_s", "end_s", "bytes", "data_connections", "control_connections", "last_mode", "retries"));
        for (final String f : firewallNames) {
            header.add("data_path_" + f);
        }
        return header;
    }

    /** One session's cells in {@code sessions.csv}. */
    public static List<String> sessionCells(final Row row, final List<String> firewallNames) {
        final FtpSessionRecord r = row.record();
        final FtpSessionRecord.Identity id = r.identity();
        final FtpSessionRecord.Timings t = r.timings();
        final int lastReply = r.outcome().lastReplyCode();
        final List<String> cells = new ArrayList<>(List.of(row.label(), id.client(), String.valueOf(id.session()),
                id.mode(), r.ok() ? "ok" : "failed", r.reasonText(), r.reasonCode(),
                lastReply == 0 ? "" : String.valueOf(lastReply), seconds(t.connected(), t.start()),
                seconds(t.loggedIn(), t.start()), seconds(t.firstByte(), t.start()), seconds(t.end(), t.start()),
                String.valueOf(r.transfer().bytes()), String.valueOf(r.transfer().dataConnections()),
                String.valueOf(r.transfer().controlConnections()), id.lastMode(),
                String.valueOf(r.transfer().retries())));
        for (final String f : firewallNames) {
            cells.add(row.dataPath().getOrDefault(f, ""));
        }
        return cells;
    }

    private static String seconds(final long t, final long start) {
        return t < 0 ? "" : TimeseriesSampling.seconds(t - start, 6);
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
