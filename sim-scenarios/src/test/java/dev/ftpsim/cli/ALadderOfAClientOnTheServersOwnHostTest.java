package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on the FTP server's own host (a backup dialling 127.0.0.1) is one column, client and
 * server: its ladder is drawn, and a run whose session of it fails writes its report. Both ended in
 * "two ladder nodes are named 'server'" with exit 2, the run's whole output folder lost.
 */
class ALadderOfAClientOnTheServersOwnHostTest {
    private static final String SCENARIO = """
            name: self
            hosts:
              server: { address: 203.0.113.10/24 }
              other: { address: 203.0.113.11/24 }
            links:
              - { ends: [server, other], bandwidth: 100Mbps, delay: 1ms }
            ftp:
              server: { host: server, pasv-address: 203.0.113.99, files: { /f: 10KB } }
              clients:
                - { host: server, server: 127.0.0.1, mode: passive, pasv-address-policy: trust, script: [login anonymous, get /f] }
            """;

    @Test
    void theLadderHasOneColumnAndBothSides(@TempDir final Path tmp) throws Exception {
        final Path scenario = Files.writeString(tmp.resolve("self.yaml"), SCENARIO);
        final Cli r = Cli.run("ladder", scenario.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("out/ladder.mmd"));
        assertTrue(mmd.contains("    participant n0 as server (client + server 203.0.113.10)\n    n0->>n0: "), mmd);
        assertTrue(mmd.contains("n0->>n0: 0.000 ms [control] SYN 127.0.0.1:38431 #gt; 127.0.0.1:21\n"), mmd);
        assertTrue(mmd.contains("n0->>n0: 0.000 ms [control] 220 (vsFTPd 3.0.5)\n"), "the server's side too: " + mmd);
        assertTrue(mmd.contains("n0->>n0: 0.000 ms [control] 227 Entering Passive Mode (203,0,113,99,"), mmd);
    }

    @Test
    void aRunWithItsSessionFailingWritesItsReport(@TempDir final Path tmp) throws Exception {
        final Path scenario = Files.writeString(tmp.resolve("self.yaml"), SCENARIO);
        final Cli r = Cli.run("run", scenario.toString(), "--out", tmp.resolve("run").toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        final String report = Files.readString(tmp.resolve("run/report.html"));
        assertTrue(report.contains("<div class=\"figure\" id=\"ladder-svg\">"), "the ladder is drawn");
        assertTrue(report.contains("<line class=\"lifeline\" data-node=\"server\""), "its one column");
    }
}
