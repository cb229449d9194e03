package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host group's members are compact: 60,000 of them run in a 128 MB heap (they took 3.7 KB each,
 * 222 MB, before; about 1.1 KB now), which is what lets a million-member group run in 2 GB.
 */
class ALargeHostGroupRunsInABoundedHeapTest {
    static final String GROUP = """
            hosts:
              clients: { count: 60000, subnet: 10.0.0.0/8 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 10.0.0.1/8, wan: 203.0.113.1/24 } }
            links:
              - { ends: [clients, fw.lan] }
              - { ends: [fw.wan, server] }
            ftp:
              server: { host: server, files: { /pub/f.bin: 100KB } }
              clients:
                - { host: clients, sessions: 3 }
            stop: 10s
            """;

    @Test
    void sixtyThousandMembersRunIn128Megabytes(@TempDir final Path tmp) throws Exception {
        final Path file = Files.writeString(tmp.resolve("group.yaml"), GROUP);
        final Path out = tmp.resolve("out");
        final Object[] r = ChildJvm.run("128m", "dev.ftpsim.cli.Main", List.of("run", file.toString(), "--out",
                out.toString(), "--no-progress"), 180);
        final String printed = (String) r[1];
        assertEquals(0, r[0], printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("succeeded +3 \\(100\\.0%\\)")), printed);
        assertTrue(Files.readString(out.resolve("sessions.csv")).lines().filter(l -> l.contains("clients[")).count()
                == 3, "three sessions, on three members");
    }
}
