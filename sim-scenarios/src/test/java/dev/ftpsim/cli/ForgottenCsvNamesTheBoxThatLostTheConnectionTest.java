package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code forgotten.csv} of the long-transfer traps says which box forgot the control connection,
 * when and why: a NAT router's conntrack in one, a load balancer's table in the other.
 */
class ForgottenCsvNamesTheBoxThatLostTheConnectionTest {
    private static List<String> forgotten(final String example, final Path out) throws Exception {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(Main.EXIT_OK, cl.execute("run", Path.of("..", "examples", example + ".yaml").toString(),
                "--no-progress", "--out", out.toString()), err.toString());
        return Files.readAllLines(out.resolve("forgotten.csv"));
    }

    @Test
    void theAzureBalancerForgotTheIdleControlConnectionAtFourMinutes(@TempDir final Path tmp) throws Exception {
        final List<String> lines = forgotten("azure-idle-long-transfer", tmp);
        assertEquals("time_s,box,kind,reason,state,proto,src,sport,dst,dport,backend", lines.get(0));
        final List<String> control = lines.stream().filter(l -> l.contains(",203.0.113.100,21,")).toList();
        assertEquals(1, control.size(), lines.toString());
        final String[] c = control.get(0).split(",", -1);
        assertEquals(List.of("lb", "balancer", "expired", "", "tcp", "198.51.100.10"), List.of(c[1], c[2], c[3], c[4], c[5], c[6]));
        assertEquals("10.1.1.10:21", c[10]);
        final double t = Double.parseDouble(c[0]);
        assertTrue(t > 240 && t < 241, "4 minutes after the last control segment, not " + t);
    }

    @Test
    void theNatRoutersConntrackForgotTheControlConnectionAfterItsTenSeconds(@TempDir final Path tmp) throws Exception {
        final List<String> lines = forgotten("long-transfer-trap", tmp);
        assertTrue(lines.stream().skip(1).noneMatch(l -> l.startsWith("-")), "no time before the run: " + lines);
        final List<String> control = lines.stream().filter(l -> l.contains(",conntrack,expired,established,")
                && l.contains(",203.0.113.10,21,")).toList();
        assertEquals(1, control.size(), lines.toString());
        final String[] c = control.get(0).split(",", -1);
        assertEquals(List.of("fw", "conntrack", "expired", "established", "tcp", "10.0.0.10"),
                List.of(c[1], c[2], c[3], c[4], c[5], c[6]));
        final double t = Double.parseDouble(c[0]);
        assertTrue(t > 10 && t < 11, "10 s after the last control segment, not " + t);
    }
}
