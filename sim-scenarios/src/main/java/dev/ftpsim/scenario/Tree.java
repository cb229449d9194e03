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
            final Node root = read(p, duplicates);
            if (p.nextToken() != null) {
                throw new SyntaxError(loc(p.currentTokenLocation()), "only one document per file is read");
            }
            return root;
        } catch (final JsonProcessingException e) {
            final JsonLocation l = e.getLocation();
            throw new SyntaxError(l == null ? Loc.NA : loc(l), "not valid " + (json ? "JSON" : "YAML") + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (final IOException e) {
            throw new SyntaxError(Loc.NA, "cannot read: " + e.getMessage());
        }
    }

    private static Node read(final JsonParser p, final List<Entry> duplicates) throws IOException {
        final Loc at = loc(p.currentTokenLocation());
        final JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                final List<Entry> entries = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    final String key = p.currentName();
                    final Loc keyLoc = loc(p.currentTokenLocation());
                    p.nextToken();
                    final Entry e = new Entry(key, keyLoc, read(p, duplicates));
                    if (entries.stream().anyMatch(x -> x.key().equals(key))) {
                        duplicates.add(e);
                    } else {
                        entries.add(e);
                    }
                }
                return new Map(at, entries);
            }
            case START_ARRAY -> {
                final List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, duplicates));
                }
                return new Seq(at, items);
            }
            case VALUE_STRING -> {
                return new Scalar(at, p.getText(), Kind.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(at, p.getText(), Kind.INT);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(at, p.getText(), Kind.FLOAT);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(at, p.getText(), Kind.BOOL);
            }
            case VALUE_NULL -> {
                return new Scalar(at, "null", Kind.NULL);
            }
            default -> throw new IllegalStateException("unexpected token " + t);
        }
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
        for (final String l : s.split("\n")) {
            final String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.startsWith("at [Source") && !t.startsWith("^")
                    && l.startsWith(t)) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? s.strip() : String.join(": ", kept);
    }
}
