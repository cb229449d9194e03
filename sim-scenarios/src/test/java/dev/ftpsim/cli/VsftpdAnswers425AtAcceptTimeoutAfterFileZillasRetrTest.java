package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.run.LadderDrawing;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * FileZilla sends RETR while its passive data connect is still under way; a firewall drops the
 * SYNs, and vsftpd answers "425 Failed to establish connection." on the control connection
 * accept_timeout seconds after the RETR reached it (privops.c vsf_privop_accept_pasv).
 */
class VsftpdAnswers425AtAcceptTimeoutAfterFileZillasRetrTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "filezilla-accept-timeout.yaml");

    /** Seconds from the RETR leaving the client to the 425 leaving the server. */
    private static double retrTo425(final String text) throws Exception {
        final Scenario s = ScenarioLoader.parse(text, "t.yaml", EXAMPLE.toAbsolutePath().getParent());
        final List<LadderEvent> ev = LadderDrawing.draw(s, s.seed(), 0, 0, "0").events();
        final LadderEvent retr = ev.stream().filter(e -> e.label().startsWith("RETR ")).findFirst().orElseThrow();
        final LadderEvent reply = ev.stream().filter(e -> e.label().equals("425 Failed to establish connection."))
                .findFirst().orElseThrow(() -> new AssertionError("no 425 in " + ev));
        assertEquals("control", reply.connection());
        assertTrue(ev.stream().noneMatch(e -> e.label().startsWith("150 ")), "nothing was sent");
        return (reply.timeNanos() - retr.timeNanos()) / 1e9;
    }

    @Test
    void withVsftpdsDefaultTheReplyComesSixtySecondsAfterRetr() throws Exception {
        // one way is 10 ms (two 5 ms links): the server's 60 s start when the RETR arrives
        assertEquals(60.01, retrTo425(Files.readString(EXAMPLE)), 0.005);
    }

    @Test
    void anAcceptTimeoutOfTenSecondsBeatsFileZillasDefaultTwenty() throws Exception {
        final String text = Files.readString(EXAMPLE).replace("      reply-timeout: 120s\n", "")
                .replace("    passive-ports: 30000-30100\n", "    passive-ports: 30000-30100\n    accept-timeout: 10s\n");
        assertTrue(text.contains("accept-timeout: 10s") && !text.contains("reply-timeout"), text);
        assertEquals(10.01, retrTo425(text), 0.005);
    }

    @Test
    void sessionsCsvRecordsThe425AsTheReason(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(Main.EXIT_OK, cl.execute("run", EXAMPLE.toString(), "--no-progress", "--out", tmp.toString()));
        final List<String> rows = Files.readAllLines(tmp.resolve("sessions.csv"));
        final String[] row = rows.get(1).split(",");
        assertEquals("failed", row[4]);
        assertEquals("425 data connection failed", row[5]);
        assertEquals("data_connect_failed_425", row[6]);
        assertEquals("425", row[7]);
        // FileZilla's queue takes the transfer again twice on the same connection (PASV, RETR), each
        // ending in vsftpd's 425 60 s later; after the third, QUIT and 221
        assertEquals(180.3, Double.parseDouble(row[11]), 0.1, "end_s: three 425s, then QUIT and 221");
    }
}
