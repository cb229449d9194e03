package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.FailureReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a cell holds (commas, quotes, {@code \r}, {@code \n}, outer spaces), a CSV reader gets
 * it back unchanged; ordinary cells are written bare.
 */
class CsvCellsRoundTripTest {
    private static final List<String> NASTY = List.of("a,b", "say \"hi\"", "cr\rcr", "lf\nlf", "crlf\r\n", " lead",
            "trail ", " ", "", "plain", "#hash", "\ttab");

    @TempDir
    Path tmp;

    private static List<List<String>> read(final String text) throws Exception {
        try (MappingIterator<List<String>> it = new CsvMapper().readerFor(List.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            return it.readAll();
        }
    }

    @Test
    void anyCellRoundTrips() throws Exception {
        assertEquals(List.of(NASTY, NASTY), read(Csv.line(NASTY) + Csv.line(NASTY)));
    }

    @Test
    void ordinaryCellsAreWrittenBare() {
        assertEquals("session,0.250000,,425 data connection failed,1.0E-4,NaN\n",
                Csv.line(List.of("session", "0.250000", "", "425 data connection failed", "1.0E-4", "NaN")));
    }

    @Test
    void aSessionsLabelsAndVerdictsRoundTripThroughSessionsCsv() throws Exception {
        final Path file = tmp.resolve("sessions.csv");
        final var record = new FtpSessionRecord(new FtpSessionRecord.Identity(" client,\r\"1\"", 3, "PASV"),
                new FtpSessionRecord.Timings(0, 1_000_000, -1, -1, 2_000_000), new FtpSessionRecord.Transfer(0, 0),
                new FtpSessionRecord.Outcome(true, FailureReason.SERVICE_UNAVAILABLE, null, 421, "bye"),
                new FtpSessionRecord.DataPath(0));
        Results.writeSessions(file, List.of(new Results.Row("lab\nel", record, Map.of("fw", " dropped\r"))), List.of("fw"));

        final List<List<String>> rows = read(Files.readString(file, StandardCharsets.UTF_8));

        assertEquals(2, rows.size());
        assertEquals(Results.sessionsHeader(List.of("fw")), rows.get(0));
        final List<String> row = rows.get(1);
        assertEquals("lab\nel", row.get(0));
        assertEquals(" client,\r\"1\"", row.get(1));
        assertEquals("service unavailable (421)", row.get(5));
        assertEquals("service_unavailable", row.get(6));
        assertEquals(" dropped\r", row.get(row.size() - 1));
    }
}
