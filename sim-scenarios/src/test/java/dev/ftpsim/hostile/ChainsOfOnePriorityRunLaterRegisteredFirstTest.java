package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two base chains of one priority on one hook run in the reverse of the order they were added:
 * the kernel puts a new hook before those of equal priority (net/netfilter/core.c,
 * nf_hook_entries_grow). Both cases checked on Linux 6.18 with nft 1.0.6 in a network namespace,
 * at the output hook: a mark set by the chain added first is not seen by the one added later, and
 * of two DNAT chains the one added later makes the binding.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChainsOfOnePriorityRunLaterRegisteredFirstTest {
    @TempDir
    Path dir;

    private String trace(final String ruleset) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), ruleset);
        return HostileCorpus.lastTraceLine(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"), 21);
    }

    private static String table(final String name, final String type, final String hook, final String rule) {
        return "table ip " + name + " {\n\tchain c {\n\t\ttype " + type + " hook " + hook + " priority 0; policy accept;\n\t\t"
                + rule + "\n\t}\n}\n";
    }

    @Test
    void aChainAddedLaterRunsBeforeTheOneAddedFirst() throws Exception {
        final String marks = table("a", "filter", "forward", "meta l4proto tcp meta mark set 1");
        final String drops = table("b", "filter", "forward", "meta mark 1 drop");
        // the dropping chain added second runs first and sees no mark yet; ftpsim once ran them in table order
        assertEquals("delivered to server (198.51.100.10:40000 > 203.0.113.10:21)", trace(marks + drops));
        assertEquals("dropped by fw (a/c rule 1: meta mark 1 drop)", trace(drops.replace("ip b", "ip a")
                + marks.replace("ip a", "ip b")));
        // one table: the chain added later by a command runs first as well
        assertEquals("dropped by fw (a/c rule 1: meta mark 1 drop)", trace(drops.replace("ip b", "ip a")
                + "add chain ip a m { type filter hook forward priority 0; policy accept; }\n"
                + "add rule ip a m meta l4proto tcp meta mark set 1\n"));
    }

    @Test
    void ofTwoNatChainsOfOnePriorityTheOneAddedLaterBinds() throws Exception {
        final String first = table("a", "nat", "prerouting", "tcp dport 21 dnat to 203.0.113.10:2121");
        final String second = table("b", "nat", "prerouting", "tcp dport 21 dnat to 203.0.113.10:2122");
        assertEquals("delivered to server (198.51.100.10:40000 > 203.0.113.10:2122)", trace(first + second));
        assertEquals("delivered to server (198.51.100.10:40000 > 203.0.113.10:2121)", trace(second + first));
    }
}
