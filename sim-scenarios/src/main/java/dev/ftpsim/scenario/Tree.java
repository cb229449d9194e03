package dev.ftpsim.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML or JSON document as a tree in which every node, and every key, knows its line and
 * column. Jackson's streaming parser supplies the tokens and their locations; binding to records
 * is done by hand afterwards ({@link Binder}) because Jackson's databind stops at the first error
 * and forgets where values were, while we report every error of a file with its position.
 */
final class Tree {
    private Tree() {}

    /** A 1-based position in the scenario file. */
    record Loc(int line, int column) {
        static final Loc NA = new Loc(-1, -1);
    }

    /** A node of the document. */
    sealed interface Node permits Map, Seq, Scalar {
        Loc loc();

        /** "a mapping", "a list", "a string" ... for "expected X, got Y" messages. */
        String describe();
    }

    /** A key of a mapping, with its own position. */
    record Entry(String key, Loc keyLoc, Node value) {}

    /** A mapping in file order. */
    record Map(Loc loc, List<Entry> entries) implements Node {
        Map {
            entries = List.copyOf(entries);
        }

        Entry entry(final String key) {
            for (final Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        Node get(final String key) {
            final Entry e = entry(key);
            return e == null ? null : e.value();
        }

        /** A copy with {@code key} set to {@code value}, added at the end when absent. */
        Map with(final String key, final Loc keyLoc, final Node value) {
            final List<Entry> out = new ArrayList<>(entries);
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).key().equals(key)) {
                    out.set(i, new Entry(key, out.get(i).keyLoc(), value));
                    return new Map(loc, out);
                }
            }
            out.add(new Entry(key, keyLoc, value));
            return new Map(loc, out);
        }

        Map without(final String key) {
            return new Map(loc, entries.stream().filter(e -> !e.key().equals(key)).toList());
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A list. */
    record Seq(Loc loc, List<Node> items) implements Node {
        Seq {
            items = List.copyOf(items);
        }

        Seq with(final int i, final Node value) {
            final List<Node> out = new ArrayList<>(items);
            out.set(i, value);
            return new Seq(loc, out);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What kind of scalar the parser saw: YAML's {@code 0.001} is a number, {@code 5ms} a string. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /** A scalar value and its text as written (numbers as the parser printed them). */
    record Scalar(Loc loc, String text, Kind kind) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case INT, FLOAT -> "the number " + text;
                case BOOL -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }

    /** Thrown for text that is not YAML or JSON at all; carries the parser's position. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final Loc loc;

        SyntaxError(final Loc loc, final String message) {
            super(message);
            this.loc = loc;
        }
    }

    /** Deepest nesting of mappings and lists: real scenarios need 8 levels. */
    static final int MAX_DEPTH = 64;
    /** Most nodes a document may have, each alias counting the nodes it repeats: bounds an alias bomb. */
    static final int MAX_NODES = 100_000;

    /** The values in {@code n}, itself included; a value shared through aliases counts once per use. */
    static long size(final Node n) {
        long size = 1;
        if (n instanceof Map m) {
            for (final Entry e : m.entries()) {
                size += size(e.value());
            }
        } else if (n instanceof Seq q) {
            for (final Node x : q.items()) {
                size += size(x);
            }
        }
        return size;
    }

    /**
     * Parses a document. {@code duplicates} receives keys written twice in one mapping (YAML
     * allows the parser to keep the last; we call it an error, as it is always a mistake).
     */
    static Node parse(final String text, final boolean json, final List<Entry> duplicates) throws SyntaxError {
        final JsonFactory f = json ? new JsonFactory() : new YAMLFactory();
        try (JsonParser p = f.createParser(text)) {
            final JsonToken first = p.nextToken();
            if (first == null) {
                throw new SyntaxError(new Loc(1, 1), "the file is empty: expected a mapping with at least 'hosts'");
            }
            final Node root = new Reader(p, text, duplicates).read(0);
            if (p.nextToken() != null) {
                throw new SyntaxError(loc(p.currentTokenLocation()), "only one document per file is read");
            }
            return root;
        } catch (final JsonProcessingException e) {
            final JsonLocation l = e.getLocation();
            final String m = json ? dev.ftpsim.core.util.JsonWords.say(e.getOriginalMessage())
                    : firstLine(e.getOriginalMessage());
            // a '? [a, b]' key: Jackson names the parser's event class; say what is wrong instead
            final boolean complexKey = m.startsWith("Expected a field name");
            throw new SyntaxError(l == null ? Loc.NA : complexKey ? atBracket(text, loc(l)) : loc(l), "not valid "
                    + (json ? "JSON" : "YAML") + ": "
                    + (complexKey ? "a key must be a name or number, not a list or a mapping" : m));
        } catch (final org.yaml.snakeyaml.error.YAMLException e) {
            // SnakeYAML's own errors that Jackson does not wrap, such as a bad escape or tag.
            throw new SyntaxError(Loc.NA, "not valid YAML: " + firstLine(e.getMessage()));
        } catch (final IOException e) {
            throw new SyntaxError(Loc.NA, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Builds nodes from tokens. YAML anchors and aliases are resolved here, since Jackson returns
     * an alias as the anchor's name: an alias shares the anchored node (so an error inside it is
     * reported where the anchored text is written), merge keys ({@code <<: *base}) copy the
     * entries the mapping does not set itself, and every alias counts the nodes it repeats
     * towards {@link #MAX_NODES}.
     */
    private static final class Reader {
        private final JsonParser p;
        private final String text;
        private final List<Entry> duplicates;
        private final java.util.Map<String, Node> anchors = new java.util.HashMap<>();
        /** Nodes under each anchored node, aliases expanded. */
        private final java.util.Map<Node, Long> sizes = new java.util.IdentityHashMap<>();
        private final int[] lineStart;
        private long nodes;

        Reader(final JsonParser p, final String text, final List<Entry> duplicates) {
            this.p = p;
            this.text = text;
            this.duplicates = duplicates;
            final List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStart = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        Node read(final int depth) throws IOException, SyntaxError {
            final Loc at = loc(p.currentTokenLocation());
            final JsonToken t = p.currentToken();
            final Object tag = p.getTypeId();
            if (tag != null) {
                final String name = String.valueOf(tag);
                throw new SyntaxError(at, "YAML tag " + (name.startsWith("tag:yaml.org,2002:")
                        ? "!!" + name.substring(18) : "!" + name) + " is not supported: write plain values,"
                        + " lists and mappings");
            }
            if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                return alias(at, p.getText());
            }
            if (depth >= MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
                throw new SyntaxError(at, "nested deeper than " + MAX_DEPTH + " levels of mappings and lists");
            }
            final String anchor = anchor(t, at);
            final long before = nodes;
            if (++nodes > MAX_NODES) {
                throw new SyntaxError(at, "the document has more than " + MAX_NODES + " values");
            }
            final Node n = switch (t) {
                case START_OBJECT -> map(at, depth);
                case START_ARRAY -> {
                    final List<Node> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(read(depth + 1));
                    }
                    yield new Seq(at, items);
                }
                case VALUE_STRING -> new Scalar(at, p.getText(), Kind.STRING);
                case VALUE_NUMBER_INT -> new Scalar(at, p.getText(), Kind.INT);
                case VALUE_NUMBER_FLOAT -> new Scalar(at, p.getText(), Kind.FLOAT);
                case VALUE_TRUE, VALUE_FALSE -> new Scalar(at, p.getText(), Kind.BOOL);
                case VALUE_NULL -> new Scalar(at, "null", Kind.NULL);
                default -> throw new SyntaxError(at, "unexpected " + t + ": expected a value, a list or a mapping");
            };
            if (anchor != null) {
                anchors.put(anchor, n);
                sizes.put(n, nodes - before);
            }
            return n;
        }

        private Map map(final Loc at, final int depth) throws IOException, SyntaxError {
            final List<Entry> entries = new ArrayList<>();
            final java.util.Set<String> keys = new java.util.HashSet<>(); // a mapping may have 100,000 keys
            final List<Entry> merges = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String key = p.currentName();
                final Loc keyLoc = loc(p.currentTokenLocation());
                p.nextToken();
                final Entry e = new Entry(key, keyLoc, read(depth + 1));
                // A merge key is written plain: a quoted "<<" is an ordinary key.
                if (key.equals("<<") && p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser
                        && offset(keyLoc) >= 0 && text.startsWith("<<", offset(keyLoc))) {
                    merges.add(e);
                } else if (!keys.add(key)) {
                    duplicates.add(e);
                } else {
                    entries.add(e);
                }
            }
            // YAML merge keys (yaml.org/type/merge.html): the mapping's own keys win, then
            // earlier merged mappings over later ones.
            for (final Entry m : merges) {
                for (final Node src : m.value() instanceof Seq q ? q.items() : List.of(m.value())) {
                    if (!(src instanceof Map sm)) {
                        // At the '<<' key: the value may be an alias of text written elsewhere.
                        throw new SyntaxError(m.keyLoc(), "'<<' merges mappings: expected an alias of a mapping,"
                                + " like <<: *base, or a list of them, got " + src.describe());
                    }
                    for (final Entry e : sm.entries()) {
                        if (keys.add(e.key())) {
                            entries.add(e);
                        }
                    }
                }
            }
            return new Map(at, entries);
        }

        private Node alias(final Loc at, final String name) throws SyntaxError {
            final Node n = anchors.get(name);
            if (n == null) {
                throw new SyntaxError(at, "alias *" + name + " refers to no anchor: write &" + name
                        + " on a value before it");
            }
            nodes += sizes.get(n);
            if (nodes > MAX_NODES) {
                throw new SyntaxError(at, "aliases repeat more than " + MAX_NODES + " values: the document would"
                        + " be too large");
            }
            return n;
        }

        /**
         * The anchor written before the current value, or null. Jackson reports anchors of
         * mappings and lists but not of scalars, so a scalar's is read from the text: a plain
         * scalar cannot start with '&', and the scalar's position is that of its anchor.
         */
        private String anchor(final JsonToken t, final Loc at) throws IOException {
            if (!(p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser)) {
                return null;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                return p.getObjectId() == null ? null : String.valueOf(p.getObjectId());
            }
            final int i = offset(at);
            if (i < 0 || i >= text.length() || text.charAt(i) != '&') {
                return null;
            }
            int j = i + 1;
            while (j < text.length() && " \t\r\n,[]{}".indexOf(text.charAt(j)) < 0) {
                j++;
            }
            return text.substring(i + 1, j);
        }

        /** The character offset of a position, -1 if outside the text. */
        private int offset(final Loc l) {
            if (l.line() < 1 || l.line() > lineStart.length || l.column() < 1) {
                return -1;
            }
            return lineStart[l.line() - 1] + l.column() - 1;
        }
    }

    /** Jackson places a list or mapping key just past its opening bracket: the bracket itself, when it is there. */
    private static Loc atBracket(final String text, final Loc at) {
        int start = 0;
        for (int line = 1; line < at.line() && start >= 0; line++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return at;
            }
        }
        final int i = start + at.column() - 2;
        return at.column() > 1 && i < text.length() && (text.charAt(i) == '[' || text.charAt(i) == '{')
                ? new Loc(at.line(), at.column() - 1) : at;
    }

    private static Loc loc(final JsonLocation l) {
        return new Loc(l.getLineNr(), l.getColumnNr());
    }

    /**
     * SnakeYAML's messages span lines: context, "in 'reader', line 3", a snippet with a caret,
     * then the problem. Keep the context and the problem.
     */
    private static String firstLine(final String s) {
        if (s == null) {
            return "";
        }
        final List<String> kept = new ArrayList<>();
        // Jackson names the source, which is text here: keep only the position it gives.
        final String noSource = s.replaceAll("\\[Source: [^;\\]]*(?:\\([^)]*\\))?; line: (\\d+), column: (\\d+)]",
                "line $1, column $2");
        for (final String l : noSource.split("\n")) {
            final String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.startsWith("at [Source") && !t.startsWith("^")
                    && l.startsWith(t)) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? s.strip() : String.join(": ", kept);
    }
}
