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

/**
 * Behind a masquerading firewall with the FTP helper (active mode), the ladder names the box for
 * what it is and notes what it did: the conntrack state of each connection on first sight, the
 * helper's rewrite of PORT, the expectation it created and the data connection that used it, and
 * the translations.
 */
class TheLadderShowsWhatEachMiddleboxDidTest {
    @Test
    void helperRewriteExpectationConntrackStatesAndNatAreNoted(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("ladder", "../examples/active-client-masquerade-helper.yaml", "--out",
                tmp.toString()));
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n1 as fw (firewall + NAT 10.0.0.1)"), mmd);
        assertTrue(mmd.contains("Note over n0,n2: fw: ct new, helper ftp"), "the control connection on first sight");
        assertTrue(mmd.matches("(?s).*Note over n0,n2: fw helper rewrote: PORT 10,0,0,10,\\d+,\\d+ -#gt; 203,0,113,1,\\d+,\\d+\n.*"),
                mmd);
        assertTrue(mmd.contains("Note over n0,n2: fw: expects 203.0.113.10 -#gt; 203.0.113.1:"), mmd);
        assertTrue(mmd.contains("Note over n0,n2: fw: ct related, expected (ftp PORT 203.0.113.10 -#gt; 203.0.113.1:"),
                "the data connection used the expectation");
        assertTrue(mmd.contains("fw: SNAT 10.0.0.10:"), mmd);
        assertTrue(mmd.length() < 50_000, "under Mermaid's default maxTextSize: " + mmd.length());
    }

    @Test
    void aRouterWithoutRulesIsARouter(@TempDir final Path tmp) throws Exception {
        final Path scenario = tmp.resolve("routed.yaml");
        Files.writeString(scenario, """
                name: routed
                hosts:
                  client: { address: 10.0.0.10/24, gateway: 10.0.0.1 }
                  server: { address: 203.0.113.10/24, gateway: 203.0.113.1 }
                routers:
                  r1: { interfaces: { lan: 10.0.0.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, r1.lan], bandwidth: 100Mbps, delay: 1ms }
                  - { ends: [r1.wan, server], bandwidth: 100Mbps, delay: 1ms }
                ftp:
                  server: { host: server, files: { /f: 10KB } }
                  clients:
                    - { host: client, mode: passive, script: [login anonymous, get /f] }
                """);
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("ladder", scenario.toString(), "--out", tmp.resolve("out").toString()));
        final String mmd = Files.readString(tmp.resolve("out/ladder.mmd"));
        assertTrue(mmd.contains("participant n1 as r1 (router 10.0.0.1)"), mmd);
        assertTrue(!mmd.contains("Note over"), "a plain router changes nothing: " + mmd);
    }
}
