package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every iptables-save file of the corpus loads, except the two that iptables-restore 1.8.9 refuses
 * ({@code --test}, checked on this machine): refused at the same line, for the same reason.
 */
class CorpusIptablesFilesLoadTest {
    /** File name prefix to {line, words the real tool's message has}. */
    static final Map<String, Object[]> REJECTED = Map.of(
            "36-", new Object[] {71, "Bad argument `192.168.122.0/24'"},
            "37-", new Object[] {1794, "Invalid MAC address specified."});

    static Stream<Path> files() throws Exception {
        return Corpus.files(".iptables").stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void loadsOrIsRejectedAtTheLineIptablesRestoreRejects(final Path file) {
        final String name = file.getFileName().toString();
        final Object[] expected = REJECTED.get(name.substring(0, 3));
        if (expected == null) {
            final Ruleset r = IptablesReader.load(file, Family.IP);
            assertFalse(r.tables().isEmpty(), name + " has tables");
            assertTrue(r.tables().stream().allMatch(t -> t.family() == Family.IP));
        } else {
            final RulesetException e = assertThrows(RulesetException.class, () -> IptablesReader.load(file, Family.IP));
            final RuleError first = e.errors().get(0);
            assertEquals(expected[0], first.pos().line(), first.toString());
            assertTrue(first.message().startsWith((String) expected[1]), first.toString());
        }
    }
}
