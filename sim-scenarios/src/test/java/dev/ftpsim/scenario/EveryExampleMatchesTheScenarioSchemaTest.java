package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EveryExampleMatchesTheScenarioSchemaTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path COPY = Path.of("..", "docs", "scenario.schema.json");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(ScenarioSchema.text());
    }

    @Test
    void everyExampleFileHasOnlyKeysTheSchemaKnows() throws Exception {
        final Schema schema = schema();
        final List<String> problems = new ArrayList<>();
        final List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() > 30, files.toString());
        for (final Path f : files) {
            for (final Error e : schema.validate(YAML.readTree(f.toFile()))) {
                problems.add(f.getFileName() + ": " + e);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aMisspeltKeyOrAnUnknownModeIsFlaggedWhereItIs() throws Exception {
        final ObjectNode doc = (ObjectNode) YAML.readTree(EXAMPLES.resolve("passive-stateful-server-fw.yaml").toFile());
        ((ObjectNode) doc.get("ftp").get("server")).put("pasive-ports", "30000-30100");
        ((ObjectNode) doc.get("ftp").get("clients").get(0)).put("mode", "passiv");
        doc.put("hots", 1);
        final List<String> where = schema().validate(doc).stream().map(e -> e.getInstanceLocation().toString()
                + " " + e.getKeyword() + " " + (e.getProperty() == null ? "" : e.getProperty())).sorted().toList();
        // Locations are JSON pointers, "" the document itself.
        assertEquals(List.of(" additionalProperties hots", "/ftp/clients/0/mode enum ",
                "/ftp/server additionalProperties pasive-ports"), where);
    }

    /** The balancers block was an empty schema: any key or value passed. */
    @Test
    void aBalancersMisspeltKeyOrUnknownOnIdleIsFlagged() throws Exception {
        final ObjectNode doc = (ObjectNode) YAML.readTree(EXAMPLES.resolve("passive-balancer-no-affinity.yaml").toFile());
        final ObjectNode lb = (ObjectNode) doc.get("balancers").get("lb");
        lb.put("on_idle", "close");
        lb.put("algorithm", "least-conn");
        ((ObjectNode) doc.get("balancers")).putObject("lb2").put("profile", "haproxy").putArray("backends")
                .addObject().put("adress", "10.1.1.10");
        final List<String> where = schema().validate(doc).stream().map(e -> e.getInstanceLocation().toString()
                + " " + e.getKeyword() + " " + (e.getProperty() == null ? "" : e.getProperty())).sorted().toList();
        assertEquals(List.of("/balancers/lb additionalProperties on_idle", "/balancers/lb/algorithm enum ",
                "/balancers/lb2/backends/0 additionalProperties adress",
                "/balancers/lb2/backends/0 type "), where); // a backend is an address string or a mapping
    }

    @Test
    void theCopyInDocsIsWhatFtpsimSchemaPrints() throws Exception {
        final Cli r = Cli.run("schema");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ScenarioSchema.text(), r.out());
        assertEquals(r.out(), Files.readString(COPY), "regenerate with: ./ftpsim schema --out docs/scenario.schema.json");
        final JsonNode clientKeys = YAML.readTree(r.out()).at("/properties/ftp/properties/clients/items/properties");
        assertEquals(FtpBinder.CLIENT_KEYS, List.copyOf(iterable(clientKeys.fieldNames())));
    }

    private static List<String> iterable(final java.util.Iterator<String> it) {
        final List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
