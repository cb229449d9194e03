package dev.ftpsim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft-07) of scenario files, built from the loader's own key tables
 * ({@link ScenarioLoader#KEYS}, the binders' {@code *_KEYS}), so it never lags behind what the
 * loader accepts. An editor with the YAML language server reads it to complete and check keys:
 * every mapping lists its keys and refuses others, lists and mappings of names are typed, and
 * closed choices (modes, profiles, helper types) are enumerated. Values whose form the loader reads
 * itself (durations, sizes, rates, rules) are left open here: the loader's messages, with file,
 * line and column, are the check for those.
 */
public final class ScenarioSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScenarioSchema() {}

    /** The schema as indented JSON text, ending in a newline. */
    public static String text() {
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(schema()) + "\n";
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain nodes always writes
        }
    }

    /** The schema as a tree. */
    public static ObjectNode schema() {
        final ObjectNode root = object(ScenarioLoader.KEYS, Map.of(
                "name", type("string"),
                "seed", type("integer"),
                "hosts", mapOf(object(union(NetworkBinder.HOST_KEYS, NetworkBinder.GROUP_KEYS),
                        Map.of("tcp", object(NetworkBinder.TCP_KEYS, Map.of()))),
                        "hosts and host groups by name (a group has count or subnet)"),
                "routers", mapOf(object(NetworkBinder.ROUTER_KEYS, Map.of(
                        "interfaces", mapOf(anyOf(type("string"), listOf(type("string"))),
                                "interface name to address/prefix, or a list of an IPv4 and an IPv6 one"),
                        "routes", listOf(type("string")), "route-localnet", listOf(type("string")))),
                        "routers by name"),
                "links", listOf(link()),
                "firewall", mapOf(firewall(), "firewalls by the host, router or switch they run on"),
                "ftp", ftp(),
                "record", object(ScenarioLoader.RECORD_KEYS, Map.of("pcap", listOf(type("string")),
                        "tcp", listOf(type("string")))),
                "sweep", object(ScenarioLoader.SWEEP_KEYS, Map.of("replications", type("integer"),
                        "vary", mapOf(listOf(F.objectNode()), "key path to the list of its values"))),
                "balancers", mapOf(balancer(), "load balancers by the router they run on")));
        ((ObjectNode) root.get("properties")).set("switches", mapOf(anyOf(type("null"),
                object(NetworkBinder.SWITCH_KEYS, Map.of("bridge", type("string"), "br-netfilter", type("boolean"),
                        "hairpin", type("boolean")))),
                "switches by name: {} or a router's bridge device"));
        final ObjectNode s = F.objectNode();
        s.put("$schema", "http://json-schema.org/draft-07/schema#");
        s.put("$id", "https://ftpsim.dev/scenario.schema.json");
        s.put("title", "ftpsim scenario");
        s.put("description", "An ftpsim scenario file: hosts, routers, links, firewalls, FTP servers and clients"
                + " (docs/scenario-format.md). Generated from the loader's key tables by 'ftpsim schema'.");
        s.setAll(root);
        return s;
    }

    private static ObjectNode link() {
        final ObjectNode ends = listOf(type("string"));
        ends.put("minItems", 2);
        ends.put("maxItems", 2);
        final ObjectNode model = object(List.of("gilbert-elliott"),
                Map.of("gilbert-elliott", object(LinkBinder.GE_KEYS, Map.of())));
        return object(LinkBinder.LINK_KEYS, Map.of("ends", ends, "loss", anyOf(scalar(), model)));
    }

    private static ObjectNode balancer() {
        final ObjectNode backend = anyOf(type("string"), object(BalancerBinder.BACKEND_KEYS, Map.of(
                "address", type("string"), "down", type("boolean"), "weight", type("integer"), "maxconn", type("integer"))));
        return object(BalancerBinder.KEYS, Map.ofEntries(
                Map.entry("profile", choices(BalancerBinder.PROFILES)),
                Map.entry("virtual", type("string")),
                Map.entry("ports", anyOf(scalar(), listOf(scalar()))),
                Map.entry("port-offset", type("integer")),
                Map.entry("backends", listOf(backend)),
                Map.entry("algorithm", choices(BalancerBinder.ALGORITHMS)),
                Map.entry("idle-timeout", scalar()),
                Map.entry("on-idle", choices(BalancerBinder.ON_IDLE)),
                Map.entry("idle-needs-data", type("boolean")),
                Map.entry("connect-timeout", scalar()),
                Map.entry("ftp-helper", anyOf(type("boolean"), listOf(type("integer")))),
                Map.entry("persistence", anyOf(scalar(), type("boolean"))),
                Map.entry("retries", type("integer")),
                Map.entry("redispatch", type("boolean")),
                Map.entry("queue-timeout", scalar()),
                Map.entry("health-check", object(BalancerBinder.CHECK_KEYS, Map.of("port", type("integer"),
                        "interval", scalar(), "fast-interval", scalar(), "down-interval", scalar(), "rise",
                        type("integer"), "fall", type("integer"), "expect", scalar())))));
    }

    private static ObjectNode firewall() {
        final ObjectNode chain = anyOf(listOf(type("string")),
                object(FirewallBinder.CHAIN_KEYS, Map.of("rules", listOf(type("string")), "policy",
                        choices(List.of("accept", "drop")))));
        final ObjectNode natChain = anyOf(listOf(type("string")), object(List.of("rules"),
                Map.of("rules", listOf(type("string")))));
        final ObjectNode conntrack = object(FirewallBinder.CT_KEYS, Map.of(
                "timeouts", object(FirewallBinder.TIMEOUT_KEYS, Map.of()),
                "helpers", listOf(choices(FirewallBinder.HELPER_TYPES)),
                "auto-helper-ports", listOf(type("integer")),
                "loose", type("boolean")));
        final var props = new java.util.LinkedHashMap<String, ObjectNode>();
        props.put("mode", choices(List.of("stateful", "stateless")));
        props.put("conntrack", conntrack);
        FirewallBinder.HOOKS.forEach(h -> props.put(h, chain));
        final var nat = new java.util.LinkedHashMap<String, ObjectNode>();
        FirewallBinder.NAT_HOOKS.forEach(h -> nat.put(h, natChain));
        props.put("nat", object(FirewallBinder.NAT_HOOKS, nat));
        props.put("nft", type("string"));
        props.put("iptables", type("string"));
        return object(FirewallBinder.KEYS, props);
    }

    private static ObjectNode ftp() {
        final ObjectNode server = object(FtpBinder.SERVER_KEYS, Map.of(
                "host", type("string"),
                "profile", choices(ServerProfiles.NAMES),
                "files", mapOf(scalar(), "file path to its size"),
                "users", listOf(object(FtpBinder.USER_KEYS, Map.of())),
                "tls", type("boolean"),
                "ccc", type("boolean")));
        final ObjectNode client = object(FtpBinder.CLIENT_KEYS, Map.of(
                "host", type("string"),
                "profile", choices(ClientProfiles.NAMES),
                "mode", choices(FtpBinder.MODES),
                "pasv-address-policy", choices(FtpBinder.POLICIES),
                "active-port", choices(FtpBinder.ACTIVE_PORTS),
                "script", listOf(F.objectNode()),
                "tls", type("boolean"),
                "ccc", type("boolean")));
        return object(FtpBinder.KEYS, Map.of("server", server, "servers", listOf(server), "clients", listOf(client)));
    }

    /** A mapping with exactly {@code keys}, each described by {@code values} (any value when absent). */
    private static ObjectNode object(final List<String> keys, final Map<String, ObjectNode> values) {
        final ObjectNode o = type("object");
        final ObjectNode props = o.putObject("properties");
        for (final String k : keys) {
            props.set(k, values.getOrDefault(k, F.objectNode()));
        }
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode mapOf(final JsonNode value, final String description) {
        final ObjectNode o = type("object");
        o.put("description", description);
        o.set("additionalProperties", value);
        return o;
    }

    private static ObjectNode listOf(final JsonNode item) {
        final ObjectNode o = type("array");
        o.set("items", item);
        return o;
    }

    private static ObjectNode choices(final List<String> values) {
        final ObjectNode o = type("string");
        final ArrayNode e = o.putArray("enum");
        values.forEach(e::add);
        return o;
    }

    private static ObjectNode anyOf(final ObjectNode... options) {
        final ObjectNode o = F.objectNode();
        final ArrayNode a = o.putArray("anyOf");
        for (final ObjectNode x : options) {
            a.add(x);
        }
        return o;
    }

    /** A number or a string with a unit ({@code 5ms}, {@code 0.1%}, {@code 10MB}). */
    private static ObjectNode scalar() {
        final ObjectNode o = F.objectNode();
        o.putArray("type").add("string").add("number");
        return o;
    }

    private static ObjectNode type(final String t) {
        final ObjectNode o = F.objectNode();
        o.put("type", t);
        return o;
    }

    private static List<String> union(final List<String> a, final List<String> b) {
        final LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
