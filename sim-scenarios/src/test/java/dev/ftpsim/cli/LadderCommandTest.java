package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ftpsim ladder}: a failing passive session shows its data SYNs dropped at the firewall, by which rule. */
class LadderCommandTest {
    @Test
    void theDroppedDataConnectionIsDrawnWithTheRuleThatDroppedIt(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("ladder", "../examples/passive-stateful-server-fw.yaml", "--out", tmp.toString()));
        assertTrue(out.toString().startsWith("passive-stateful-server-fw, session 0: data connect timed out: "),
                out.toString());
        assertTrue(out.toString().contains(" 11 dropped."), "the SYN and its ten retries (Linux 6.12)");
        final String svg = Files.readString(tmp.resolve("ladder.svg"));
        assertTrue(svg.contains("227 Entering Passive Mode (203,0,113,10,"), "the reply is readable on the control arrow");
        assertTrue(svg.contains("dropped by forward policy drop"));
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.startsWith("sequenceDiagram"));
        assertTrue(mmd.contains("participant n1 as fw (firewall 198.51.100.1)"), mmd);
        assertTrue(mmd.contains("n0--xn1:"), "a dropped data arrow ends at the firewall");
        assertTrue(mmd.contains("Note over n1: dropped by forward policy drop"));
    }

    @Test
    void withTheHelperTheDataConnectionGoesThroughToTheServer(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("ladder", "../examples/passive-stateful-server-fw-helper.yaml", "--out", tmp.toString()));
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        // One arrow from client to server: the firewall let it through.
        assertTrue(mmd.contains("n0-->>n2:") && mmd.contains("[data 1] SYN"), mmd);
        assertTrue(!mmd.contains("--x"), "nothing dropped");
    }

    @Test
    void onlyTheChosenSessionsPacketsAreDrawnWithItsOwnOutcome(@TempDir final Path tmp) throws Exception {
        // Three clients dial the same server at once; session 0 of the first population (truster) fails.
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("ladder", "../examples/passive-server-dnat-range.yaml", "--out", tmp.toString()));
        assertTrue(out.toString().startsWith("passive-server-dnat-range, session 0: data connect timed out"),
                out.toString());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("198.51.100.10"), mmd);
        assertTrue(!mmd.contains("198.51.101.10") && !mmd.contains("198.51.102.10"), "no other client's packets");
    }

    @Test
    void aTranslatedConnectionKeepsOneNameOnBothSidesOfTheNat(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("ladder", "../examples/active-client-masquerade-helper.yaml", "--out",
                tmp.toString()));
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("[data 1] SYN 203.0.113.10:20 #gt; 203.0.113.1:"), "the server's SYN to the NAT");
        assertTrue(mmd.contains("Note over n0,n2: fw: DNAT 203.0.113.10:20 #gt; 203.0.113.1:"), mmd);
        assertTrue(mmd.contains(" =#gt; 203.0.113.10:20 #gt; 10.0.0.10:"), "the same SYN after the NAT");
        assertTrue(!mmd.contains("[data 2]"), "one data connection");
    }
}
