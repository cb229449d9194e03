package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code nft} path may lead outside the scenario's folder, but when the file there is not a
 * ruleset at all the error says so without quoting a word of it (it may be a password file).
 */
class ForeignFilesAreNotEchoedTest {
    private static final String FW = NET + "firewall:\n  fw:\n"; // nft on line 11, column 10

    @Test
    void aFileThatIsNotARulesetIsNamedButNotQuoted(@TempDir final Path dir) throws IOException {
        final Path other = Files.createDirectories(dir.resolve("elsewhere")).resolve("passwd");
        Files.writeString(other, "root:x:0:0:secret-hash:/root:/bin/bash\ndaemon:x:1:1::/:/usr/sbin/nologin\n");
        final Path scenarioDir = Files.createDirectories(dir.resolve("scenarios"));
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: ../elsewhere/passwd:1:1: not an nftables ruleset: a"
                + " ruleset starts with an nft command such as 'table' or 'flush ruleset', and this file does not"),
                errors(FW + "    nft: ../elsewhere/passwd\n", "t.yaml", scenarioDir));
    }

    @Test
    void etcPasswdIsNotPrinted(@TempDir final Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")));
        final String firstLine = Files.readAllLines(Path.of("/etc/passwd")).get(0);
        final List<String> e = errors(FW + "    nft: /etc/passwd\n", "t.yaml", dir);
        assertEquals(1, e.size());
        org.junit.jupiter.api.Assertions.assertTrue(e.get(0).startsWith("t.yaml:11:10: firewall.fw.nft: /etc/passwd:"),
                e.get(0));
        org.junit.jupiter.api.Assertions.assertFalse(e.get(0).contains(firstLine.split(":")[0] + ":"), e.get(0));
    }

    @Test
    void aRulesetOutsideTheFolderIsRead(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("fw.nft"), "table ip filter {\n}\n");
        final Path scenarioDir = Files.createDirectories(dir.resolve("scenarios"));
        assertEquals(List.of(), errors(FW + "    nft: ../fw.nft\n", "t.yaml", scenarioDir));
    }

    @Test
    void aBinaryFileIsReportedWithoutItsBytes(@TempDir final Path dir) throws IOException {
        Files.write(dir.resolve("blob.nft"), new byte[] {'t', 'a', 'b', 'l', 'e', ' ', (byte) 0xFF, (byte) 0xD8});
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: blob.nft:1:7: byte 0xFF is not valid UTF-8: save the"
                + " file as UTF-8"), errors(FW + "    nft: blob.nft\n", "t.yaml", dir));
    }

    @Test
    void aLongTokenInARulesetIsNotEchoedInFull(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("fw.nft"), "table " + "x".repeat(3_000_000) + " t {\n}\n");
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: fw.nft:1:3000010: expected table name at '{'"),
                errors(FW + "    nft: fw.nft\n", "t.yaml", dir));
    }
}
