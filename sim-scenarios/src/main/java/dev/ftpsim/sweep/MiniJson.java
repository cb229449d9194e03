package dev.ftpsim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset the journal needs: objects, arrays, strings, numbers, true, false, null.
 * Numbers come back as {@link Num} holding their text, so that seeds (longs) and doubles both
 * round-trip exactly. Kept here rather than pulling a JSON library into the sweep engine.
 */
final class MiniJson {
    /** A JSON number as written. */
    record Num(String text) {
        long asLong() {
            return Long.parseLong(text);
        }
    }

    private final String s;
    private int i;

    private MiniJson(final String s) {
        this.s = s;
    }

    /** Parses one JSON value filling all of {@code text}; throws IllegalArgumentException otherwise. */
    static Object parse(final String text) {
        final MiniJson p = new MiniJson(text);
        final Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.error("end of input");
        }
        return v;
    }

    /** A double as JSON: its shortest exact decimal form, or a string for NaN and infinities. */
    static String number(final double d) {
        return Double.isFinite(d) ? Double.toString(d) : quote(Double.toString(d));
    }

    /** Reads a double written by {@link #number}. */
    static double toDouble(final Object o) {
        if (o instanceof Num n) {
            return Double.parseDouble(n.text());
        }
        if (o instanceof String str && (str.equals("NaN") || str.endsWith("Infinity"))) {
            return Double.parseDouble(str);
        }
        throw new IllegalArgumentException("expected a number, found " + o);
    }

    static String quote(final String v) {
        final StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int k = 0; k < v.length(); k++) {
            final char c = v.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private Object value() {
        ws();
        if (i >= s.length()) {
            throw error("a value");
        }
        final char c = s.charAt(i);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        final var m = new LinkedHashMap<String, Object>();
        i++;
        ws();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("a member name");
            }
            final String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        final var l = new ArrayList<Object>();
        i++;
        ws();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            ws();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() {
        final StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
            final char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            final char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw error("an escape");
            }
        }
        throw error("a closing quote");
    }

    private Num number() {
        final int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw error("a value");
        }
        return new Num(s.substring(start, i));
    }

    private Object literal(final String word, final Object v) {
        if (!s.startsWith(word, i)) {
            throw error(word);
        }
        i += word.length();
        return v;
    }

    private void expect(final char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(final String expected) {
        return new IllegalArgumentException("bad JSON at character " + (i + 1) + ": expected " + expected);
    }
}
