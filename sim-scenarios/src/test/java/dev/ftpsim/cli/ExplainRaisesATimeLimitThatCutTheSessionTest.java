package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A session cut by a time limit: curl's --max-time raised to what the transfer needs, proftpd's
 * TimeoutNoTransfer raised above the script's pause; each the key to set, and it works.
 */
class ExplainRaisesATimeLimitThatCutTheSessionTest {
    @Test
    void curlsMaxTimeIsRaisedToWhatTheDownloadNeeds() throws Exception {
        final Cli r = Cli.run("explain", "../examples/curl-max-time.yaml", "--json");
        assertEquals(0, r.exit(), r.err());
        final JsonNode fix = new ObjectMapper().readTree(r.out()).get("populations").get(0).get("fixes").get(0);
        // 100 MB at about 9.7 Mbit/s of goodput: about 82 s, a quarter to spare, in tens of seconds.
        assertEquals("raise the client's max-time to 110 s", fix.get("fix").asText(), r.out());
        assertEquals("ftp.clients[0].max-time", fix.get("edits").get(0).get("path").asText());
        assertEquals("110s", fix.get("edits").get(0).get("yaml").asText());
        assertTrue(fix.get("works").asBoolean(), r.out());
        assertEquals(1, fix.get("succeeded").asInt());
        // The data in flight when curl gave up meets closed sockets at both ends (summary.json
        // counts it as no_socket): a consequence of the cut, not a cause, so not in the chain.
        final JsonNode chain = new ObjectMapper().readTree(r.out()).get("populations").get(0).get("chain");
        assertEquals(2, chain.size(), chain.toString());
        assertTrue(!chain.toString().contains("TCP segment"), chain.toString());
    }

    @Test
    void proftpdsNoTransferTimeoutIsRaisedAboveThePause() {
        final Cli r = Cli.run("explain", "../examples/proftpd-no-transfer-timeout.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- the last reply the client read: 421 No transfer timeout (10 seconds): closing"
                + " control connection"), r.out());
        assertTrue(r.out().contains("- WORKS: raise the server's no-transfer timeout to 300 s (1 of 1 ok): proftpd's"
                + " TimeoutNoTransfer 300 (its default): longer than the script's longest pause, 20 s"), r.out());
        assertTrue(r.out().contains("  - `ftp.server.no-transfer-timeout: 300s`"), r.out());
    }
}
