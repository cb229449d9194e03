package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix and the README name the two source documents, not "source 1" and "source 2". */
class TheMatrixNamesTheSourceDocumentsTest {
    private static String row(final String text, final String setup) {
        return text.lines().filter(l -> l.startsWith(setup + "  ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + setup + " in\n" + text));
    }

    @Test
    void eachRowsSourceColumnNamesItsDocument(@TempDir final Path tmp) {
        final Cli r = Cli.run("run", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(row(r.out(), "packet filter, active channels").matches(".*\\s{2}slacksite\\s{2}.*"), r.out());
        assertTrue(row(r.out(), "stateful, client side, outbound only").matches(".*\\s{2}Firewalls FAQ\\s{2}.*"), r.out());
        assertFalse(r.out().contains("source 1") || r.out().contains("source 2"), r.out());
    }

    /** The README's sample of the matrix is what the matrix prints (it said 0.35 s where every cell takes 0.41 s). */
    @Test
    void theReadmesSampleRowsAreTheMatrixsOwn(@TempDir final Path tmp) throws Exception {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final int from = readme.indexOf("```\nfirewall setup") + 4;
        final java.util.List<String> sample = readme.substring(from, readme.indexOf("```", from)).lines()
                .filter(l -> !l.equals("...")).toList();
        assertTrue(sample.size() > 2, "no sample in the README");
        final Cli r = Cli.run("run", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final java.util.Set<String> printed = r.out().lines().map(String::stripTrailing)
                .collect(java.util.stream.Collectors.toSet());
        for (final String line : sample) {
            assertTrue(printed.contains(line.stripTrailing()), "README line not printed by the matrix: " + line
                    + "\n" + r.out());
        }
    }

    @Test
    void theReadmeGivesBothTitlesAndTheLicenseIsApache2() throws Exception {
        final String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("\"Active FTP vs. Passive FTP, a Definitive Explanation\""), "first title");
        assertTrue(readme.contains("\"The behavior of FTP\" in the\nInternet Firewalls FAQ"), "second title");
        assertFalse(readme.contains("source 1") || readme.contains("source 2"), "README still numbers the sources");
        final String license = Files.readString(Path.of("..", "LICENSE"));
        assertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"), "LICENSE");
        assertTrue(license.contains("END OF TERMS AND CONDITIONS"), "LICENSE is cut");
    }
}
