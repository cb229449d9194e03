package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed -9 while it replaced a file leaves that file's hidden temporary copy
 * ({@code .<name>.tmp}); the next sweep of the folder deletes the temporary files of a sweep's
 * files, and nothing else.
 */
class AKilledSweepsTempFilesGoWithTheNextSweepTest {
    @TempDir
    Path tmp;

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theNextSweepDeletesThemAndKeepsOthers() throws Exception {
        final SweepSpec spec = new SweepSpec(FakeSimulation.grid(), 2, 5L);
        final SweepOptions opts = new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false);
        Sweep.run(spec, new FakeSimulation(), opts);
        final List<String> finished = names();
        // What kills during atomic replacements left: a plot no longer drawn, the header (written
        // only by a fresh sweep), the journal's sort, the tables.
        for (final String n : List.of(".plot-old_metric.svg.tmp", ".plot-old_metric.png.tmp", ".sweep.json.tmp",
                ".points.jsonl.tmp", ".results.csv.tmp", ".runs.csv.tmp")) {
            Files.writeString(tmp.resolve(n), "cut");
        }
        // Not a sweep's: someone's own hidden files stay.
        Files.writeString(tmp.resolve(".notes.tmp"), "mine");
        Files.writeString(tmp.resolve(".plot-x.svg.tmp.keep"), "mine");
        Files.createDirectory(tmp.resolve(".results.csv.tmp.d"));
        final SweepResult r = Sweep.run(spec, new FakeSimulation(), opts);
        assertEquals(spec.points().size(), r.pointsResumed());
        final List<String> expected = new java.util.ArrayList<>(finished);
        expected.addAll(List.of(".notes.tmp", ".plot-x.svg.tmp.keep", ".results.csv.tmp.d"));
        assertEquals(expected.stream().sorted().toList(), names());
    }

    @Test
    void aFolderWithoutAJournalKeepsItsHiddenFiles() throws Exception {
        // No sweep wrote here (a sweep's first file is its journal): these are someone else's.
        Files.writeString(tmp.resolve(".plot-mine.svg.tmp"), "mine");
        Sweep.run(new SweepSpec(FakeSimulation.grid(), 2, 5L), new FakeSimulation(),
                new SweepOptions(tmp, 1, SweepOptions.Progress.OFF, false));
        assertEquals("mine", Files.readString(tmp.resolve(".plot-mine.svg.tmp")));
    }
}
