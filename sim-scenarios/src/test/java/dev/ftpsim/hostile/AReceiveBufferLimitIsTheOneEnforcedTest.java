package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receive-buffer: 1GiB} was refused with "a receive buffer from 1 B to 1 GiB": the limit
 * is 65535 x 2^14 = 1073725440 bytes, 16 KiB less than 1 GiB. The message names the limit the
 * check enforces, and the value refused.
 */
class AReceiveBufferLimitIsTheOneEnforcedTest {
    private static String[] validate(final Path dir, final String size) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), """
                hosts:
                  client: { address: 198.51.100.10/24, tcp: { receive-buffer: %s } }
                  server: { address: 198.51.100.20/24 }
                links:
                  - { ends: [client, server] }
                """.formatted(size));
        return Cli.execute("validate", f.toString());
    }

    @Test
    void aGibibyteIsRefusedNamingTheLargestScaledWindow(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, "1GiB");
        assertEquals("2", r[0], r[2]);
        assertEquals(dir.resolve("s.yaml") + ":2:63: hosts.client.tcp.receive-buffer: a receive buffer from 1 B to"
                + " 1073725440 B, 65535 x 2^14 (TCP's largest scaled window, RFC 7323), not 1073741824 B\n", r[2]);
        assertEquals("0", validate(dir, "1073725440B")[0], validate(dir, "1073725440B")[2]);
    }
}
