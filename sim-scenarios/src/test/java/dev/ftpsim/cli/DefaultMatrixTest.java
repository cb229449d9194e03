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
    void theSameSeedPrintsTheSameMatrixAndWritesByteIdenticalResultsWhateverTheThreadCount(
            @org.junit.jupiter.api.io.TempDir final java.nio.file.Path tmp) throws Exception {
        final String a = run("run", "--threads", "1", "--out", tmp.resolve("a").toString());
        final String b = run("run", "--threads", "2", "--out", tmp.resolve("b").toString());
        assertEquals(a.substring(0, a.indexOf(" simulations in")), b.substring(0, b.indexOf(" simulations in")));
        for (final String f : new String[] {"summary.json", "sessions.csv"}) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    java.nio.file.Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    java.nio.file.Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void sessionsCsvSaysHowTheFirewallJudgedEachDataConnection(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path tmp)
            throws Exception {
        run("run", "--out", tmp.toString());
        final List<String> lines = java.nio.file.Files.readAllLines(tmp.resolve("sessions.csv"));
        assertEquals("session,client,index,mode,outcome,reason,reason_code,last_reply,connect_s,login_s,first_byte_s,"
                + "end_s,bytes,data_connections,control_connections,last_mode,retries,data_path_fw", lines.get(0));
        final String helperPassive = lines.stream().filter(l -> l.startsWith("\"stateful, server side, port 21 + ftp helper / PASV"))
                .findFirst().orElseThrow();
        assertTrue(helperPassive.contains("RELATED (ftp PASV 198.51.100.10 -> 203.0.113.10:"), helperPassive);
        assertTrue(helperPassive.contains("accepted by forward rule 1: ct state established,related accept"), helperPassive);
        final String noHelperPassive = lines.stream().filter(l -> l.startsWith("\"stateful, server side, port 21 only / PASV"))
                .findFirst().orElseThrow();
        assertTrue(noHelperPassive.endsWith(",\"NEW, dropped by forward policy drop\""), noHelperPassive);
        final String summary = java.nio.file.Files.readString(tmp.resolve("summary.json"));
        assertTrue(summary.contains("\"succeeded\" : 16"), summary);
        assertTrue(summary.contains("\"data connect timed out\" : 2"), summary);
    }
}
