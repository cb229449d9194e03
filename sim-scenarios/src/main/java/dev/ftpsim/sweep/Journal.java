package dev.ftpsim.sweep;

import dev.ftpsim.run.AtomicFiles;

import java.io.IOException;
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
 * {@code points.jsonl}: line 1 is the header (the {@link SweepSpec}), each further line one
 * {@link PointResult}. The header is written by atomic rename, so the file either does not exist
 * or starts with a whole header. Each point line is one fsync'd append; a kill during an append
 * can only leave a last line without its newline, which the next open cuts off (that point then
 * runs again).
 */
final class Journal {
    static final String FILE_NAME = "points.jsonl";
    /** Format 2 added {@code inputs}, the digest of the files the results depend on. */
    private static final String FORMAT = "ftpsim-sweep-journal/2";

    private final Path file;
    private final TreeMap<Integer, PointResult> finished;

    private Journal(final Path file, final TreeMap<Integer, PointResult> finished) {
        this.file = file;
        this.finished = finished;
    }

    /** Opens the journal in {@code dir} for {@code spec}, creating it if absent. */
    static Journal open(final Path dir, final SweepSpec spec) throws IOException {
        final Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            AtomicFiles.replace(file, header(spec) + "\n");
            return new Journal(file, new TreeMap<>());
        }
        final byte[] bytes = Files.readAllBytes(file);
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final int headerEnd = text.indexOf('\n');
        if (headerEnd < 0) {
            throw new IOException(file + " has no complete header line; delete it to start over");
        }
        checkHeader(file, text.substring(0, headerEnd), spec);
        final var finished = new TreeMap<Integer, PointResult>();
        int lineStart = headerEnd + 1;
        int lineNo = 2;
        while (lineStart < text.length()) {
            final int end = text.indexOf('\n', lineStart);
            if (end < 0) {
                // Torn last append: drop it so the next append starts on a fresh line.
                final long keep = text.substring(0, lineStart).getBytes(StandardCharsets.UTF_8).length;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(keep);
                    ch.force(true);
                }
                break;
            }
            final PointResult r;
            try {
                r = parsePoint(text.substring(lineStart, end), spec);
            } catch (final RuntimeException e) {
                throw new IOException(file + " line " + lineNo + " is damaged (" + e.getMessage()
                        + "); delete the folder to start over", e);
            }
            finished.putIfAbsent(r.index(), r);
            lineStart = end + 1;
            lineNo++;
        }
        return new Journal(file, finished);
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
        finished.put(r.index(), r);
    }

    static String header(final SweepSpec spec) {
        final StringBuilder b = new StringBuilder("{\"format\":").append(MiniJson.quote(FORMAT))
                .append(",\"replications\":").append(spec.replications())
                .append(",\"master_seed\":").append(spec.masterSeed())
                .append(",\"inputs\":").append(MiniJson.quote(spec.inputs()))
                .append(",\"points\":[");
        for (int p = 0; p < spec.points().size(); p++) {
            final SweepPoint pt = spec.points().get(p);
            b.append(p == 0 ? "" : ",").append("{\"name\":").append(MiniJson.quote(pt.name())).append(",\"params\":{");
            int k = 0;
            for (final var e : pt.params().entrySet()) {
                b.append(k++ == 0 ? "" : ",").append(MiniJson.quote(e.getKey())).append(':')
                        .append(MiniJson.quote(e.getValue()));
            }
            b.append("}}");
        }
        return b.append("]}").toString();
    }

    static String pointLine(final PointResult r) {
        final StringBuilder b = new StringBuilder("{\"point\":").append(r.index())
                .append(",\"name\":").append(MiniJson.quote(r.name())).append(",\"seeds\":[");
        for (int i = 0; i < r.seeds().size(); i++) {
            b.append(i == 0 ? "" : ",").append(r.seeds().get(i));
        }
        b.append("],\"metrics\":[");
        for (int i = 0; i < r.replications().size(); i++) {
            b.append(i == 0 ? "{" : ",{");
            int k = 0;
            for (final var e : r.replications().get(i).entrySet()) {
                b.append(k++ == 0 ? "" : ",").append(MiniJson.quote(e.getKey())).append(':')
                        .append(MiniJson.number(e.getValue()));
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    @SuppressWarnings("unchecked")
    private static void checkHeader(final Path file, final String line, final SweepSpec spec) {
        final SweepSpec theirs;
        try {
            final var h = (Map<String, Object>) MiniJson.parse(line);
            if (!FORMAT.equals(h.get("format"))) {
                throw new IllegalArgumentException("format " + h.get("format"));
            }
            final var points = new ArrayList<SweepPoint>();
            for (final Object o : (List<Object>) h.get("points")) {
                final var p = (Map<String, Object>) o;
                final var params = new LinkedHashMap<String, String>();
                ((Map<String, Object>) p.get("params")).forEach((k, v) -> params.put(k, (String) v));
                points.add(new SweepPoint((String) p.get("name"), params));
            }
            theirs = new SweepSpec(points, (int) ((MiniJson.Num) h.get("replications")).asLong(),
                    ((MiniJson.Num) h.get("master_seed")).asLong(), (String) h.get("inputs"));
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
            return "its journal was written from other inputs (the scenario file, a file it loads, or the"
                    + " ftpsim version changed since), so its results are not this sweep's";
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

    @SuppressWarnings("unchecked")
    private static PointResult parsePoint(final String line, final SweepSpec spec) {
        final var m = (Map<String, Object>) MiniJson.parse(line);
        final int index = (int) ((MiniJson.Num) m.get("point")).asLong();
        final String name = (String) m.get("name");
        if (index < 0 || index >= spec.points().size() || !spec.points().get(index).name().equals(name)) {
            throw new IllegalArgumentException("point " + index + " '" + name + "' is not in this sweep");
        }
        final var seeds = new ArrayList<Long>();
        for (final Object o : (List<Object>) m.get("seeds")) {
            seeds.add(((MiniJson.Num) o).asLong());
        }
        final var reps = new ArrayList<Map<String, Double>>();
        for (final Object o : (List<Object>) m.get("metrics")) {
            final var metrics = new LinkedHashMap<String, Double>();
            ((Map<String, Object>) o).forEach((k, v) -> metrics.put(k, MiniJson.toDouble(v)));
            reps.add(metrics);
        }
        if (reps.size() != spec.replications()) {
            throw new IllegalArgumentException(reps.size() + " replications, expected " + spec.replications());
        }
        return new PointResult(index, name, seeds, reps);
    }
}
