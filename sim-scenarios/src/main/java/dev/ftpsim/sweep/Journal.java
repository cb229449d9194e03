package dev.ftpsim.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ftpsim.run.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's journal: {@code sweep.json} names the sweep (the {@link SweepSpec}), written by atomic
 * rename before any point runs, and {@code points.jsonl} holds points only, one {@link PointResult}
 * per line. Each point line is one fsync'd append, in finishing order; a kill during an append can
 * only leave a last line without its newline, which the next open cuts off (that point then runs
 * again). When every point is in, the file is rewritten in the points' order by atomic rename, so
 * a finished sweep's journal is the same bytes however its points were scheduled. Journals of
 * formats 2 and 3 kept the header as the first line of {@code points.jsonl}; they are still read,
 * resumed and kept in that form.
 */
final class Journal {
    static final String FILE_NAME = "points.jsonl";
    static final String HEADER_FILE_NAME = "sweep.json";
    /**
     * Format 2 added {@code inputs}, the digest of the files the results depend on; format 3 writes
     * a metric that is not a number as {@code null} instead of the string {@code "NaN"}; format 4
     * moved the header out of {@code points.jsonl} into {@code sweep.json}. Formats 2 and 3 are
     * still read and resumed.
     */
    private static final String FORMAT = "ftpsim-sweep-journal/4";
    private static final String FORMAT_3 = "ftpsim-sweep-journal/3";
    private static final String FORMAT_2 = "ftpsim-sweep-journal/2";
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Reads a line as a tree; anything after the value makes the line damaged. Made on first use:
     * a sweep into a fresh folder reads no journal, and building a mapper (databind's classes, its
     * default date format's calendar and locale data) held up its first simulation by 0.05-0.1 s
     * (benchmarks/README.md, "Sweeps", ninth round).
     */
    private static final class Reader {
        static final ObjectReader READER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build().reader();
    }

    private final Path file;
    private final TreeMap<Integer, PointResult> finished;
    /** The header line of a format 2 or 3 journal, kept as its first line; null for format 4. */
    private final String legacyHeader;
    /** The line of {@code points.jsonl} each finished point was read from. */
    private final Map<Integer, Integer> lines = new TreeMap<>();
    /** Whether the point lines on disk are in the points' order. */
    private boolean inOrder;

    private Journal(final Path file, final TreeMap<Integer, PointResult> finished, final String legacyHeader,
                    final boolean inOrder) {
        this.file = file;
        this.finished = finished;
        this.legacyHeader = legacyHeader;
        this.inOrder = inOrder;
    }

    /** Opens the journal in {@code dir} for {@code spec}, creating its header if absent. */
    static Journal open(final Path dir, final SweepSpec spec) throws IOException {
        final Path file = dir.resolve(FILE_NAME);
        final Path head = dir.resolve(HEADER_FILE_NAME);
        String legacyHeader = null;
        final byte[] bytes;
        int lineStart = 0;
        if (Files.exists(head)) {
            final byte[] h = readFile(head);
            checkHeader(head, text(head, h, 0, h.length, 1).strip(), spec, FORMAT);
            bytes = Files.exists(file) ? readFile(file) : new byte[0];
        } else if (Files.exists(file)) {
            bytes = readFile(file);
            final int headerEnd = indexOf(bytes, 0);
            if (headerEnd < 0) {
                throw new IOException(file + " has no complete header line; delete it to start over");
            }
            legacyHeader = text(file, bytes, 0, headerEnd, 1);
            checkHeader(file, legacyHeader, spec, FORMAT_3, FORMAT_2);
            lineStart = headerEnd + 1;
        } else {
            AtomicFiles.replace(head, header(spec) + "\n");
            return new Journal(file, new TreeMap<>(), null, true);
        }
        final var finished = new TreeMap<Integer, PointResult>();
        final var lines = new TreeMap<Integer, Integer>();
        boolean inOrder = true;
        int lineNo = legacyHeader == null ? 1 : 2;
        while (lineStart < bytes.length) {
            final int end = indexOf(bytes, lineStart);
            if (end < 0) {
                // Torn last append (its bytes may end inside a character): drop it so the next
                // append starts on a fresh line.
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(lineStart);
                    ch.force(true);
                }
                break;
            }
            final PointResult r;
            try {
                r = parsePoint(text(file, bytes, lineStart, end, lineNo), spec);
            } catch (final RuntimeException e) {
                throw new IOException(file + " line " + lineNo + " is damaged (" + e.getMessage()
                        + "); delete the folder, or run with --restart, to start over", e);
            }
            inOrder &= finished.isEmpty() || r.index() > finished.lastKey();
            if (finished.putIfAbsent(r.index(), r) == null) {
                lines.put(r.index(), lineNo);
            }
            lineStart = end + 1;
            lineNo++;
        }
        final Journal j = new Journal(file, finished, legacyHeader, inOrder);
        j.lines.putAll(lines);
        return j;
    }

    /**
     * Refuses a point line whose seeds are not the ones {@code spec} gives its replications
     * ({@link SweepSeeds}): such a line was written by another sweep (another master seed), and its
     * numbers are not this sweep's.
     */
    void checkSeeds(final SweepSpec spec) throws IOException {
        for (final PointResult r : finished.values()) {
            String why = r.seeds().size() == spec.replications() ? null
                    : r.seeds().size() + " seeds, this sweep " + spec.replications();
            for (int rep = 0; why == null && rep < spec.replications(); rep++) {
                final long ours = SweepSeeds.seed(spec.masterSeed(), r.index(), rep);
                if (r.seeds().get(rep) != ours) {
                    why = "seed " + r.seeds().get(rep) + " for replication " + (rep + 1) + ", this sweep " + ours;
                }
            }
            if (why != null) {
                throw new IOException(file + " line " + lines.get(r.index()) + " is damaged (point " + r.index() + " '"
                        + r.name() + "' has " + why + ": the line is another sweep's); delete the folder, or run with"
                        + " --restart, to start over");
            }
        }
    }

    /** The file's bytes; a folder or other non-file in its place is refused, naming it. */
    private static byte[] readFile(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file, so this folder holds no journal ftpsim can read;"
                    + " use another output folder, or remove it");
        }
        return Files.readAllBytes(file);
    }

    private static int indexOf(final byte[] bytes, final int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Bytes {@code from} to {@code to} of line {@code lineNo} as UTF-8; bytes that are not UTF-8 make it damaged. */
    private static String text(final Path file, final byte[] bytes, final int from, final int to, final int lineNo)
            throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (final CharacterCodingException e) {
            throw new IOException(file + " line " + lineNo + " is damaged (bytes that are not UTF-8 text);"
                    + " delete the folder, or run with --restart, to start over", e);
        }
    }

    /** Finished points by index, in the points' order. */
    Map<Integer, PointResult> finished() {
        return finished;
    }

    Path file() {
        return file;
    }

    /** Records a finished point durably before it counts as finished. */
    void append(final PointResult r) throws IOException {
        AtomicFiles.appendLine(file, pointLine(r));
        inOrder &= finished.isEmpty() || r.index() > finished.lastKey();
        finished.put(r.index(), r);
    }

    /**
     * Once every point of {@code spec} is in: rewrites the journal in the points' order (atomic
     * rename), so its bytes do not depend on which point finished first.
     */
    void sortIfComplete(final SweepSpec spec) throws IOException {
        if (inOrder || finished.size() < spec.points().size()) {
            return;
        }
        final StringBuilder b = new StringBuilder();
        if (legacyHeader != null) {
            b.append(legacyHeader).append('\n');
        }
        for (final PointResult r : finished.values()) {
            b.append(pointLine(r)).append('\n');
        }
        AtomicFiles.replace(file, b.toString());
        inOrder = true;
    }

    static String header(final SweepSpec spec) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("replications", spec.replications());
            g.writeNumberField("master_seed", spec.masterSeed());
            g.writeStringField("inputs", spec.inputs());
            final InputParts parts = spec.inputParts();
            if (parts != null) {
                g.writeObjectFieldStart("input_parts");
                g.writeStringField("ftpsim", parts.program());
                g.writeStringField("scenario", parts.scenario());
                g.writeObjectFieldStart("files");
                for (final var e : parts.files().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("points");
            for (final SweepPoint pt : spec.points()) {
                g.writeStartObject();
                g.writeStringField("name", pt.name());
                g.writeObjectFieldStart("params");
                for (final var e : pt.params().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static String pointLine(final PointResult r) {
        return json(g -> {
            g.writeStartObject();
            g.writeNumberField("point", r.index());
            g.writeStringField("name", r.name());
            g.writeArrayFieldStart("seeds");
            for (final long seed : r.seeds()) {
                g.writeNumber(seed);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("metrics");
            for (final Map<String, Double> rep : r.replications()) {
                g.writeStartObject();
                for (final var e : rep.entrySet()) {
                    g.writeFieldName(e.getKey());
                    final double d = e.getValue();
                    // JSON has no NaN or infinities: a metric without a finite value is null.
                    if (Double.isFinite(d)) {
                        g.writeNumber(d);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    /** One line of JSON: Jackson's compact form, numbers as Java writes them (exact round trip). */
    private static String json(final Writing w) {
        final StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.to(g);
        } catch (final IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void checkHeader(final Path file, final String line, final SweepSpec spec,
                                    final String... formats) {
        final SweepSpec theirs;
        try {
            final JsonNode h = parse(line);
            final String format = text(h, "format");
            if (!List.of(formats).contains(format)) {
                throw new IllegalArgumentException("format " + format);
            }
            final var points = new ArrayList<SweepPoint>();
            for (final JsonNode p : array(h, "points")) {
                final var params = new LinkedHashMap<String, String>();
                for (final var e : object(p, "params").properties()) {
                    params.put(e.getKey(), string(e.getValue(), e.getKey()));
                }
                points.add(new SweepPoint(text(p, "name"), params));
            }
            InputParts parts = null;
            if (h.has("input_parts")) {
                final JsonNode ip = object(h, "input_parts");
                final var files = new TreeMap<String, String>();
                for (final var e : object(ip, "files").properties()) {
                    files.put(e.getKey(), string(e.getValue(), e.getKey()));
                }
                parts = new InputParts(text(ip, "ftpsim"), text(ip, "scenario"), files, null);
            }
            theirs = new SweepSpec(points, Math.toIntExact(integer(field(h, "replications"), "replications")),
                    integer(field(h, "master_seed"), "master_seed"), text(h, "inputs"), parts);
        } catch (final RuntimeException e) {
            throw new SweepMismatchException(file + " is not a sweep journal this version can read ("
                    + e.getMessage() + "); use another output folder, or --restart to start over");
        }
        final String diff = firstDifference(theirs, spec);
        if (diff != null) {
            throw new SweepMismatchException("output folder " + file.getParent()
                    + " holds another sweep: " + diff
                    + "; use another output folder, or --restart to start over");
        }
    }

    /** Says how {@code journal} and {@code ours} differ, or null if they are the same sweep. */
    static String firstDifference(final SweepSpec journal, final SweepSpec ours) {
        if (!journal.inputs().equals(ours.inputs())) {
            final List<String> changes = journal.inputParts() == null || ours.inputParts() == null ? List.of()
                    : ours.inputParts().changesFrom(journal.inputParts());
            if (changes.isEmpty()) {
                // A journal of an ftpsim that kept one digest of all its inputs: which one changed is not known.
                return "its journal was written from other inputs (the scenario file, a file it loads, or the"
                        + " ftpsim version changed since; the journal does not say which), so its results are not"
                        + " this sweep's";
            }
            return "its journal was written from other inputs (" + String.join("; ", changes)
                    + "), so its results are not this sweep's";
        }
        if (journal.replications() != ours.replications()) {
            return "its journal has " + journal.replications() + " replications per point, this sweep "
                    + ours.replications();
        }
        if (journal.masterSeed() != ours.masterSeed()) {
            return "its journal has seed " + journal.masterSeed() + ", this sweep " + ours.masterSeed();
        }
        if (journal.points().size() != ours.points().size()) {
            return "its journal has " + journal.points().size() + " points, this sweep " + ours.points().size();
        }
        for (int p = 0; p < ours.points().size(); p++) {
            final SweepPoint a = journal.points().get(p);
            final SweepPoint b = ours.points().get(p);
            // Parameter order matters too: it decides the CSV's columns.
            if (!a.name().equals(b.name()) || !List.copyOf(a.params().entrySet()).equals(List.copyOf(b.params().entrySet()))) {
                return "point " + (p + 1) + " is " + describe(a) + " in its journal, " + describe(b) + " in this sweep";
            }
        }
        return null;
    }

    private static String describe(final SweepPoint p) {
        return "'" + p.name() + "' " + p.params();
    }

    private static PointResult parsePoint(final String line, final SweepSpec spec) {
        final JsonNode m = parse(line);
        final long index = integer(field(m, "point"), "point");
        final String name = text(m, "name");
        if (index < 0 || index >= spec.points().size() || !spec.points().get((int) index).name().equals(name)) {
            throw new IllegalArgumentException("point " + index + " '" + name + "' is not in this sweep");
        }
        final var seeds = new ArrayList<Long>();
        for (final JsonNode s : array(m, "seeds")) {
            seeds.add(integer(s, "seeds"));
        }
        final var reps = new ArrayList<Map<String, Double>>();
        for (final JsonNode rep : array(m, "metrics")) {
            if (!rep.isObject()) {
                throw new IllegalArgumentException("metrics holds " + rep.getNodeType() + ", expected objects");
            }
            final var metrics = new LinkedHashMap<String, Double>();
            for (final var e : rep.properties()) {
                metrics.put(e.getKey(), number(e.getValue(), e.getKey()));
            }
            reps.add(metrics);
        }
        if (reps.size() != spec.replications()) {
            throw new IllegalArgumentException(reps.size() + " replications, expected " + spec.replications());
        }
        return new PointResult((int) index, name, seeds, reps);
    }

    /** One JSON value filling the whole line; IllegalArgumentException otherwise. */
    private static JsonNode parse(final String line) {
        try {
            return Reader.READER.readTree(line);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode field(final JsonNode o, final String name) {
        final JsonNode v = o.isObject() ? o.get(name) : null;
        if (v == null) {
            throw new IllegalArgumentException("no \"" + name + "\"");
        }
        return v;
    }

    private static String text(final JsonNode o, final String name) {
        return string(field(o, name), name);
    }

    private static String string(final JsonNode v, final String name) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is " + v.getNodeType() + ", expected a string");
        }
        return v.textValue();
    }

    private static JsonNode array(final JsonNode o, final String name) {
        final JsonNode v = field(o, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + name + "\" is " + v.getNodeType() + ", expected an array");
        }
        return v;
    }

    private static JsonNode object(final JsonNode o, final String name) {
        final JsonNode v = field(o, name);
        if (!v.isObject()) {
            throw new IllegalArgumentException("\"" + name + "\" is " + v.getNodeType() + ", expected an object");
        }
        return v;
    }

    private static long integer(final JsonNode v, final String name) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + name + "\" is " + v + ", expected a whole number");
        }
        return v.longValue();
    }

    /**
     * A metric as {@link #pointLine} writes it: a number, or null for NaN; format 2 wrote NaN and
     * the infinities as strings.
     */
    private static double number(final JsonNode v, final String name) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual() && (v.textValue().equals("NaN") || v.textValue().endsWith("Infinity"))) {
            return Double.parseDouble(v.textValue());
        }
        throw new IllegalArgumentException("\"" + name + "\" is " + v + ", expected a number");
    }
}
