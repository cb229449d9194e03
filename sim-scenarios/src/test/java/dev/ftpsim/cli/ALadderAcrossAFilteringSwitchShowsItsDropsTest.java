package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ladder of a session whose client and server share a filtering switch has the switch as a
 * column: the control SYN crosses it (its flooded copy to another PC's port, dropped there, is
 * not this session's), the passive data SYN ends at it, dropped by the bridge forward policy.
 */
class ALadderAcrossAFilteringSwitchShowsItsDropsTest {
    @Test
    void theSwitchIsAColumnAndTheDataSynEndsThere(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/office-lan-switch-bridge-filter.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n1 as sw (bridge firewall)"), mmd);
        assertTrue(mmd.contains("n0->>n2: 0.000 ms [control] SYN 192.168.1.11:35697 #gt; 192.168.1.20:21"), mmd);
        assertTrue(mmd.contains("n0--xn1: 2.813 ms [data 1] SYN 192.168.1.11:35698 #gt; 192.168.1.20:30001\n"
                + "    Note over n1: dropped by forward policy drop"), mmd);
    }
}
