package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by a signal (Ctrl-C, SIGTERM) in the middle of writing captures leaves the output
 * folder as the previous run left it: no cut pcap, no mix, and nothing staged left behind.
 */
class ACtrlCLeavesNoCutFileTest {
    @TempDir
    Path tmp;

    private static Map<String, byte[]> files(final Path dir) throws Exception {
        final Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (final Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @Test
    void aRunStoppedBySigtermLeavesThePreviousResultsWhole() throws Exception {
        final Path out = tmp.resolve("out");
        final Path scenario = Cli.example(tmp, "passive-stateful-server-fw-helper", "stop: 120s", "stop: 100000s",
                "/pub/file.bin: 1MB", "/pub/file.bin: 20GB");
        assertEquals(0, Cli.run("run", "../examples/passive-stateful-server-fw-helper.yaml", "--no-progress", "--pcap",
                "--out", out.toString()).exit());
        final Map<String, byte[]> before = files(out);

        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenario.toString(), "--no-progress", "--pcap", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            // Wait (generously: the machine may be busy) until the child has written more than the
            // previous run's captures hold.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (capturedBytes() < 5_000_000 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), () -> "child exited early: " + read(tmp.resolve("child.log")));
            assertTrue(capturedBytes() >= 5_000_000, "the child writes its pcaps");
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly().waitFor();
        }
        final Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out.tmp")).toList(),
                    "the interrupted run's staged files are removed");
        }
    }

    /** Bytes of pcap the child has written so far, wherever it writes them. */
    private long capturedBytes() throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            long n = 0;
            for (final Path p : s.filter(p -> p.toString().endsWith(".pcapng")).toList()) {
                try {
                    n = Math.max(n, Files.size(p));
                } catch (final java.nio.file.NoSuchFileException e) {
                    // Renamed or removed meanwhile.
                }
            }
            return n;
        } catch (final java.io.UncheckedIOException e) {
            return 0; // a folder vanished while walking
        }
    }

    private static String read(final Path f) {
        try {
            return Files.readString(f);
        } catch (final Exception e) {
            return e.toString();
        }
    }
}
