package dev.ftpsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SparkSweepRefusesABadScenarioBeforeStartingSparkTest {
    @TempDir
    Path tmp;

    @Test
    void anErrorNamesFileLineAndKeyExitsTwoAndWritesNothing() throws Exception {
        final Path file = Files.writeString(tmp.resolve("bad.yaml"), "name: bad\nstop: soon\n");
        final String err = run(file);
        assertTrue(err.contains("bad.yaml:2:"), err);
        assertTrue(err.contains("stop"), err);
    }

    @Test
    void aScenarioWithoutASweepBlockIsRefused() throws Exception {
        final Path sweep = SparkTests.tinySweep(tmp.resolve("in"));
        final Path file = Files.writeString(sweep.resolveSibling("single.yaml"),
                Files.readString(sweep).replaceAll("(?s)\nsweep:.*", "\n"));
        final String err = run(file);
        assertTrue(err.contains("no sweep block"), err);
    }

    /** Runs SparkSweep on {@code file}; asserts exit 2 and no output folder; returns stderr. */
    private String run(final Path file) {
        final PrintStream saved = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new SparkSweep()).execute(file.toString(), "--out", tmp.resolve("out").toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
        return err.toString(StandardCharsets.UTF_8);
    }
}
