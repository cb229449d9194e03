package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcp flags { syn }} is {@code tcp flags syn}: nft 1.0.6 turns a set of one flag value into a
 * bit test ({@code nft --debug=netlink}: bitwise and 0x02, cmp neq 0), so a SYN-ACK matches it. ftpsim
 * compared the flags for equality and let only a bare SYN through.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ASetOfOneFlagValueIsABitTestTest {
    @TempDir
    Path dir;

    private String lastLine(final String rule, final String flags) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "table ip f {\n\tchain forward {\n\t\ttype filter hook forward priority"
                + " filter; policy drop;\n\t\t" + rule + "\n\t}\n}\n");
        final Path s = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] r = Cli.execute("trace", s.toString(), "--packet", "tcp 198.51.100.10:40000 > 203.0.113.10:21 " + flags);
        assertEquals("0", r[0], r[2]);
        final String[] lines = r[1].strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aSynAckMatchesASetOfTheSynFlagAsItMatchesTheFlagItself() throws Exception {
        final String delivered = "delivered to server (198.51.100.10:40000 > 203.0.113.10:21)";
        assertEquals(delivered, lastLine("tcp flags syn accept", "syn ack"));
        assertEquals(delivered, lastLine("tcp flags { syn } accept", "syn ack"));
        assertEquals(delivered, lastLine("tcp flags { syn | ack } accept", "ack"));
        // a set of two values is a lookup of the exact flags
        assertEquals("dropped by fw (f/forward policy drop)", lastLine("tcp flags { syn, fin } accept", "syn ack"));
    }

    /**
     * {@code tcp flags & syn == 0} is listed by {@code nft list ruleset} as {@code tcp flags ! syn}
     * (nft 1.0.6: bitwise and 0x02, cmp eq 0), so a saved ruleset holds that form: it loads, and
     * means "none of these bits".
     */
    @Test
    void theNegatedFlagsThatNftListsLoadAndMatchWhenNoneOfTheBitsIsSet() throws Exception {
        final String delivered = "delivered to server (198.51.100.10:40000 > 203.0.113.10:21)";
        final String dropped = "dropped by fw (f/forward policy drop)";
        assertEquals(delivered, lastLine("tcp flags ! syn accept", "ack"));
        assertEquals(dropped, lastLine("tcp flags ! syn accept", "syn ack"));
        assertEquals(dropped, lastLine("tcp flags ! syn,rst accept", "rst"));
        assertEquals(delivered, lastLine("tcp flags & syn == 0 accept", "ack"));
        assertEquals(dropped, lastLine("tcp flags & syn == 0 accept", "syn"));
    }

    @Test
    void aNegationOfAnythingButFlagsIsRefusedInNftsWords() throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "table ip f {\n\tchain forward {\n\t\ttype filter hook forward priority"
                + " filter; policy drop;\n\t\ttcp dport ! 21 accept\n\t}\n}\n");
        final Path s = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] r = Cli.execute("validate", s.toString());
        assertEquals("2", r[0]);
        org.junit.jupiter.api.Assertions.assertTrue(r[2].contains("fw.nft:4:3: negation can only be used with singleton bitmask values"), r[2]);
    }
}
