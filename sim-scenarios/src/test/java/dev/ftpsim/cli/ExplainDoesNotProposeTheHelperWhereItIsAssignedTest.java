package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A firewall that already loads the FTP helper and assigns it to the control port: "assign the FTP
 * helper" would add the same rule again and change nothing, so explain does not propose it.
 */
class ExplainDoesNotProposeTheHelperWhereItIsAssignedTest {
    @TempDir
    Path tmp;

    @Test
    void anAssignedHelperIsNotProposedAgain() throws Exception {
        final Path f = Cli.example(tmp, "passive-range-exhausted", "  fw:\n    forward:",
                "  fw:\n    conntrack: { helpers: [ftp] }\n    prerouting:\n      - tcp dport 21 ct helper set \"ftp\"\n"
                        + "      - tcp dport 2121 ct helper set \"ftp\"\n    forward:");
        final Cli r = Cli.run("explain", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("## Population client-1 (curl, PASV, on client)"), r.out());
        assertTrue(r.out().contains("- WORKS: widen the passive range"), r.out());
        assertFalse(r.out().contains("assign the FTP helper"), r.out());
    }
}
