package dev.ftpsim.core.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code nft -j list ruleset} JSON (libnftables-json(5), schema version 1) into the same IR as
 * {@link NftParser}. Each object of the top-level {@code nftables} array is one node: table, chain,
 * rule, set or map, element, flowtable or named object, or a command ({@code add}, {@code insert},
 * {@code flush}, {@code delete}) wrapping one. Positions are those of each array element; the
 * expressions of a rule carry the rule's position.
 */
public final class NftJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String file;
    private final Ruleset ruleset = new Ruleset();
    private final List<RuleError> errors = new ArrayList<>();
    private final NftJsonExpr expr;

    private NftJsonReader(final String file) {
        this.file = file;
        this.expr = new NftJsonExpr(this);
    }

    /** Loads a JSON file. */
    public static Ruleset load(final Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RulesetException(List.of(new RuleError(new Pos(path.toString(), 0, 0), "cannot read: " + e.getMessage())));
        }
    }

    /** Loads JSON text named {@code name}. */
    public static Ruleset parse(final String name, final String text) {
        final NftJsonReader r = new NftJsonReader(name);
        JsonParser parser = null;
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            parser = p;
            r.document(p);
        } catch (JsonProcessingException e) {
            // a nesting limit's exception has no location: the parser's is where it stopped
            final JsonLocation l = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            r.errors.add(new RuleError(new Pos(name, l.getLineNr(), l.getColumnNr()),
                    "not valid JSON: " + dev.ftpsim.core.util.JsonWords.say(e.getOriginalMessage())));
        } catch (IOException e) {
            r.errors.add(new RuleError(new Pos(name, 0, 0), "cannot read: " + e.getMessage()));
        }
        SetIntervals.check(r.ruleset, r.errors);
        if (!r.errors.isEmpty()) {
            throw new RulesetException(r.errors);
        }
        return Canon.ruleset(r.ruleset);
    }

    private void document(final JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new ParseFailure(pos(p), "expected {\"nftables\": [...]}");
        }
        final Pos start = pos(p);
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String field = p.getCurrentName();
            final JsonToken t = p.nextToken();
            if (!field.equals("nftables")) {
                errors.add(new RuleError(pos(p), "unknown top-level key \"" + NftCursor.excerpt(field)
                        + "\" (expected \"nftables\")"));
                p.skipChildren();
                continue;
            }
            found = true;
            if (t != JsonToken.START_ARRAY) {
                errors.add(new RuleError(pos(p), "the value of \"nftables\" must be an array"));
                p.skipChildren();
                continue;
            }
            // every element is a command: one that is not an object is an error, never the silent end of the list
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                final Pos pos = pos(p);
                final JsonNode node = MAPPER.readTree(p);
                if (!node.isObject()) {
                    errors.add(new RuleError(pos, "expected a command object such as {\"table\": {...}}, found "
                            + NftCursor.excerpt(node.toString())));
                    continue;
                }
                try {
                    command(node, pos);
                } catch (ParseFailure f) {
                    errors.add(f.error());
                }
            }
        }
        if (!found) {
            // libnftables: "Object item not found: nftables"; an empty ruleset would pass everything
            errors.add(new RuleError(start, "no \"nftables\" key: expected {\"nftables\": [...]}"));
        }
        if (p.nextToken() != null) {
            errors.add(new RuleError(pos(p), "text after the end of the JSON document"));
        }
    }

    private Pos pos(final JsonParser p) {
        final JsonLocation l = p.getTokenLocation();
        return new Pos(file, l.getLineNr(), l.getColumnNr());
    }

    ParseFailure fail(final Pos pos, final String message) {
        return new ParseFailure(pos, message);
    }

    private void command(final JsonNode node, final Pos pos) {
        final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            final JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "metainfo": break;
                case "add": case "create": case "insert": command(v, pos, e.getKey()); break;
                case "flush": flush(v, pos); break;
                case "delete": delete(v, pos); break;
                default: object(e.getKey(), v, pos, "add");
            }
        }
    }

    private void command(final JsonNode v, final Pos pos, final String verb) {
        final Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            object(e.getKey(), e.getValue(), pos, verb);
        }
    }

    private void flush(final JsonNode v, final Pos pos) {
        if (v.has("ruleset")) {
            ruleset.tables().clear();
        } else if (v.has("table")) {
            final Table t = table(v.get("table"), "name", pos);
            t.chains().clear();
            t.sets().clear();
            t.objects().clear();
            t.flowtables().clear();
        } else if (v.has("chain")) {
            chain(table(v.get("chain"), "table", pos), v.get("chain").path("name").asText(), pos).rules().clear();
        } else {
            throw fail(pos, "flush of " + v.fieldNames().next() + " is not modelled");
        }
    }

    private void delete(final JsonNode v, final Pos pos) {
        if (v.has("table")) {
            ruleset.tables().remove(table(v.get("table"), "name", pos));
        } else {
            throw fail(pos, "delete of " + v.fieldNames().next() + " is not modelled");
        }
    }

    private Table table(final JsonNode o, final String nameKey, final Pos pos) {
        final Family f = family(o, pos);
        final String name = text(o, nameKey, pos);
        final Table t = ruleset.table(f, name);
        if (t == null) {
            throw fail(pos, "table " + f.nft() + " " + name + " does not exist");
        }
        return t;
    }

    private Chain chain(final Table t, final String name, final Pos pos) {
        final Chain c = t.chains().get(name);
        if (c == null) {
            throw fail(pos, "chain " + name + " does not exist in table " + t.name());
        }
        return c;
    }

    private Family family(final JsonNode o, final Pos pos) {
        final Family f = Family.of(o.path("family").asText("ip"));
        if (f == null) {
            throw fail(pos, "unknown family \"" + o.path("family").asText() + "\"");
        }
        return f;
    }

    static String text(final JsonNode o, final String key, final Pos pos) {
        final JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new ParseFailure(pos, "\"" + key + "\" (a string) is missing");
        }
        return v.asText();
    }

    private void object(final String kind, final JsonNode o, final Pos pos, final String verb) {
        switch (kind) {
            case "table": {
                final Family f = family(o, pos);
                final String name = text(o, "name", pos);
                Table t = ruleset.table(f, name);
                if (t == null) {
                    t = new Table(f, name, pos);
                    ruleset.tables().add(t);
                }
                if (o.has("comment")) {
                    t.comment(o.get("comment").asText());
                }
                return;
            }
            case "chain": {
                final Table t = table(o, "table", pos);
                final String name = text(o, "name", pos);
                final Chain c = t.chains().computeIfAbsent(name, n -> new Chain(n, pos));
                if (o.has("hook")) {
                    c.base(base(t, o, pos));
                }
                if (o.has("comment")) {
                    c.comment(o.get("comment").asText());
                }
                return;
            }
            case "rule": {
                final Table t = table(o, "table", pos);
                final Chain c = chain(t, text(o, "chain", pos), pos);
                final List<Stmt> items = Canon.rule(expr.statements(t, o.path("expr"), pos), t.family());
                final Rule r = new Rule(items, o.has("comment") ? o.get("comment").asText() : null,
                        o.path("handle").asLong(-1), pos);
                c.rules().add(verb.equals("insert") ? 0 : c.rules().size(), r);
                expr.checkRefs(t, items, pos);
                return;
            }
            case "set": case "map": {
                final Table t = table(o, "table", pos);
                final NamedSet s = NftJsonSets.set(this, expr, kind.equals("map"), o, pos);
                t.sets().put(s.name(), s);
                return;
            }
            case "element": {
                final Table t = table(o, "table", pos);
                final NamedSet s = t.sets().get(text(o, "name", pos));
                if (s == null) {
                    throw fail(pos, "set " + o.path("name").asText() + " does not exist");
                }
                s.elements().addAll(NftJsonSets.elements(expr, s, o.path("elem"), pos));
                return;
            }
            case "flowtable": {
                final Table t = table(o, "table", pos);
                final List<String> devs = NftJsonExpr.strings(o.path("dev"));
                final String name = text(o, "name", pos);
                t.flowtables().put(name, new Flowtable(name, Hook.of(o.path("hook").asText("ingress")),
                        o.path("prio").asInt(0), devs, false, false, pos));
                return;
            }
            case "counter": case "quota": case "limit": case "ct helper": case "ct timeout": case "ct expectation": {
                final Table t = table(o, "table", pos);
                final NamedObject obj = NftJsonSets.object(t.family(), kind, o, pos);
                t.objects().put(obj.kind() + " " + obj.name(), obj);
                return;
            }
            default:
                throw fail(pos, "\"" + kind + "\" objects are not modelled");
        }
    }

    private Chain.Base base(final Table t, final JsonNode o, final Pos pos) {
        final Hook hook = Hook.of(o.path("hook").asText());
        if (hook == null) {
            throw fail(pos, "unknown hook \"" + o.path("hook").asText() + "\"");
        }
        final Chain.Type type;
        switch (o.path("type").asText("filter")) {
            case "filter": type = Chain.Type.FILTER; break;
            case "nat": type = Chain.Type.NAT; break;
            case "route": type = Chain.Type.ROUTE; break;
            default: throw fail(pos, "unknown chain type \"" + o.path("type").asText() + "\"");
        }
        final String why = Priorities.check(t.family(), type, hook);
        if (why != null) {
            throw fail(pos, why);
        }
        final JsonNode prio = o.path("prio");
        int p;
        if (prio.isNumber()) {
            p = prio.asInt();
        } else {
            final Integer named = Priorities.named(t.family(), prio.asText());
            if (named == null) {
                throw fail(pos, "unknown priority \"" + prio.asText() + "\"");
            }
            p = named;
        }
        final String policy = o.path("policy").asText("accept");
        if (!policy.equals("accept") && !policy.equals("drop")) {
            throw fail(pos, "policy must be accept or drop");
        }
        return new Chain.Base(type, hook, p, policy.equals("drop"), o.has("dev") ? o.get("dev").asText() : null, pos);
    }
}
