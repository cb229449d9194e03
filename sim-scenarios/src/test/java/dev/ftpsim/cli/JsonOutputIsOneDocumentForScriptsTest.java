package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} on run, validate, sweep and explain: stdout is exactly one JSON document a script can read. */
class JsonOutputIsOneDocumentForScriptsTest {
    /** Fails on anything after the document, so stdout holds nothing else. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path tmp;

    @Test
    void runPrintsTheSummaryChannelsAndExplanation() throws Exception {
        final Cli r = Cli.run("run", "../examples/passive-stateful-server-fw.yaml", "--json", "--out",
                tmp.resolve("run").toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        assertEquals("passive-stateful-server-fw", doc.get("scenario").asText());
        assertEquals(1, doc.at("/summary/failed").asInt());
        assertEquals(1, doc.at("/summary/populations/client/failuresByCode/data_connect_timed_out").asInt());
        assertTrue(doc.at("/channels/fw/0/rule").asText().endsWith("tcp dport 21 accept"), doc.toString());
        assertEquals("assign the FTP helper at fw", doc.at("/explain/populations/0/fixes/0/fix").asText());
        assertTrue(doc.at("/explain/populations/0/fixes/0/works").asBoolean());
        assertEquals("firewall.fw.conntrack.helpers", doc.at("/explain/populations/0/fixes/0/edits/0/path").asText());
    }

    @Test
    void validatePrintsTheCountsOrEveryError() throws Exception {
        final Cli ok = Cli.run("validate", "../examples/passive-curl-epsv-then-pasv.yaml", "--json");
        assertEquals(0, ok.exit(), ok.err());
        final JsonNode good = JSON.readTree(ok.out());
        assertTrue(good.get("valid").asBoolean());
        assertEquals("client-1", good.at("/populations/0").asText());

        final Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: bad\nhosts:\n  client: { adress: 10.0.0.1/24 }\n");
        final Cli no = Cli.run("validate", bad.toString(), "--json");
        assertEquals(2, no.exit());
        assertEquals("", no.err(), "errors go into the document");
        final JsonNode errors = JSON.readTree(no.out());
        assertTrue(!errors.get("valid").asBoolean());
        JsonNode typo = null;
        for (final JsonNode e : errors.get("errors")) {
            typo = e.get("message").asText().contains("'adress'") ? e : typo;
        }
        assertTrue(typo != null, errors.toString());
        assertEquals(3, typo.get("line").asInt(), errors.toString());
        assertTrue(typo.get("column").asInt() > 0);
        assertTrue(typo.get("path").asText().startsWith("hosts.client"), typo.toString());
    }

    @Test
    void sweepPrintsEachPointsMetrics() throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw", "      script: [login anonymous, get /pub/file.bin]",
                "      script: [login anonymous, get /pub/file.bin]\nsweep:\n  vary:\n    ftp.clients[0].mode: [active, passive]");
        final Cli r = Cli.run("sweep", file.toString(), "--json", "--threads", "1", "--out", tmp.resolve("sw").toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        assertEquals(2, doc.get("points").size());
        assertEquals("ftp.clients[0].mode=active", doc.at("/points/0/point/name").asText());
        assertEquals(1.0, doc.at("/points/0/metrics/success_rate/mean").asDouble());
        assertEquals(0.0, doc.at("/points/1/metrics/success_rate[client]/mean").asDouble());
        assertEquals(1.0, doc.at("/points/1/metrics/failures[data_connect_timed_out]/mean").asDouble());
    }

    @Test
    void explainPrintsTheVerdicts() throws Exception {
        final Cli r = Cli.run("explain", "../examples/active-client-masquerade.yaml", "--json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode doc = JSON.readTree(r.out());
        assertEquals("data setup refused", doc.at("/populations/0/failuresByReason").fieldNames().next());
        assertTrue(doc.at("/populations/0/chain/1").asText().contains("500 Illegal PORT command."), doc.toString());
    }
}
