package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nastiest files (a 1 GiB file, megabyte tokens, alias bombs, a million brackets, a ruleset
 * of a million words) are bad input in a JVM of 64 MB heap too: nothing is read or expanded
 * beyond the limits. One child JVM validates them all.
 */
class HostileFilesUnderASmallHeapTest {
    private static final List<String> NASTIEST = List.of("one-gibibyte.yaml", "long-name.yaml", "long-key.yaml",
            "long-number.yaml", "long-duration.yaml", "a-quarter-million-values.yaml", "million-brackets.yaml",
            "deep.json", "nft-of-a-million-words.yaml", "nft-with-a-long-token.yaml", "nft-over-the-limit.yaml",
            "random-binary.yaml");

    @Test
    void theNastiestFilesAreRefusedWithA64MegabyteHeap(@TempDir final Path tmp) throws Exception {
        final List<HostileCorpus.Case> cases = new ArrayList<>();
        for (final HostileCorpus.Case c : HostileCorpus.generated(tmp, 1_000_000)) {
            if (NASTIEST.contains(c.name())) {
                cases.add(c);
            }
        }
        for (final HostileCorpus.Case c : HostileCorpus.committed()) {
            if (c.name().startsWith("aliases/") && c.name().contains("bomb")) {
                cases.add(c);
            }
        }
        assertEquals(NASTIEST.size() + 3, cases.size());
        final Object[] r = ChildJvm.run("64m", ValidateEachMain.class.getName(),
                cases.stream().map(c -> c.file().toString()).toList(), 120);
        final String out = (String) r[1];
        assertEquals(0, r[0], out);
        final List<String> lines = out.lines().toList();
        assertEquals(cases.size(), lines.size(), out);
        for (int i = 0; i < cases.size(); i++) {
            final HostileCorpus.Case c = cases.get(i);
            assertTrue(lines.get(i).startsWith("2 " + c.file() + ":" + c.position() + ": "), c + ": " + lines.get(i));
        }
    }
}
