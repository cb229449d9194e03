package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim run FILE} and {@code validate FILE} read the scenario on another thread while the
 * command line is built ({@link Warmup}): the verdict, the files written, the errors of a bad
 * file and the exit codes are those of a command that reads it itself, and a command that reads
 * another file than the one guessed gets that file.
 */
class AScenarioReadBesideTheCommandLineGivesTheSameAnswerTest {
    private static final String EXAMPLE = "../examples/passive-client-fw.yaml";

    @Test
    void aRunWritesTheSameFilesAndPrintsTheSameVerdict(@TempDir final Path tmp) throws Exception {
        final List<String> alone = printed(false, "run", EXAMPLE, "--out", tmp.resolve("alone").toString(), "--no-progress");
        final List<String> beside = printed(true, "run", EXAMPLE, "--out", tmp.resolve("beside").toString(), "--no-progress");
        assertEquals(alone.subList(0, 1), beside.subList(0, 1));
        assertEquals(verdict(alone.get(1)), verdict(beside.get(1)));
        try (var files = Files.list(tmp.resolve("alone"))) {
            for (final Path f : files.toList()) {
                final String name = f.getFileName().toString();
                if (!name.equals("report.html")) { // the report names its folder
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("beside").resolve(name)), name);
                }
            }
        }
    }

    @Test
    void aBadFileGetsTheSameErrorsAndExitCode(@TempDir final Path tmp) throws Exception {
        final Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "hosts:\n  a: {ip: 10.0.0.1/24\n");
        final Path unknownKey = tmp.resolve("unknown-key.yaml");
        Files.writeString(unknownKey, Files.readString(Path.of(EXAMPLE)) + "\nbogus: 1\n");
        for (final Path f : List.of(bad, unknownKey)) {
            for (final String[] args : List.of(new String[] {"run", f.toString(), "--out", tmp.resolve("x").toString()},
                    new String[] {"validate", f.toString()}, new String[] {"validate", "--json", f.toString()})) {
                final List<String> alone = printed(false, args);
                assertEquals("2", alone.get(0), String.join(" ", args));
                assertEquals(alone, printed(true, args), String.join(" ", args));
            }
            assertEquals(false, Files.exists(tmp.resolve("x")), "nothing written");
        }
    }

    @Test
    void anotherFileThanTheOneGuessedIsReadItself(@TempDir final Path tmp) throws Exception {
        final Path other = tmp.resolve("other.yaml");
        Files.writeString(other, Files.readString(Path.of("../examples/active-client-fw.yaml")));
        Warmup.start(new String[] {"validate", EXAMPLE});
        assertEquals("active-client-fw", Warmup.load(other).name());
        assertEquals("passive-client-fw", Warmup.load(Path.of(EXAMPLE)).name());
    }

    /** The verdict without the line that gives the wall time. */
    private static String verdict(final String out) {
        return out.replaceAll("in [0-9.]+ s of wall time", "").replaceAll("Results in .*", "");
    }

    private static List<String> printed(final boolean warm, final String... args) {
        if (warm) {
            Warmup.start(args);
        }
        final Cli r = Cli.run(args);
        return List.of(String.valueOf(r.exit()), r.out(), r.err());
    }
}
