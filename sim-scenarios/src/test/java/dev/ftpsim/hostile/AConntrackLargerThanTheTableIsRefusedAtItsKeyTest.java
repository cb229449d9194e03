package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ftpsim's conntrack table holds 16777215 entries, the kernel's nf_conntrack_max goes to
 * 2147483647. The loader took a {@code max} up to the kernel's, and {@code buckets: 16777216}
 * (documented, 1-16777216) made a default max of 8 x buckets: each file validated, and the run
 * then failed building the firewall ("conntrack max must be 1..16777215, got 134217728"), which the
 * command line reported as bad input naming no key. Both are refused at their key.
 */
class AConntrackLargerThanTheTableIsRefusedAtItsKeyTest {
    private static String[] validate(final Path dir, final String conntrack) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + "firewall:\n  fw:\n    conntrack: "
                + conntrack + "\n");
        return Cli.execute("validate", f.toString());
    }

    @Test
    void aMaxAboveTheTableIsRefusedAtMax(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, "{ max: 16777216 }");
        assertEquals("2", r[0], r[2]);
        assertEquals(dir.resolve("s.yaml") + ":11:23: firewall.fw.conntrack.max: 16777216 is out of range: expected a"
                + " table size from 1 to 16777215 (the most ftpsim's conntrack holds)\n", r[2]);
        assertEquals("0", validate(dir, "{ max: 16777215 }")[0]);
    }

    @Test
    void bucketsWhoseDefaultMaxIsAboveTheTableAreRefusedAtBuckets(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, "{ buckets: 16777216 }");
        assertEquals("2", r[0], r[2]);
        assertEquals(dir.resolve("s.yaml") + ":11:27: firewall.fw.conntrack.buckets: 16777216 buckets make the default"
                + " max 134217728 (8 x buckets), above the 16777215 entries ftpsim's conntrack holds: write a max of at"
                + " most 16777215\n", r[2]);
        assertEquals("0", validate(dir, "{ buckets: 16777216, max: 16777215 }")[0]);
    }

    @Test
    void aRunOfTheLargestTableIsBuilt(@TempDir final Path dir) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + """
                firewall:
                  fw:
                    conntrack: { buckets: 2097151 }
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                    - { host: client, server: 203.0.113.10, mode: passive }
                """);
        final Path out = dir.resolve("out");
        final String[] r = Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertFalse(r[2].contains("internal error"), r[2]);
    }
}
