package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line of nft with 100,000 nested parentheses, or 200,000 operators in one expression,
 * overflowed the loader's stack (a StackOverflowError with its trace, exit 1). A flag list is one
 * level of parentheses and an expression has at most 64 operators: such a line is bad input at
 * its position, exit 2, nothing written; real flag lists and masks still load.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeeplyNestedNftExpressionsAreRefusedTest {
    @TempDir
    Path dir;

    /** Exit code and stderr of validate, and that run exits alike without writing; the rule is at 4:5. */
    private String[] validate(final String rule) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n  chain forward {\n    type filter hook forward"
                + " priority filter; policy accept;\n    " + rule + "\n  }\n}\n");
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] v = Cli.execute("validate", scenario.toString());
        final Path out = dir.resolve("out");
        final String[] r = Cli.execute("run", scenario.toString(), "--out", out.toString(), "--no-progress");
        if (!v[0].equals("0")) {
            assertEquals(v[0], r[0], r[2]);
            assertEquals(v[2], r[2]);
            assertFalse(Files.exists(out), "run wrote " + out);
        }
        return new String[] {v[0], v[2].replace(scenario.toString(), "s.yaml").strip()};
    }

    @Test
    void parenthesesInsideParenthesesAreRefused() throws Exception {
        assertEquals("2", validate("meta mark " + "(1 | ".repeat(100_000) + "1" + ")".repeat(100_000) + " accept")[0]);
        final String[] r = validate("meta mark " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " accept");
        assertEquals("2", r[0]);
        assertEquals("s.yaml:11:10: firewall.fw.nft: fw.nft:4:16: parentheses inside a flag list are not modelled at '('",
                r[1]);
    }

    @Test
    void anExpressionOfTooManyOperatorsIsRefused() throws Exception {
        final String[] r = validate("meta mark & 1" + " & 1".repeat(200_000) + " == 1 accept");
        assertEquals("2", r[0]);
        // the 65th '&', the one of the 64th " & 1": after 4 spaces, "meta mark & 1" and 63 times " & 1", and a space
        assertEquals("s.yaml:11:10: firewall.fw.nft: fw.nft:4:" + (5 + 13 + 63 * 4 + 1) + ": more than 64 operators in"
                + " one expression at '&'", r[1]);
    }

    @Test
    void aFlagListAndAMaskStillLoad() throws Exception {
        assertEquals("0", validate("tcp flags & (syn | ack) == syn accept")[0]);
        assertEquals("0", validate("meta mark & 0xff00 == 0x100 accept")[0]);
    }
}
