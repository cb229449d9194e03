package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that dials another port than the server listens on (a DNAT from 2121 to 21 in front of
 * the server) has its control connection drawn as the control connection (solid), not as "data 1".
 */
class ALadderNamesTheControlConnectionOnAnyPortTest {
    @Test
    void theConnectionToPort2121IsTheControlConnection(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/ipv6-nat66-snat-range-dnat-port.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("n0->>n3: 0.000 ms [control] SYN [fd00:1::10]:52848 #gt; [2001:db8:ff::2]:2121\n"), mmd);
        assertTrue(mmd.contains("n3->>n0: 48.047 ms [control] 220 (vsFTPd 3.0.5)\n"), mmd);
        assertTrue(mmd.contains("[data 1] SYN [fd00:1::10]:52851 #gt; [2001:db8:ff::2]:30068"), mmd);
        assertFalse(mmd.contains("[data 2]"), "one data connection: " + mmd);
    }
}
