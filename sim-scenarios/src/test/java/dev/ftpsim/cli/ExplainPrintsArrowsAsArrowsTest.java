package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed session whose data connection a helper let through: its chain names the expectation
 * as conntrack does, "ftp PASV 10.0.1.10 -> 10.0.2.10:30000". The console and explain.md printed
 * "-\>": a '>' inside a line opens no Markdown (only a line-start '>' quotes, and that is still
 * escaped), so the backslash only garbled the text in the terminal.
 */
class ExplainPrintsArrowsAsArrowsTest {
    @TempDir
    Path tmp;

    @Test
    void theRelatedDataConnectionsExpectationReadsAsConntrackWritesIt() throws Exception {
        final Path f = tmp.resolve("cut.yaml");
        Files.writeString(f, """
                name: cut
                seed: 3
                stop: 2s
                hosts:
                  client: { address: 10.0.1.10/24 }
                  server: { address: 10.0.2.10/24 }
                routers:
                  fw: { interfaces: { lan: 10.0.1.1/24, wan: 10.0.2.1/24 } }
                links:
                  - { ends: [client, fw.lan], bandwidth: 10Mbps, delay: 5ms }
                  - { ends: [fw.wan, server], bandwidth: 1Gbps, delay: 1ms }
                firewall:
                  fw:
                    conntrack: { helpers: [ftp] }
                    prerouting: ['tcp dport 21 ct helper set "ftp"']
                    forward:
                      policy: drop
                      rules:
                        - ct state established,related accept
                        - oif wan tcp dport 21 ct state new accept
                ftp:
                  server: { host: server, passive-ports: 30000-30000, files: { /pub/file.bin: 4MB } }
                  clients:
                    - { host: client, mode: passive, sessions: 1, script: [login anonymous, get /pub/file.bin] }
                """);
        final Cli r = Cli.run("run", f.toString(), "--no-progress", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- fw: the data connection's first packet (SYN) was RELATED (ftp PASV 10.0.1.10 ->"
                + " 10.0.2.10:30000), accepted by forward rule 1: ct state established,related accept\n"), r.out());
        assertFalse(r.out().contains("\\>"), r.out());
        final String md = Files.readString(tmp.resolve("out").resolve("explain.md"));
        assertTrue(md.contains("(ftp PASV 10.0.1.10 -> 10.0.2.10:30000)"), md);
    }
}
