package dev.ftpsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files shipped to the executors are the bytes the driver's loader parsed, the bytes the
 * journal's digest is of: a ruleset edited after the load is not shipped in its new form, so the
 * executors never simulate other bytes than the digest describes.
 */
class TheBundleShipsTheBytesTheDriverLoadedTest {
    @TempDir
    Path tmp;

    private static Map<String, String> text(final ScenarioBundle b) {
        final Map<String, String> m = new TreeMap<>();
        b.files().forEach((k, v) -> m.put(k, new String(v, StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    void aFileEditedAfterTheLoadIsShippedAsLoaded() throws Exception {
        final Path file = SparkTests.tinySweep(tmp.resolve("in"));
        final Path ruleset = tmp.resolve("in/nft/server-fw.nft");
        final Map<String, String> loadedText = Map.of("sweep/tiny-sweep.yaml", Files.readString(file),
                "nft/server-fw.nft", Files.readString(ruleset));
        final SourceFiles read = new SourceFiles();
        final Scenario s = ScenarioLoader.load(file, read);
        Files.writeString(ruleset, Files.readString(ruleset) + "# edited after the load\n");
        Files.writeString(file, Files.readString(file) + "# edited after the load\n");

        assertEquals(loadedText, text(ScenarioBundle.read(file, s, read)));
        assertEquals(Map.of("sweep/tiny-sweep.yaml", loadedText.get("sweep/tiny-sweep.yaml") + "# edited after the load\n",
                "nft/server-fw.nft", loadedText.get("nft/server-fw.nft") + "# edited after the load\n"),
                text(ScenarioBundle.read(file, s, null)), "read again, the files are the edited ones");
    }
}
