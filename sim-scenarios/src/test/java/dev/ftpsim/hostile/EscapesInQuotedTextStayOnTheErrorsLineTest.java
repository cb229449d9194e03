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
 * A scenario file is plain text, but YAML's escapes put a line break, an ESC or a carriage return
 * into a key or value ({@code "cl\nient"}, {@code "\e[31m"}); an error quoting it printed them raw:
 * one error became two lines (the second without file:line:column), an ESC coloured the terminal,
 * a CR overwrote what was shown. They are written out as escapes, and each error stays one line.
 */
class EscapesInQuotedTextStayOnTheErrorsLineTest {
    private static String[] validate(final Path dir, final String text) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), text);
        final String[] r = Cli.execute("validate", f.toString());
        assertEquals("2", r[0], r[2]);
        return new String[] {f.toString(), r[2]};
    }

    @Test
    void aLineBreakInAKeyIsWrittenAsAnEscape(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, "hosts:\n  \"cl\\nient\": { address: 198.51.100.10/24 }\n");
        assertEquals(r[0] + ":2:3: hosts.cl\\nient: bad name 'cl\\nient': expected letters, digits, '-' and '_',"
                + " starting with a letter ('.' separates a router from its interface)\n", r[1]);
    }

    @Test
    void anEscapeSequenceInARuleIsNotSentToTheTerminal(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, Fixture.NET + "firewall:\n  fw:\n    forward: [\"tcp dport 21 \\e[31maccept\"]\n");
        assertFalse(r[1].contains("\u001b"), r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertEquals(r[0] + ":11:29: firewall.fw.forward[0]: unexpected '\\u001B[31maccept'",
                r[1].substring(0, r[1].indexOf("': ") + 1));
    }

    @Test
    void aCarriageReturnCannotHideTheStartOfAName(@TempDir final Path dir) throws Exception {
        final String[] r = validate(dir, Fixture.NET + "ftp:\n  server: { host: \"ser\\rver\", files: { /pub/a: 1MB } }\n");
        assertEquals(r[0] + ":10:19: ftp.server.host: unknown host 'ser\\rver' (did you mean 'server'?); expected one"
                + " of client, server\n", r[1]);
    }
}
