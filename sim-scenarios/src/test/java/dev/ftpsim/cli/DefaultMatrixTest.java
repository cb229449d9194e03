package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ftpsim} with no arguments prints the sources' matrix, the same every time. */
class DefaultMatrixTest {
    private static String run(final String... args) {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute(args));
        return out.toString();
    }

    private static String row(final String text, final String setup) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(setup + "  ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + setup + " in\n" + text));
    }

    @Test
    void theMatrixShowsWhichModeEachFirewallLetsThrough() {
        final String out = run();
        // {setup, active outcome, passive outcome}
        final List<String[]> expected = List.of(
                new String[] {"no firewall", "ok", "ok"},
                new String[] {"packet filter, active channels", "ok", "FAIL  data connect timed out"},
                new String[] {"packet filter, passive channels", "FAIL  425 data connection failed", "ok"},
                new String[] {"stateful, server side, port 21 only", "ok", "FAIL  data connect timed out"},
                new String[] {"stateful, server side, port 21 + ftp helper", "ok", "ok"},
                new String[] {"stateful, client side, outbound only", "FAIL  425 data connection failed", "ok"},
                new String[] {"stateful, client side + ftp helper", "ok", "ok"},
                new String[] {"client behind masquerade", "FAIL  data setup refused", "ok"},
                new String[] {"client behind masquerade + ftp helper", "ok", "ok"},
                new String[] {"server behind DNAT, port 21 forwarded", "ok", "FAIL  data connect refused"},
                new String[] {"server behind DNAT + ftp helper", "ok", "ok"});
        for (final String[] e : expected) {
            final String line = row(out, e[0]);
            final int active = line.indexOf(e[1]);
            assertTrue(active > 0, line);
            assertTrue(line.indexOf(e[2], active + e[1].length()) > 0, line);
        }
        assertTrue(out.contains("16 of 22 sessions succeeded"), out);
    }

    @Test
    void theSameSeedPrintsTheSameMatrixWhateverTheThreadCount() {
        final String a = run("run", "--threads", "1");
        final String b = run("run", "--threads", "2");
        assertEquals(a.substring(0, a.indexOf("wall time")), b.substring(0, b.indexOf("wall time")));
    }
}
