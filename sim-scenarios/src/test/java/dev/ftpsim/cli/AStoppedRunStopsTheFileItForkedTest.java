package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim run a.yaml b.yaml} runs its longest file in a child JVM. A SIGTERM to the run (a
 * process manager's stop, {@code kill PID}) ended the parent, whose staged folders its hooks
 * delete, but not the child: it ran on and put that file's results in place after the run was
 * stopped, and its output's temporary files stayed in the temp folder. The parent now stops its
 * child on the way out: the folder of the stopped file is not written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AStoppedRunStopsTheFileItForkedTest {
    @TempDir
    Path tmp;

    private static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            ftp:
              server: { host: server, files: { /f: 1KB } }
              clients:
            """;

    /** The name of the child's staging folder in {@code out}, or null while there is none. */
    private static String childStaging(final Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".long.tmp-")).findFirst()
                    .orElse(null);
        }
    }

    @Test
    void aSigtermToTheRunLeavesTheForkedFilesFolderUnwritten() throws Exception {
        final Path small = Files.writeString(tmp.resolve("small.yaml"), "name: small\nstop: 20s\n" + NET
                + "    - { host: client, server: 203.0.113.10, mode: passive }\n");
        // some seconds of simulation in the child: the SIGTERM comes long before its end
        final Path big = Files.writeString(tmp.resolve("long.yaml"), "name: long\nstop: 60s\n" + NET
                + "    - { host: client, server: 203.0.113.10, mode: passive, sessions: 20000, arrivals: uniform 0-30s }\n");
        final Path out = Files.createDirectories(tmp.resolve("out"));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process run;
        String staging = null;
        try (WatchService watch = out.getFileSystem().newWatchService()) {
            out.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            run = new ProcessBuilder(java.toString(), "-Dftpsim.fork=always", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", small.toString(), big.toString(), "--out", out.toString(),
                    "--no-progress", "--no-explain", "--threads", "2")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile()).start();
            // The child's run is under way once its staging folder is there.
            while (run.isAlive() && (staging = childStaging(out)) == null) {
                final WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        assertTrue(staging != null, "the long file never started in a child: " + Files.readString(tmp.resolve("run.log")));
        final long child = Long.parseLong(staging.substring(".long.tmp-".length()));
        final var childHandle = ProcessHandle.of(child);
        run.destroy(); // SIGTERM
        run.waitFor();
        childHandle.ifPresent(h -> h.onExit().join());
        assertFalse(Files.exists(out.resolve("long")), "the stopped run's child wrote its results: "
                + List.of(out.toFile().list()));
        assertFalse(Files.exists(out.resolve(staging)), "the child's staged folder stayed");
    }
}
