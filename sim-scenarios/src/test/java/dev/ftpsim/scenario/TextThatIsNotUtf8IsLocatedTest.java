package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.bytes;
import static dev.ftpsim.scenario.OnlyRegularFilesOfBoundedSizeAreReadTest.loadErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario files are UTF-8. Invalid UTF-8 and control characters are reported at their line and
 * column; UTF-16 and UTF-32 files, with or without a byte order mark, get a hint at 1:1. A UTF-8
 * byte order mark is fine.
 */
class TextThatIsNotUtf8IsLocatedTest {
    @TempDir
    Path dir;

    private List<String> errorsOf(final byte[] bytes) throws IOException {
        final Path f = dir.resolve("s.yaml");
        Files.write(f, bytes);
        return loadErrors(f).stream().map(e -> e.substring(dir.toString().length() + 1)).toList();
    }

    @Test
    void anInvalidByteIsReportedAtItsLineAndColumn() throws IOException {
        assertEquals(List.of("s.yaml:3:12: byte 0xE9 is not valid UTF-8: save the file as UTF-8"),
                errorsOf(bytes("hosts:\n  client: { address: 198.51.100.10/24 }\n  server: {", 0xE9, "}\n")));
    }

    @Test
    void aTruncatedCharacterAtTheEndIsReported() throws IOException {
        assertEquals(List.of("s.yaml:1:7: byte 0xE2 is not valid UTF-8: save the file as UTF-8"),
                errorsOf(bytes("name: ", 0xE2, 0x82)));
    }

    @Test
    void aNulByteIsReportedAtItsPosition() throws IOException {
        assertEquals(List.of("s.yaml:2:9: control character U+0000 is not allowed: the file must be text"),
                errorsOf(bytes("seed: 1\nname: ab", 0, "c\n")));
    }

    @Test
    void utf16AndUtf32FilesGetAHint() throws IOException {
        final String text = NET;
        for (final String cs : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            final String kind = cs.substring(0, 6);
            final byte[] plain = text.getBytes(Charset.forName(cs));
            final byte[] bom = ("\uFEFF" + text).getBytes(Charset.forName(cs));
            assertEquals(List.of("s.yaml:1:1: the file is " + kind + " text: save it as UTF-8"), errorsOf(plain), cs);
            assertEquals(List.of("s.yaml:1:1: the file is " + kind + " text: save it as UTF-8"), errorsOf(bom),
                    cs + " with BOM");
        }
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        final Path f = dir.resolve("bom.yaml");
        Files.write(f, bytes(0xEF, 0xBB, 0xBF, NET));
        assertEquals(2, ScenarioLoader.load(f).hosts().size());
    }
}
