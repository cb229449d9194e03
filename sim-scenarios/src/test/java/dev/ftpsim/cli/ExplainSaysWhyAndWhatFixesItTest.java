package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim explain} and a failing run's explain section: the failure chain in words, then the
 * fixes tried by simulation, each with the exact key or rule to add.
 */
class ExplainSaysWhyAndWhatFixesItTest {
    @TempDir
    Path tmp;

    @Test
    void explainNamesTheDroppingRuleAndTheHelperAsAFixThatWorks() {
        final Cli r = Cli.run("explain", "../examples/passive-stateful-server-fw.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("## Population client (curl, PASV, on client): 1 of 1 failed"), r.out());
        assertTrue(r.out().contains("- the last reply the client read: 227 Entering Passive Mode (203,0,113,10,"), r.out());
        assertTrue(r.out().contains("- fw: the data connection's first packet (SYN) was NEW, dropped by forward policy"
                + " drop"), r.out());
        assertTrue(r.out().contains("- WORKS: assign the FTP helper at fw (1 of 1 ok)"), r.out());
        assertTrue(r.out().contains("  - `firewall.fw.prerouting: first rule 'tcp dport 21 ct helper set \"ftp\"'`"),
                r.out());
        assertTrue(r.out().contains("- no: switch the client to epsv mode (EPSV) (0 of 1 ok)"), r.out());
    }

    @Test
    void aRunWithFailuresWritesItsExplanationAndARunWithoutDoesNot() throws Exception {
        final Path out = tmp.resolve("trap");
        final Cli r = Cli.run("run", "../examples/long-transfer-trap.yaml", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- WORKS: TCP keepalive every 5 s on the control connection (1 of 1 ok)"), r.out());
        final String md = Files.readString(out.resolve("explain.md"));
        assertTrue(md.contains("  - `ftp.clients[0].tcp-keepalive: 5s`"), md);
        assertTrue(Files.readString(out.resolve("explain.json")).contains("\"works\" : true"));

        final Path ok = tmp.resolve("ok");
        final Cli fine = Cli.run("run", "../examples/passive-stateful-server-fw-helper.yaml", "--no-progress", "--out",
                ok.toString());
        assertEquals(0, fine.exit(), fine.err());
        assertFalse(Files.exists(ok.resolve("explain.md")));
        assertFalse(fine.out().contains("Fixes tried"), fine.out());
    }

    @Test
    void noExplainSkipsTheFixes() throws Exception {
        final Path out = tmp.resolve("quiet");
        final Cli r = Cli.run("run", "../examples/passive-stateful-server-fw.yaml", "--no-progress", "--no-explain",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("Fixes tried"), r.out());
        assertFalse(Files.exists(out.resolve("explain.md")));
    }
}
