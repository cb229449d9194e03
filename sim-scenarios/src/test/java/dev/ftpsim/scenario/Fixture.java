package dev.ftpsim.scenario;

import java.nio.file.Path;
import java.util.List;

/** Scenario text for tests: a minimal valid network, and helpers that load text or collect its errors. */
public final class Fixture {
    /** client -- fw (lan, wan) -- server: eight lines, so added text starts on line 9. */
    public static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            """;

    /** pc1 on port p0, srv on port p1 of switch sw, in 192.168.1.0/24: eight lines, so added text starts on line 9. */
    public static final String SEGMENT = """
            hosts:
              pc1: { address: 192.168.1.11/24 }
              srv: { address: 192.168.1.20/24 }
            switches:
              sw: {}
            links:
              - { ends: [pc1, sw] }
              - { ends: [srv, sw] }
            """;

    /** A server and one client population, lines 9-12 after {@link #NET}. */
    static final String FTP = """
            ftp:
              server: { host: server, files: { /pub/f.bin: 1MB } }
              clients:
                - { host: client, mode: passive }
            """;

    private Fixture() {}

    /** Bytes from text (as UTF-8) and single byte values, in order: for files that are not UTF-8. */
    public static byte[] bytes(final Object... parts) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (final Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    static Scenario load(final String text) throws ScenarioException {
        return ScenarioLoader.parse(text, "t.yaml", Path.of("."));
    }

    /** The errors of {@code text} read as t.yaml, each as {@code file:line:column: path: message}. */
    static List<String> errors(final String text) {
        return errors(text, "t.yaml", Path.of("."));
    }

    static List<String> errors(final String text, final String file, final Path dir) {
        try {
            ScenarioLoader.parse(text, file, dir);
            return List.of();
        } catch (final ScenarioException e) {
            return e.errors().stream().map(ScenarioError::toString).toList();
        }
    }
}
