package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file, or an nftables file it names, that is a folder, a FIFO or a device is refused
 * before it is opened (a FIFO would block, /dev/zero never ends); a file above the size limit is
 * refused before it is read. Each at 1:1 of the scenario, or at the scenario's {@code nft} key.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OnlyRegularFilesOfBoundedSizeAreReadTest {
    private static final String FW = NET + "firewall:\n  fw:\n"; // nft on line 11, column 10

    static List<String> loadErrors(final Path f) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f)).errors().stream()
                .map(ScenarioError::toString).toList();
    }

    static Path fifo(final Path dir, final String name) throws IOException, InterruptedException {
        final Path p = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor());
        return p;
    }

    @Test
    void aFolderIsNotAScenario(@TempDir final Path dir) {
        assertEquals(List.of(dir + ":1:1: is a folder: expected a scenario file (YAML or JSON)"), loadErrors(dir));
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter(@TempDir final Path dir) throws Exception {
        final Path f = fifo(dir, "s.yaml");
        assertEquals(List.of(f + ":1:1: is not a regular file (a FIFO, device or socket): expected a scenario file"
                + " (YAML or JSON)"), loadErrors(f));
    }

    @Test
    void devZeroIsNotReadForever() {
        assertEquals(List.of("/dev/zero:1:1: is not a regular file (a FIFO, device or socket): expected a scenario"
                + " file (YAML or JSON)"), loadErrors(Path.of("/dev/zero")));
    }

    @Test
    void aLinkToADeviceIsRefusedLikeTheDevice(@TempDir final Path dir) throws IOException {
        final Path link = Files.createSymbolicLink(dir.resolve("s.yaml"), Path.of("/dev/urandom"));
        assertTrue(loadErrors(link).get(0).startsWith(link + ":1:1: is not a regular file"));
    }

    @Test
    void aScenarioAboveOneMebibyteIsRefusedUnread(@TempDir final Path dir) throws IOException {
        final Path f = dir.resolve("big.yaml");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(1L << 30); // sparse: 1 GiB of zeros that the loader must not read
        }
        assertEquals(List.of(f + ":1:1: the file has 1073741824 bytes: a scenario file (YAML or JSON) may have at"
                + " most 1048576 bytes (1 MiB)"), loadErrors(f));
    }

    @Test
    void aScenarioOfExactlyTheLimitIsRead(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("padded.yaml");
        final String text = NET + "#";
        Files.writeString(f, text + "x".repeat(TextFile.MAX_SCENARIO_BYTES - text.length()));
        assertEquals(TextFile.MAX_SCENARIO_BYTES, Files.size(f));
        final Scenario s = ScenarioLoader.load(f);
        assertEquals(3, s.hosts().size() + s.routers().size());
    }

    @Test
    void anNftPathThatIsAFolderAFifoOrADeviceIsRefusedAtTheNftKey(@TempDir final Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        fifo(dir, "pipe.nft");
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: cannot read rules: is a folder: expected an nftables"
                + " ruleset file"), errors(FW + "    nft: rules\n", "t.yaml", dir));
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: cannot read pipe.nft: is not a regular file (a FIFO,"
                + " device or socket): expected an nftables ruleset file"), errors(FW + "    nft: pipe.nft\n", "t.yaml",
                dir));
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: cannot read /dev/zero: is not a regular file (a FIFO,"
                + " device or socket): expected an nftables ruleset file"), errors(FW + "    nft: /dev/zero\n", "t.yaml",
                dir));
    }

    @Test
    void aRulesetAboveFourMebibytesIsRefusedUnread(@TempDir final Path dir) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(dir.resolve("huge.nft").toFile(), "rw")) {
            r.setLength(TextFile.MAX_RULESET_BYTES + 1L);
        }
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: cannot read huge.nft: the file has 4194305 bytes: an"
                + " nftables ruleset file may have at most 4194304 bytes (4 MiB)"),
                errors(FW + "    nft: huge.nft\n", "t.yaml", dir));
    }
}
