package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ftpsim} launcher's class-data archive holds the classes of a small sweep as well
 * as a run's, so that a sweep's start maps them instead of reading them from the jar: its {@code
 * train_archive}, called from bash with a stand-in {@code java} first on the PATH that writes a
 * class list per process (as {@code -XX:DumpLoadedClassList} does) and, for {@code -Xshare:dump},
 * copies the list it is given to the archive, so the archive shows what the dump was fed.
 */
class TheLauncherTrainsItsClassArchiveOnASweepTooTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A java that lists its own classes: the run's and the sweep's share two lines, one a lambda proxy. */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            list=""; in=""; out=""; cmd=""
            for a in "$@"; do
                case "$a" in
                    -XX:DumpLoadedClassList=*) list="${a#*=}" ;;
                    -XX:SharedClassListFile=*) in="${a#*=}" ;;
                    -XX:SharedArchiveFile=*) out="${a#*=}" ;;
                    run | sweep) [ -n "$cmd" ] || cmd="$a" ;;
                    *.yaml) [ "$cmd" != sweep ] || cp "$a" "$FAKE_DIR/training-sweep.yaml" ;;
                esac
            done
            if [ "$cmd" = sweep ] && [ -n "${FAKE_SWEEP_FAILS:-}" ]; then exit 1; fi
            if [ -n "$list" ]; then
                if [ "$cmd" = sweep ]; then
                    printf 'java/lang/Object\\ndev/ftpsim/sweep/Sweep\\n@lambda-proxy java/lang/Runnable run\\n'
                else
                    printf 'java/lang/Object\\ndev/ftpsim/cli/RunCommand\\n@lambda-proxy java/lang/Runnable run\\n'
                fi > "$list"
            fi
            [ -z "$out" ] || cp "$in" "$out"
            """;

    @Test
    void theArchiveHoldsTheRunsClassesThenTheSweepsEachLineOnce(@TempDir final Path tmp) throws Exception {
        final Path archive = train(tmp, false);
        assertEquals(List.of("java/lang/Object", "dev/ftpsim/cli/RunCommand", "@lambda-proxy java/lang/Runnable run",
                "dev/ftpsim/sweep/Sweep"), Files.readAllLines(archive));
    }

    @Test
    void theTrainingSweepIsTheExampleWithTwoReplicationsOfOneSession(@TempDir final Path tmp) throws Exception {
        train(tmp, false);
        final String example = Files.readString(ROOT.resolve("examples/sweep-mode-x-loss.yaml"));
        final String training = Files.readString(tmp.resolve("training-sweep.yaml"));
        assertTrue(training.contains("\n  replications: 2\n"), training);
        assertTrue(training.contains("sessions: 1, arrivals"), training);
        // the same grid: only those two lines differ from the example
        assertEquals(example.lines().count(), training.lines().count());
        assertEquals(2, example.lines().filter(l -> !training.lines().toList().contains(l)).count());
    }

    @Test
    void aFailedTrainingSweepLeavesTheRunsClassesArchived(@TempDir final Path tmp) throws Exception {
        final Path archive = train(tmp, true);
        assertEquals(List.of("java/lang/Object", "dev/ftpsim/cli/RunCommand", "@lambda-proxy java/lang/Runnable run"),
                Files.readAllLines(archive));
        assertFalse(Files.readString(archive).contains("sweep"));
    }

    /** Runs the launcher's training with the stand-in java; returns the archive it wrote. */
    private static Path train(final Path tmp, final boolean sweepFails) throws Exception {
        final Path bin = Files.createDirectories(tmp.resolve("bin"));
        final Path java = bin.resolve("java");
        Files.writeString(java, FAKE_JAVA);
        assertTrue(java.toFile().setExecutable(true));
        final Path archive = tmp.resolve("ftpsim.jsa");
        final ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "eval \"$(sed -n '/^train_archive()/,/^}/p' ftpsim)\"; here=\"$PWD\"; jar=ftpsim.jar;"
                        + " train_archive \"$1\"", "train", archive.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_DIR", tmp.toString());
        if (sweepFails) {
            pb.environment().put("FAKE_SWEEP_FAILS", "1");
        }
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "training did not end");
        assertEquals(0, p.exitValue(), out);
        return archive;
    }
}
