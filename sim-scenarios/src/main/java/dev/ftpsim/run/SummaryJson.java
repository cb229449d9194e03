package dev.ftpsim.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json} written field by field on Jackson's streaming generator, byte for byte what
 * {@link Results#toJson} writes of a {@link RunSummary} (indented, maps sorted by key, NaN as
 * null, a breakdown's null fields left out; a test compares both on the examples' summaries).
 * The object mapper, its introspection of the records and its serializers cost a small run some
 * 500 classes and tens of milliseconds of CPU, for one document whose fields are known.
 */
final class SummaryJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private SummaryJson() {}

    /** The document, ending in a newline. */
    static String of(final RunSummary s) throws IOException {
        final StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            string(g, "scenario", s.scenario());
            g.writeNumberField("seed", s.seed());
            g.writeNumberField("sessions", s.sessions());
            g.writeNumberField("succeeded", s.succeeded());
            g.writeNumberField("failed", s.failed());
            map(g, "failuresByReason", s.failuresByReason());
            map(g, "failuresByCode", s.failuresByCode());
            percentiles(g, "throughputMbps", s.throughputMbps());
            percentiles(g, "sessionSeconds", s.sessionSeconds());
            percentiles(g, "firstByteSeconds", s.firstByteSeconds());
            map(g, "conntrackPeak", s.conntrackPeak());
            map(g, "conntrack", s.conntrack());
            map(g, "drops", s.drops());
            map(g, "interfaceDrops", s.interfaceDrops());
            map(g, "populations", s.populations());
            map(g, "byProfile", s.byProfile());
            map(g, "byMode", s.byMode());
            if (!s.balancers().isEmpty()) {
                map(g, "balancers", s.balancers());
            }
            g.writeEndObject();
        }
        return w + "\n";
    }

    private static void string(final JsonGenerator g, final String name, final String v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    private static void percentiles(final JsonGenerator g, final String name, final Percentiles p) throws IOException {
        g.writeFieldName(name);
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("n", p.n());
        number(g, "p50", p.p50());
        number(g, "p90", p.p90());
        number(g, "p99", p.p99());
        number(g, "max", p.max());
        g.writeEndObject();
    }

    /** JSON has no NaN: a figure without data is null, as the mapper's serializer writes it. */
    private static void number(final JsonGenerator g, final String name, final double v) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void map(final JsonGenerator g, final String name, final Map<String, ?> m) throws IOException {
        g.writeFieldName(name);
        value(g, m);
    }

    private static void value(final JsonGenerator g, final Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (final Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Breakdown b) {
            breakdown(g, b);
        } else if (v instanceof BalancerLog b) {
            g.writeStartObject();
            g.writeNumberField("queued", b.queued());
            g.writeNumberField("queueTimeouts", b.queueTimeouts());
            map(g, "servers", b.servers());
            g.writeEndObject();
        } else if (v instanceof BalancerLog.Server sv) {
            g.writeStartObject();
            g.writeNumberField("checks", sv.checks());
            g.writeNumberField("checksRefused", sv.checksRefused());
            g.writeNumberField("checksUnanswered", sv.checksUnanswered());
            g.writeNumberField("checkSynsUnanswered", sv.checkSynsUnanswered());
            g.writeArrayFieldStart("transitions");
            for (final BalancerLog.Transition t : sv.transitions()) {
                g.writeStartObject();
                g.writeNumberField("seconds", t.seconds());
                g.writeStringField("state", t.state());
                g.writeStringField("reason", t.reason());
                if (t.info() != null) {
                    g.writeStringField("info", t.info());
                }
                g.writeNumberField("checkMs", t.checkMs());
                g.writeNumberField("upLeft", t.upLeft());
                g.writeNumberField("sessions", t.sessions());
                g.writeNumberField("queued", t.queued());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            throw new IllegalStateException("summary.json has no " + v.getClass().getName());
        }
    }

    /** A breakdown's fields that are null (a profile's or mode's host, ...) are left out. */
    private static void breakdown(final JsonGenerator g, final Breakdown b) throws IOException {
        g.writeStartObject();
        if (b.host() != null) {
            g.writeStringField("host", b.host());
        }
        if (b.profile() != null) {
            g.writeStringField("profile", b.profile());
        }
        if (b.mode() != null) {
            g.writeStringField("mode", b.mode());
        }
        g.writeNumberField("sessions", b.sessions());
        g.writeNumberField("succeeded", b.succeeded());
        g.writeNumberField("failed", b.failed());
        if (b.failuresByReason() != null) {
            map(g, "failuresByReason", b.failuresByReason());
        }
        if (b.failuresByCode() != null) {
            map(g, "failuresByCode", b.failuresByCode());
        }
        g.writeEndObject();
    }
}
