package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ftpsim ladder --session POPULATION#k}: any population's session, named as sessions.csv names it. */
class ALadderPicksASessionOfAnyPopulationTest {
    @Test
    void theEpsvPopulationsSessionIsDrawnWithItsOwnOutcome(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("ladder", "../examples/passive-server-dnat-range.yaml", "--session", "epsv#0",
                "--out", tmp.toString()));
        assertTrue(out.toString().startsWith("passive-server-dnat-range, session epsv#0: ok"), out.toString());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n0 as epsv (client 198.51.102.10)"), mmd);
        assertTrue(mmd.contains("EPSV"), mmd);
        assertFalse(mmd.contains("198.51.100.10"), "no packets of the first population");
    }

    @Test
    void anUnknownPopulationIsRefusedNamingTheOnesThereAre(@TempDir final Path tmp) {
        final CommandLine cl = Main.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("ladder", "../examples/passive-server-dnat-range.yaml", "--session", "nobody#0",
                "--out", tmp.resolve("out").toString()));
        assertEquals("--session nobody#0: no client population is named 'nobody'; populations: truster, ignorer, epsv",
                err.toString().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }
}
