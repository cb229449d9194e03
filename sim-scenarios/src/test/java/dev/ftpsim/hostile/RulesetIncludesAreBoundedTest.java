package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code include} in an nftables file is read as warily as the file itself: an include loop
 * ends at nft's 16 levels, a FIFO or device matched by a glob is not opened (it would block or
 * never end), the included files together are bounded, a folder or a file that is no ruleset is
 * named without being quoted. Each is bad input through the command line: exit 2, the error at the
 * scenario's {@code nft} key with the include's own position, nothing written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RulesetIncludesAreBoundedTest {
    @TempDir
    Path dir;

    /** Runs validate and run on a scenario whose firewall loads {@code fw.nft}; returns validate's stderr. */
    private String badInput() throws Exception {
        return HostileCorpus.refusedByValidateAndRun(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"));
    }

    private String at(final String position) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: " + position;
    }

    @Test
    void aFileThatIncludesItselfEndsAtSixteenLevels() throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "include \"fw.nft\"\n");
        assertEquals(at("fw.nft:1:9: include nested too deeply, max 16 levels"), badInput());
    }

    @Test
    void twoFilesThatIncludeEachOtherEndAtSixteenLevels() throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"other.nft\"\n");
        Files.writeString(dir.resolve("other.nft"), "include \"fw.nft\"\n");
        assertEquals(at(dir.resolve("other.nft") + ":1:9: include nested too deeply, max 16 levels"), badInput());
    }

    @Test
    void fifteenNestedIncludesAreRead() throws Exception {
        for (int i = 1; i < 15; i++) {
            Files.writeString(dir.resolve("p" + i + ".nft"), "include \"p" + (i + 1) + ".nft\"\n");
        }
        Files.writeString(dir.resolve("p15.nft"), "table ip filter {\n}\n");
        Files.writeString(dir.resolve("fw.nft"), "include \"p1.nft\"\n");
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] v = Cli.execute("validate", scenario.toString());
        assertEquals("0", v[0], v[2]);
    }

    @Test
    void aGlobThatMatchesAFifoDoesNotWaitForAWriter() throws Exception {
        HostileCorpus.fifo(Files.createDirectories(dir.resolve("parts")).resolve("pipe"));
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"parts/*\"\n");
        assertEquals(at("fw.nft:2:9: include: " + dir.resolve("parts/pipe")
                + " is not a regular file (a FIFO, device or socket)"), badInput());
    }

    @Test
    void aLinkToDevZeroIsNotReadForever() throws Exception {
        Files.createSymbolicLink(dir.resolve("zero.nft"), Path.of("/dev/zero"));
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"zero.nft\"\n");
        assertEquals(at("fw.nft:2:9: include: " + dir.resolve("zero.nft")
                + " is not a regular file (a FIFO, device or socket)"), badInput());
    }

    @Test
    void aHugeIncludedFileIsRefusedUnread() throws Exception {
        HostileCorpus.sparse(dir.resolve("huge.nft"), 1L << 30);
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"huge.nft\"\n");
        assertEquals(at("fw.nft:2:9: include: the included files come to more than 4194304 bytes (4 MiB) in all"),
                badInput());
    }

    @Test
    void aFolderIsNamedWithTheGlobThatReadsIt() throws Exception {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"parts\"\n");
        assertEquals(at("fw.nft:2:9: include: " + dir.resolve("parts") + " is a folder; include \"parts/*\" loads"
                + " the files in it"), badInput());
    }

    @Test
    void anEmptyNameIsTheIncludingFilesFolder() throws Exception {
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"\"\n");
        assertEquals(at("fw.nft:2:9: include: " + dir + " is a folder; include \"*\" loads the files in it"), badInput());
    }

    @Test
    void anIncludedFileThatIsNoRulesetIsNotQuoted() throws Exception {
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:secret-hash:/root:/bin/bash\n");
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"passwd\"\n");
        assertEquals(at("fw.nft:2:9: include: " + dir.resolve("passwd") + " is not an nftables ruleset: it does"
                + " not start with an nft keyword such as 'table', 'chain' or 'flush'"), badInput());
    }

    @Test
    void anIncludedFileThatIsNotUtf8IsLocated() throws Exception {
        Files.write(dir.resolve("part.nft"), Fixture.bytes("table ip filter {\n  # caf", 0xE9, "\n}\n"));
        Files.writeString(dir.resolve("fw.nft"), "flush ruleset\ninclude \"part.nft\"\n");
        assertEquals(at(dir.resolve("part.nft") + ":2:8: byte 0xE9 is not valid UTF-8: save the file as UTF-8"),
                badInput());
    }

    @Test
    void partsIncludedInsideATableAreRead() throws Exception {
        final Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(parts.resolve("a.nft"), "chain extra {\n  tcp dport 22 accept\n}\n");
        Files.writeString(parts.resolve("b.nft"), "# nothing yet\n");
        Files.createDirectories(parts.resolve("folder.nft"));
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n  include \"parts/*.nft\"\n}\n");
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] v = Cli.execute("validate", scenario.toString());
        assertEquals("0", v[0], v[2]);
    }

    /** The last line of {@code ftpsim trace} for a SYN from the client to the server's port {@code port}. */
    private String trace(final int port) throws Exception {
        return HostileCorpus.lastTraceLine(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"), port);
    }

    @Test
    void aGlobInAFolderPartLoadsEveryMatchInTheOrderOfTheWholePaths() throws Exception {
        // glob(3) sorts whole paths: parts/a-b/x.nft before parts/a/x.nft ('-' before '/'); a hidden folder
        // is not matched by '*'; a folder named x.nft is passed over (checked with nft 1.0.6)
        for (final String[] f : new String[][] {{"a", "21 accept"}, {"a-b", "21 drop"}, {".old", "22 drop"}}) {
            Files.writeString(Files.createDirectories(dir.resolve("parts").resolve(f[0])).resolve("x.nft"),
                    "add rule inet filter forward tcp dport " + f[1] + "\n");
        }
        Files.createDirectories(dir.resolve("parts/c/x.nft"));
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n  chain forward {\n    type filter hook forward"
                + " priority filter; policy accept;\n  }\n}\ninclude \"parts/*/x.nft\"\n");
        assertTrue(trace(21).startsWith("dropped by fw"), trace(21));
        assertTrue(trace(22).startsWith("delivered to server"), trace(22));
    }

    @Test
    void braceBackslashAndAnUnclosedBracketArePlainCharactersAsInNft() throws Exception {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/{a,b}.nft"), "add rule inet filter forward tcp dport 21 drop\n");
        Files.writeString(dir.resolve("parts/a.nft"), "add rule inet filter forward tcp dport 22 drop\n");
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n  chain forward {\n    type filter hook forward"
                + " priority filter; policy accept;\n  }\n}\ninclude \"parts/{a,b}.n?t\"\ninclude \"parts/x[\"\n"
                + "include \"nowhere/*/x.nft\"\ninclude \"parts/\\*\"\n");
        assertTrue(trace(21).startsWith("dropped by fw"), trace(21));
        assertTrue(trace(22).startsWith("delivered to server"), trace(22));
    }

    @Test
    void aFolderTheGlobCannotReadIsPassedOverAsGlobDoes() throws Exception {
        // listing another process's map_files is refused: glob(3) passes over it; this was an internal error (exit 3)
        Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n}\ninclude \"/proc/1/map_files/*.nft\"\n");
        final String[] v = Cli.execute("validate", Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n")
                .toString());
        assertEquals("0", v[0], v[2]);
    }
}
