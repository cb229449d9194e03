package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind HAProxy, the first session's data connection goes to ftp2, a backend that runs no FTP
 * server: HAProxy's four SYNs to it and its kernel's resets are what made the session fail. The
 * ladder had no column for a backend host without an FTP server, so those eight arrows were
 * missing and the picture showed only a note "its proxy relays it to 10.1.2.10:30080".
 */
class ALadderDrawsABackendThatRunsNoFtpServerTest {
    @Test
    void theProxysRefusedConnectsToTheDeadBackendAreDrawn(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/haproxy-health-checks.yaml", "--session", "client#0", "--out",
                tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n3 as ftp2 (host 10.1.2.10)"), mmd);
        assertEquals(4, mmd.lines().filter(l -> l.matches("\\s*n1-->>n3: .* \\[data 1 relayed by lb\\] SYN .*")).count(), mmd);
        assertEquals(4, mmd.lines().filter(l -> l.matches("\\s*n3-->>n1: .* RST/ACK 10\\.1\\.2\\.10:30080 .*")).count(), mmd);
    }

    @Test
    void aSessionThatNeverReachedItHasNoSuchColumn(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/haproxy-health-checks.yaml", "--session", "client#1", "--out",
                tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(!mmd.contains("ftp2"), mmd);
    }
}
