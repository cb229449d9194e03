package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * HAProxy logged "Server ftps/s2 is DOWN, reason: Layer4 connection problem, info: "Connection
 * refused", check duration: 0ms. 1 active and 0 backup servers left." 1.0 s after start (2.6.12,
 * the example's setup): the run shows that mark where a user looks, in summary.json's {@code
 * balancers}, the terminal's table and report.html; a run without checks writes no such section.
 */
class HaproxyHealthChecksShowInTheRunsOutputsTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static String run(final String example, final Path out) {
        return run(EXAMPLES.resolve(example + ".yaml"), out);
    }

    private static String run(final Path file, final Path out) {
        final CommandLine cl = Main.commandLine();
        final StringWriter printed = new StringWriter();
        cl.setOut(new PrintWriter(printed));
        assertEquals(Main.EXIT_OK, cl.execute("run", file.toString(), "--no-progress", "--out", out.toString()));
        return printed.toString();
    }

    @Test
    void theDeadServersMarkIsInSummaryJsonTheTableAndTheReport(@TempDir final Path dir) throws Exception {
        final String printed = run("haproxy-health-checks", dir);
        final JsonNode lb = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).path("balancers").path("lb");
        final JsonNode dead = lb.path("servers").path("10.1.2.10");
        assertEquals(1, dead.path("transitions").size(), lb.toString());
        final JsonNode down = dead.path("transitions").get(0);
        assertEquals("DOWN", down.path("state").asText());
        assertEquals("Layer4 connection problem", down.path("reason").asText());
        assertEquals("Connection refused", down.path("info").asText());
        assertEquals(1, down.path("upLeft").asInt());
        // the first session's data connection, which HAProxy still retries on it (to 3.5 s): a stream
        // being retried keeps its server, so it is one of the server's sessions (cur_sess)
        assertEquals(1, down.path("sessions").asInt());
        // the second of two servers is first checked inter / 2 after start; 1 ms each way to it
        assertEquals(1.002, down.path("seconds").asDouble(), 0.0005);
        // checks every 2 s from 1 s to the stop at 100 s, each one refused
        assertEquals(50, dead.path("checks").asInt());
        assertEquals(50, dead.path("checksRefused").asInt());
        final JsonNode live = lb.path("servers").path("10.1.1.10");
        assertEquals(0, live.path("transitions").size(), "a server up from the start is never marked up");
        assertEquals(0, live.path("checksRefused").asInt());

        assertTrue(printed.contains("balancer lb: server 10.1.2.10")
                && printed.contains("DOWN at 1.002 s (Layer4 connection problem: Connection refused; 1 up after)"), printed);
        final String report = Files.readString(dir.resolve("report.html"));
        assertTrue(report.contains("<section id=\"balancers\">"), report);
        assertTrue(report.contains("Server lb/10.1.2.10 is DOWN, reason: Layer4 connection problem, info: &quot;"
                + "Connection refused&quot;, check duration: 2ms. 1 active and 0 backup servers left. 1 sessions active,"
                + " 0 requeued, 0 remaining in queue."), report);
        assertTrue(report.contains("lb/10.1.2.10: 50 checks, 50 refused."), report);
    }

    @Test
    void withoutChecksNothingIsAdded(@TempDir final Path dir) throws Exception {
        final String printed = run("haproxy-ftp-passive", dir);
        assertFalse(Files.readString(dir.resolve("summary.json")).contains("balancers"));
        assertFalse(printed.contains("balancer lb:"), printed);
        assertFalse(Files.readString(dir.resolve("report.html")).contains("<section id=\"balancers\">"));
    }

    @Test
    void connectionsClosedInTheMaxconnQueueAreCounted(@TempDir final Path dir) throws Exception {
        // one server, maxconn 1, no checks: each session's second connection waits in the queue
        // until timeout queue (timeout connect, 5 s) closes it
        final Path file = dir.resolve("queue.yaml");
        Files.writeString(file, Files.readString(EXAMPLES.resolve("haproxy-health-checks.yaml"))
                .replace("    backends: [10.1.1.10, 10.1.2.10]\n", "    backends: [{ address: 10.1.1.10, maxconn: 1 }]\n")
                .replace("    health-check: { port: 21 }          # check port 21: inter 2s, rise 2, fall 3\n", "")
                .replace("sessions: 3", "sessions: 2"));
        final Path out = dir.resolve("out");
        final String printed = run(file, out);
        final JsonNode lb = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("balancers").path("lb");
        assertEquals(2, lb.path("queued").asInt(), lb.toString());
        assertEquals(2, lb.path("queueTimeouts").asInt(), lb.toString());
        assertTrue(printed.matches("(?s).*balancer lb: queued for maxconn / timed out there +2 / 2\n.*"), printed);
        final String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("lb checked no server in the run. lb: 2 connections waited in the queue for a server"
                + " under its maxconn, 2 closed there by timeout queue."), report);
    }
}
