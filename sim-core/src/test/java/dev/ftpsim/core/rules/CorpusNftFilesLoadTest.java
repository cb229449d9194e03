package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every nft file of the corpus loads, except the two that nft 1.0.6 itself refuses for their text,
 * which are refused at the same line (the corpus README says which).
 */
class CorpusNftFilesLoadTest {
    /** File name prefix to the line the real nft rejects. */
    static final Map<String, Integer> REJECTED = Map.of("06-", 234, "22-", 59);

    static Stream<Path> files() throws Exception {
        return Corpus.files(".nft").stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void loadsOrIsRejectedAtTheLineNftRejects(final Path file) {
        final String name = file.getFileName().toString();
        final Integer line = REJECTED.get(name.substring(0, 3));
        if (line == null) {
            final Ruleset r = NftParser.load(file);
            assertFalse(r.tables().isEmpty(), name + " has tables");
        } else {
            final RulesetException e = assertThrows(RulesetException.class, () -> NftParser.load(file));
            assertEquals(line, e.errors().get(0).pos().line(), e.getMessage());
        }
    }
}
