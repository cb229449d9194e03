package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers finish in any order and the plots are drawn by several threads at once, yet every file
 * a sweep writes (journal, results, plots) is the same bytes with one thread and with four.
 */
class ASweepWritesTheSameFilesWithAnyThreadCountTest {
    @TempDir
    Path tmp;

    @Test
    void oneThreadAndFourThreadsWriteByteIdenticalFiles() throws Exception {
        final var spec = new SweepSpec(FakeSimulation.grid(), 5, 11L);
        final SweepResult one = Sweep.run(spec, new FakeSimulation(),
                new SweepOptions(tmp.resolve("one"), 1, SweepOptions.Progress.OFF, true));
        final SweepResult four = Sweep.run(spec, new FakeSimulation(),
                new SweepOptions(tmp.resolve("four"), 4, SweepOptions.Progress.OFF, true));
        assertEquals(one.plots().stream().map(Path::getFileName).toList(),
                four.plots().stream().map(Path::getFileName).toList(), "the same plots, in the same order");
        final List<String> names = files(tmp.resolve("one"));
        assertEquals(names, files(tmp.resolve("four")));
        assertEquals(List.of("plot-p50_latency_s.png", "plot-p50_latency_s.svg", "plot-success_rate.png",
                "plot-success_rate.svg", "plot-throughput_mbps.png", "plot-throughput_mbps.svg", "points.jsonl",
                "results.csv", "runs.csv", "sweep.json"), names);
        for (final String n : names) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(n)),
                    Files.readAllBytes(tmp.resolve("four").resolve(n)), n);
        }
    }

    private static List<String> files(final Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
