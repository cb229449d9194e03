package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each corpus ruleset refers only to the interfaces its SOURCES.tsv row says the router has (a
 * router carrying those names can load it unchanged); interfaces are checked, not yet bound.
 */
class CorpusInterfaceNamesTest {
    private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.\\1(\\d+)");

    static Stream<Object[]> rows() throws Exception {
        Corpus.files(".nft");
        final List<Object[]> out = new ArrayList<>();
        final List<String> lines = Files.readAllLines(Corpus.dir().resolve("SOURCES.tsv"));
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cols = line.split("\t");
            if (cols.length > 5 && !CorpusNftFilesLoadTest.REJECTED.containsKey(cols[0].substring(0, 3))
                    && !CorpusIptablesFilesLoadTest.REJECTED.containsKey(cols[0].substring(0, 3))) {
                out.add(new Object[] {cols[0], cols[5]});
            }
        }
        return out.stream();
    }

    /** The names a SOURCES.tsv interfaces cell lists: "a, b; flowtable devices c", "eth1.96..eth1.1111 (21 VLANs)". */
    static List<String> listed(final String cell) {
        final List<String> out = new ArrayList<>();
        for (String part : cell.replaceAll("\\([^)]*\\)", "").split("[,;]")) {
            part = part.replace("flowtable devices", "").strip();
            if (!part.isEmpty() && !part.startsWith("none")) {
                out.add(part.split("\\s+")[0]);
            }
        }
        return out;
    }

    static boolean covered(final String name, final List<String> listed) {
        for (final String l : listed) {
            final Matcher m = RANGE.matcher(l);
            if (m.matches() && name.startsWith(m.group(1)) && name.substring(m.group(1).length()).matches("\\d+")) {
                final long n = Long.parseLong(name.substring(m.group(1).length()));
                if (n >= Long.parseLong(m.group(2)) && n <= Long.parseLong(m.group(3))) {
                    return true;
                }
            }
            final String wild = l.endsWith("+") ? l.substring(0, l.length() - 1) + "*" : l;
            if (wild.equals(name) || wild.endsWith("*") && name.startsWith(wild.substring(0, wild.length() - 1))
                    && !name.endsWith("*")) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rulesetNamesOnlyTheInterfacesItsRouterHas(final String file, final String interfaces) {
        final Path p = Corpus.dir().resolve(file);
        final Ruleset r = file.endsWith(".nft") ? NftParser.load(p) : IptablesReader.load(p, Family.IP);
        final Set<String> used = InterfaceRefs.of(r);
        final List<String> listed = listed(interfaces);
        for (final String name : used) {
            assertTrue(covered(name, listed), file + " refers to interface " + name + ", not among " + listed);
        }
    }
}
