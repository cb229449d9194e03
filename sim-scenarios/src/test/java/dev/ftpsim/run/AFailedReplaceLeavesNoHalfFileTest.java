package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replace that fails after its temporary file was written (a full disk, a rename refused) leaves
 * the folder as it was: no {@code .name.tmp} beside the target, which a sweep's folder would
 * otherwise keep as a half file.
 */
class AFailedReplaceLeavesNoHalfFileTest {
    @TempDir
    Path tmp;

    @Test
    void aRefusedRenameLeavesTheFolderAsItWas() throws Exception {
        // A folder with a file in it cannot be replaced by a file: the rename fails.
        Files.writeString(Files.createDirectories(tmp.resolve("results.csv")).resolve("mine.txt"), "kept\n");
        assertThrows(IOException.class, () -> AtomicFiles.replace(tmp.resolve("results.csv"), "point,x\n"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("results.csv"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("kept\n", Files.readString(tmp.resolve("results.csv/mine.txt")));
    }
}
