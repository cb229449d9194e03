package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's journal is keyed by the digest of the bytes the loader parsed, not of the files read
 * again after the load: a file edited in between (the scenario, a ruleset, a file it includes, a
 * file a glob include now matches) does not change the digest of the loaded scenario, so results
 * of the old bytes are never labelled with the new bytes' digest. Each file's own digest is the
 * SHA-256 of its loaded bytes (what sha256sum prints).
 */
class TheDigestIsOfTheBytesTheLoaderParsedTest {
    @TempDir
    Path tmp;

    private static String sha256(final byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void editsAfterTheLoadDoNotChangeTheLoadedScenariosDigest() throws Exception {
        final Path nft = Files.createDirectories(tmp.resolve("nft"));
        final String text = Files.readString(Path.of("..", "examples", "nft", "server-fw.nft"));
        final int forward = text.indexOf("\tchain forward {");
        final int end = text.indexOf("\t}\n", forward) + 3;
        Files.createDirectories(nft.resolve("d"));
        Files.writeString(nft.resolve("d/forward.nft"), "table inet filter {\n" + text.substring(forward, end) + "}\n");
        final Path ruleset = Files.writeString(nft.resolve("server-fw.nft"),
                text.substring(0, forward) + text.substring(end) + "include \"d/*.nft\"\n");
        final Path file = Files.writeString(tmp.resolve("s.yaml"), Files.readString(Path.of("..", "examples",
                "nft-ruleset.yaml")).replace("record:", "sweep:\n  replications: 1\n  vary:\n"
                + "    ftp.clients[0].mode: [passive, epsv]\nrecord:"));
        final Map<Path, byte[]> before = Map.of(file, Files.readAllBytes(file), ruleset, Files.readAllBytes(ruleset),
                nft.resolve("d/forward.nft"), Files.readAllBytes(nft.resolve("d/forward.nft")));

        final SourceFiles read = new SourceFiles();
        final Scenario s = ScenarioLoader.load(file, read);
        final ScenarioInputs.Digest loaded = ScenarioSweep.inputs(file, s, "v", read);
        assertEquals(ScenarioInputs.sha256(file, ScenarioSweep.withPoints(s), "v"), loaded.combined(),
                "unchanged files: the loaded bytes' digest is the files' digest");

        // Every input edited on disk after the load, and a file the glob matches added.
        Files.writeString(file, Files.readString(file) + "# edited\n");
        Files.writeString(ruleset, Files.readString(ruleset) + "# edited\n");
        Files.writeString(nft.resolve("d/forward.nft"), "table inet filter {\n}\n");
        Files.writeString(nft.resolve("d/more.nft"), "table inet filter {\n}\n");

        final ScenarioInputs.Digest after = ScenarioSweep.inputs(file, s, "v", read);
        assertEquals(loaded, after);
        assertNotEquals(loaded.combined(), ScenarioInputs.sha256(file, ScenarioSweep.withPoints(s), "v"),
                "the files read again are other bytes");
        assertEquals(sha256(before.get(file)), after.parts().scenario());
        assertEquals(Map.of("nft/server-fw.nft", sha256(before.get(ruleset)),
                "nft/d/forward.nft", sha256(before.get(nft.resolve("d/forward.nft")))), after.parts().files());
        // The loader handed the parser exactly these bytes: the ones recorded.
        for (final var e : before.entrySet()) {
            assertEquals(HexFormat.of().formatHex(e.getValue()), HexFormat.of().formatHex(read.get(e.getKey())),
                    e.getKey().toString());
        }
        assertEquals(List.of(nft.resolve("d/forward.nft").toAbsolutePath().normalize()), List.copyOf(read.included()));
    }
}
