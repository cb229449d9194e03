package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's {@code report.html} is made from the folder's {@code results.csv} and plots, so it is
 * written while the sweep still holds the folder: another sweep into it is refused until the page
 * is in place. The page used to be written after the locks were released, where a second sweep
 * could replace the results under it and the page show that sweep's numbers beside this scenario.
 */
class ASweepWritesItsPageWhileItHoldsItsFolderTest {
    @Test
    @Timeout(120) // a sweep that never reads the pipe would leave this test waiting to open it
    void anotherSweepIsRefusedWhileThePageIsWritten(@TempDir final Path tmp) throws Exception {
        final String base = Files.readString(Path.of("..", "examples", "passive-stateful-server-fw.yaml"))
                .replace("stop: 300s", "stop: 30s");
        final Path first = Files.writeString(tmp.resolve("first.yaml"), base
                + "sweep:\n  replications: 1\n  vary:\n    ftp.clients[0].mode: [active, passive]\n");
        final Path second = Files.writeString(tmp.resolve("second.yaml"), base
                + "sweep:\n  replications: 1\n  vary:\n    ftp.clients[0].mode: [epsv]\n");
        final Path out = Files.createDirectories(tmp.resolve("out"));
        // The page reads the folder's explain.md: as a named pipe it holds the page's writing until
        // this test writes into it.
        final Path explain = out.resolve("explain.md");
        assertEquals(0, new ProcessBuilder("mkfifo", explain.toString()).inheritIO().start().waitFor());

        final CompletableFuture<Cli> sweep = CompletableFuture.supplyAsync(() -> Cli.run("sweep", first.toString(),
                "--out", out.toString(), "--no-progress", "--threads", "1"));
        final Cli other;
        try (FileOutputStream pipe = new FileOutputStream(explain.toFile())) { // opens once the page reads it
            other = Cli.run("sweep", second.toString(), "--out", out.toString(), "--no-progress");
            pipe.write("the first sweep's explanation\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(Main.EXIT_BAD_INPUT, other.exit(), other.out());
        assertTrue(other.err().contains("is in use by another running"), other.err());

        final Cli done = sweep.get();
        assertEquals(0, done.exit(), done.err());
        final String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("the first sweep&#39;s explanation") || page.contains("the first sweep's explanation"),
                page);
        assertTrue(page.contains("ftp.clients[0].mode=passive"), "the first sweep's points: " + page);
        assertTrue(Files.readString(out.resolve("results.csv")).contains("ftp.clients[0].mode=passive"));
    }
}
