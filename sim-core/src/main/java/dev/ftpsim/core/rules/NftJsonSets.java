package dev.ftpsim.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Named sets and maps, their elements, and named objects in {@code nft -j} JSON. */
final class NftJsonSets {
    private NftJsonSets() {
    }

    static NamedSet set(final NftJsonReader r, final NftJsonExpr expr, final boolean map, final JsonNode o, final Pos pos) {
        final NamedSet s = new NamedSet(NftJsonReader.text(o, "name", pos), map, pos);
        final List<DataType> key = new ArrayList<>();
        final JsonNode type = o.path("type");
        if (type.isTextual()) {
            key.add(type(type.asText(), pos));
        } else {
            type.forEach(t -> key.add(type(t.asText(), pos)));
        }
        if (key.isEmpty()) {
            throw new ParseFailure(pos, "set " + s.name() + " has no type");
        }
        s.keyType(key);
        if (map) {
            final String d = o.path("map").asText();
            final Stmt.ObjKind obj = objKind(d);
            if (obj != null) {
                s.dataType(DataType.STRING);
                s.dataObject(obj);
            } else {
                s.dataType(d.equals("verdict") ? DataType.VERDICT : type(d, pos));
            }
        }
        for (final String f : NftJsonExpr.strings(o.path("flags"))) {
            try {
                s.flags().add(NamedSet.Flag.valueOf(f.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParseFailure(pos, "set flag \"" + f + "\" is not modelled");
            }
        }
        if (o.has("timeout")) {
            s.timeoutMs(o.get("timeout").asLong() * 1000);
        }
        s.size(o.path("size").asLong(-1));
        // no auto-merge: nft 1.0.6's JSON neither lists nor reads it, and refuses a set's overlapping elements
        if (o.has("comment")) {
            s.comment(o.get("comment").asText());
        }
        s.elements().addAll(elements(expr, s, o.path("elem"), pos));
        return s;
    }

    private static Stmt.ObjKind objKind(final String d) {
        switch (d) {
            case "counter": return Stmt.ObjKind.COUNTER;
            case "quota": return Stmt.ObjKind.QUOTA;
            case "limit": return Stmt.ObjKind.LIMIT;
            case "ct helper": return Stmt.ObjKind.CT_HELPER;
            case "ct timeout": return Stmt.ObjKind.CT_TIMEOUT;
            case "ct expectation": return Stmt.ObjKind.CT_EXPECTATION;
            default: return null;
        }
    }

    private static DataType type(final String name, final Pos pos) {
        final DataType t = DataType.byNftName(name);
        if (t == null) {
            throw new ParseFailure(pos, "set type \"" + name + "\" is not modelled");
        }
        return t;
    }

    static List<Expr.Element> elements(final NftJsonExpr expr, final NamedSet s, final JsonNode elems, final Pos pos) {
        if (elems.isMissingNode()) {
            return List.of();
        }
        return elementList(expr, elems.isArray() ? elems : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode().add(elems), s.keyType(), s.dataType(), pos);
    }

    /** Elements: plain keys, {@code {"elem": {"val": K, "timeout": s}}}, or [key, data] pairs in a map. */
    static List<Expr.Element> elementList(final NftJsonExpr expr, final JsonNode list, final List<DataType> key,
            final DataType data, final Pos pos) {
        final List<Expr.Element> out = new ArrayList<>();
        for (final JsonNode e : list) {
            JsonNode k = e;
            JsonNode d = null;
            if (e.isArray() && e.size() == 2) {
                k = e.get(0);
                d = e.get(1);
            }
            long timeout = -1;
            long expires = -1;
            String comment = null;
            if (k.isObject() && k.has("elem")) {
                final JsonNode el = k.get("elem");
                timeout = el.has("timeout") ? el.get("timeout").asLong() * 1000 : -1;
                expires = el.has("expires") ? el.get("expires").asLong() * 1000 : -1;
                comment = el.has("comment") ? el.get("comment").asText() : null;
                k = el.path("val");
            }
            final Expr keyExpr = expr.value(k, key, pos);
            Expr dataExpr = null;
            if (d != null) {
                dataExpr = expr.value(d, List.of(data == null ? DataType.STRING : data), pos);
            }
            out.add(new Expr.Element(keyExpr, dataExpr, timeout, expires, comment, pos));
        }
        return out;
    }

    static NamedObject object(final Family family, final String kind, final JsonNode o, final Pos pos) {
        final String name = NftJsonReader.text(o, "name", pos);
        switch (kind) {
            case "counter":
                return new NamedObject.CounterObj(name, o.path("packets").asLong(0), o.path("bytes").asLong(0), pos);
            case "quota":
                return new NamedObject.QuotaObj(name, o.path("inv").asBoolean(false), o.path("bytes").asLong(),
                        o.path("used").asLong(0), pos);
            case "limit": {
                final long unit = Values.unitMs(o.path("per").asText("second"));
                final boolean bytes = o.path("unit").asText("packets").equals("bytes");
                return new NamedObject.LimitObj(name, new Stmt.Limit(o.path("rate").asLong(), unit,
                        o.path("burst").asLong(bytes ? 0 : 5), bytes, o.path("inv").asBoolean(false), pos), pos);
            }
            case "ct helper": {
                final NamedObject.CtHelperObj h = new NamedObject.CtHelperObj(name, NftJsonReader.text(o, "type", pos),
                        proto(o, pos), l3(o, family), pos);
                NftObjects.helperExists(h.helper(), h.l4proto(), h.l3proto(), family, pos);
                return h;
            }
            case "ct timeout": {
                final Map<String, Long> policy = new LinkedHashMap<>();
                o.path("policy").fields().forEachRemaining(e -> policy.put(e.getKey(), e.getValue().asLong() * 1000));
                return new NamedObject.CtTimeoutObj(name, proto(o, pos), l3(o, family), policy, pos);
            }
            default:
                return new NamedObject.CtExpectationObj(name, proto(o, pos), l3(o, family), o.path("dport").asInt(),
                        o.path("timeout").asLong(-1), o.path("size").asInt(0), pos);
        }
    }

    private static int proto(final JsonNode o, final Pos pos) {
        final Long v = DataType.INET_PROTO.symbol(o.path("protocol").asText());
        if (v == null) {
            throw new ParseFailure(pos, "unknown protocol \"" + o.path("protocol").asText() + "\"");
        }
        return v.intValue();
    }

    private static int l3(final JsonNode o, final Family family) {
        switch (o.path("l3proto").asText("")) {
            case "ip": return 2;
            case "ip6": return 10;
            case "inet": return 1;
            default: return NftObjects.l3Of(family);
        }
    }
}
