package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two client populations on one host, one active and one passive, through a stateful firewall
 * without the FTP helper that only lets the server connect out: the console, summary.json and
 * sessions.csv say which population fails and why, and name its sessions apart.
 */
class EveryResultIsBrokenDownByPopulationTest {
    @TempDir
    Path tmp;

    private Path twoPopulations(final String activeName) throws Exception {
        return Cli.example(tmp, "passive-stateful-server-fw",
                "  clients:\n    - host: client\n      mode: passive\n",
                "  clients:\n    - { host: client, " + activeName + "mode: active, profile: lftp,"
                        + " script: [login anonymous, get /pub/file.bin] }\n    - host: client\n      mode: passive\n");
    }

    @Test
    void theConsoleSummaryAndSessionsSayWhichPopulationFailsAndWhy() throws Exception {
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", twoPopulations("").toString(), "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("population client-1 (lftp, PORT)  1 of 1 ok"), r.out());
        assertTrue(r.out().contains("population client-2 (curl, PASV)  0 of 1 ok; failed: data connect timed out 1"),
                r.out());

        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final JsonNode passive = s.at("/populations/client-2");
        assertEquals("client", passive.get("host").asText());
        assertEquals("curl", passive.get("profile").asText());
        assertEquals("PASV", passive.get("mode").asText());
        assertEquals(0, passive.get("succeeded").asInt());
        assertEquals(1, passive.at("/failuresByCode/data_connect_timed_out").asInt());
        assertEquals(1, s.at("/populations/client-1/succeeded").asInt());
        assertEquals(1, s.at("/byProfile/lftp/succeeded").asInt());
        assertEquals(1, s.at("/byMode/PASV/failuresByReason/data connect timed out").asInt());

        final List<String> rows = Files.readAllLines(out.resolve("sessions.csv"));
        assertEquals(List.of("client-1#0", "client-2#0"),
                rows.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).sorted().toList(),
                "two populations on one host name their sessions apart");
    }

    @Test
    void aPopulationNamedInTheFileNamesItsSessions() throws Exception {
        final Path out = tmp.resolve("named");
        final Cli r = Cli.run("run", twoPopulations("name: lftp-active, ").toString(), "--no-progress", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("sessions.csv")).contains("\nlftp-active#0,client,0,PORT,ok"));
        assertTrue(r.out().contains("population client-2 (curl, PASV)"), "the other is named by its host and place: "
                + r.out());
    }

    @Test
    void twoPopulationsWithOneNameAreRefusedAtTheKey() throws Exception {
        // The second population's name by default is client-2.
        final Path file = twoPopulations("name: client-2, ");
        final Cli r = Cli.run("validate", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ftp.clients[1].name") && r.err().contains("a second client population named"
                + " 'client-2'"), r.err());
    }
}
