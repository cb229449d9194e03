package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeveralFilesRunInOneProcessTest {
    private static final String OK = "../examples/passive-stateful-server-fw-helper.yaml";
    private static final String FAILS = "../examples/passive-stateful-server-fw.yaml";

    @TempDir
    Path tmp;

    @Test
    void eachFileGetsItsFolderAndARowAndABadFileDoesNotCostTheOthers() throws Exception {
        final Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: broken\nhots: {}\n");
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", OK, bad.toString(), FAILS, "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), "the worst of the files: one was bad input");
        assertTrue(r.err().contains(bad + ":2:1: hots: unknown key 'hots'"), r.err());
        for (final String name : List.of("passive-stateful-server-fw-helper", "passive-stateful-server-fw")) {
            assertTrue(Files.exists(out.resolve(name).resolve("summary.json")), name);
        }
        final List<String> table = r.out().lines().dropWhile(l -> !l.startsWith("file ")).toList();
        assertEquals(2 + 3, table.size(), r.out());
        assertTrue(table.get(2).matches(".*passive-stateful-server-fw-helper\\.yaml +passive-stateful-server-fw-helper +1 +1 +ok .*"),
                table.get(2));
        assertTrue(table.get(3).matches(".*bad\\.yaml +- +- +- +invalid \\(errors above\\) +-"), table.get(3));
        assertTrue(table.get(4).matches(".* +1 +0 +failed 1: data connect timed out 1 +.*passive-stateful-server-fw"),
                table.get(4));
    }

    @Test
    void withJsonTheFilesAreOneDocumentOnStdout() throws Exception {
        final Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: broken\nhots: {}\n");
        final Cli r = Cli.run("run", OK, bad.toString(), FAILS, "--out", tmp.resolve("j").toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        final com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out());
        assertEquals(3, doc.get("runs").size(), r.out());
        assertEquals(1, doc.get("runs").get(0).get("run").get("summary").get("succeeded").asInt());
        assertEquals("invalid (errors above)", doc.get("runs").get(1).get("problem").asText());
        assertEquals(2, doc.get("runs").get(1).get("exit").asInt());
        assertEquals(1, doc.get("runs").get(2).get("run").get("summary").get("failed").asInt());
        assertTrue(r.err().contains("hots: unknown key 'hots'"), r.err());
    }

    @Test
    void failedSessionsMakeTheExitCodeOneWithFailOnErrorAndAScenarioTwiceGetsTwoFolders() throws Exception {
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", OK, FAILS, FAILS, "--out", out.toString(), "--no-progress", "--fail-on-error");
        assertEquals(Main.EXIT_FAILED, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("passive-stateful-server-fw-2").resolve("summary.json")));
        assertEquals(0, Cli.run("run", OK, OK, "--out", tmp.resolve("ok").toString(), "--no-progress",
                "--fail-on-error").exit());
    }

    @Test
    void filesRunTwoAtATimePrintAndWriteWhatTheyPrintAndWriteInTurn() throws Exception {
        final Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: broken\nhots: {}\n");
        final String[] files = {FAILS, OK, bad.toString(), "../examples/passive-client-fw.yaml"};
        final Cli one = run(files, "1");
        final Cli two = run(files, "2");
        assertEquals(one.exit(), two.exit());
        assertEquals(sameFolder(one.out(), "1"), sameFolder(two.out(), "2"), "stdout in the files' order");
        assertEquals(sameFolder(one.err(), "1"), sameFolder(two.err(), "2"), "stderr in the files' order");
        try (java.util.stream.Stream<Path> written = Files.walk(tmp.resolve("threads-1"))) {
            for (final Path f : written.filter(Files::isRegularFile).toList()) {
                final Path other = tmp.resolve("threads-2").resolve(tmp.resolve("threads-1").relativize(f));
                assertEquals(-1L, Files.mismatch(f, other), f.toString());
            }
        }
    }

    @Test
    void aFileRunInAJvmOfItsOwnPrintsAndWritesWhatItWouldInTheProcess() throws Exception {
        final String[] files = {FAILS, "../examples/passive-client-fw.yaml", OK};
        final Cli one = run(files, "1");
        final Cli two;
        final int started = ForkedRun.STARTED.get();
        System.setProperty("ftpsim.fork", "always"); // the longest guessed runs in a child JVM
        try {
            two = run(files, "2");
        } finally {
            System.clearProperty("ftpsim.fork");
        }
        assertEquals(started + 1, ForkedRun.STARTED.get(), "one file ran in a JVM of its own");
        assertEquals(one.exit(), two.exit(), two.err());
        assertEquals(sameFolder(one.out(), "1"), sameFolder(two.out(), "2"), "stdout in the files' order");
        assertEquals(sameFolder(one.err(), "1"), sameFolder(two.err(), "2"), "stderr in the files' order");
        try (java.util.stream.Stream<Path> written = Files.walk(tmp.resolve("threads-1"))) {
            final List<Path> all = written.filter(Files::isRegularFile).toList();
            assertTrue(all.stream().anyMatch(f -> f.toString().contains("passive-client-fw/summary.json")), all.toString());
            for (final Path f : all) {
                final Path other = tmp.resolve("threads-2").resolve(tmp.resolve("threads-1").relativize(f));
                assertEquals(-1L, Files.mismatch(f, other), f.toString());
            }
        }
        final List<String> table = two.out().lines().dropWhile(l -> !l.startsWith("file ")).toList();
        assertTrue(table.get(3).matches(".*passive-client-fw\\.yaml +passive-client-fw +1 +1 +ok .*"), table.get(3));
    }

    @Test
    void aFileRunInAJvmOfItsOwnIsInTheJsonDocumentToo() throws Exception {
        final String[] files = {FAILS, "../examples/passive-client-fw.yaml"};
        System.setProperty("ftpsim.fork", "always");
        final Cli r;
        try {
            r = Cli.run("run", files[0], files[1], "--out", tmp.resolve("j").toString(), "--json", "--threads", "2",
                    "--fail-on-error");
        } finally {
            System.clearProperty("ftpsim.fork");
        }
        assertTrue(ForkedRun.STARTED.get() > 0);
        assertEquals(Main.EXIT_FAILED, r.exit(), r.err());
        final com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out());
        assertEquals(1, doc.get("runs").get(0).get("run").get("summary").get("failed").asInt());
        assertEquals(0, doc.get("runs").get(1).get("exit").asInt());
        assertEquals(1, doc.get("runs").get(1).get("run").get("summary").get("succeeded").asInt());
    }

    /**
     * When no child JVM can be started the file runs in the process, and like every file run there
     * it explains and reports from the bytes its load read: a scenario edited during its run (here
     * broken) changes neither its explanation nor the scenario its page shows. The run re-read the
     * file and ended in an internal error.
     */
    @Test
    void aFileThatCouldNotRunInAJvmOfItsOwnExplainsTheScenarioItLoaded() throws Exception {
        final Path file = Cli.example(tmp, "long-transfer-trap");
        final Cli alone = Cli.run("run", file.toString(), "--out", tmp.resolve("alone").toString(), "--no-progress");
        assertEquals(0, alone.exit(), alone.err());

        final Path out = tmp.resolve("together");
        final String javaHome = System.getProperty("java.home");
        System.setProperty("ftpsim.fork", "always");
        System.setProperty("java.home", tmp.resolve("no-java").toString()); // the child cannot start
        final java.util.concurrent.CompletableFuture<Cli> together;
        Files.createDirectories(out);
        try (java.nio.file.WatchService watch = out.getFileSystem().newWatchService()) {
            out.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            together = java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.run("run", file.toString(), OK,
                    "--out", out.toString(), "--no-progress", "--threads", "2"));
            // The trap's run is under way once its staging folder is there: the file is then edited.
            while (!together.isDone() && !staging(out, "long-transfer-trap")) {
                final java.nio.file.WatchKey key = watch.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            Files.writeString(file, "name: [broken\n");
            assertEquals(0, together.get().exit(), together.get().err());
        } finally {
            System.setProperty("java.home", javaHome);
            System.clearProperty("ftpsim.fork");
        }
        for (final String f : List.of("summary.json", "explain.md", "explain.json")) {
            assertEquals(-1L, Files.mismatch(tmp.resolve("alone").resolve(f),
                    out.resolve("long-transfer-trap").resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("long-transfer-trap").resolve("report.html"))
                .contains("name: long-transfer-trap"), "the page shows the scenario as loaded");
    }

    /**
     * The file run in a JVM of its own is read again there: edited after this process loaded it
     * (here by the child's java command itself, just before it starts), the child ran the edited
     * file into the folder named after the loaded one. It now runs what this process loaded.
     */
    @Test
    void aFileEditedBeforeItsOwnJvmReadsItRunsAsLoaded() throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw");
        final Path edited = Files.writeString(tmp.resolve("edited.txt"), Files.readString(file)
                .replace("/pub/file.bin: 1MB", "/pub/file.bin: 2MB").replace("mode: passive", "mode: active"));
        final Cli alone = Cli.run("run", file.toString(), "--out", tmp.resolve("alone").toString(), "--no-progress");
        assertEquals(0, alone.exit(), alone.err());

        final Path java = Files.createDirectories(tmp.resolve("jdk").resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\ncp '" + edited + "' '" + file + "'\nexec '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        final Path out = tmp.resolve("together");
        final String javaHome = System.getProperty("java.home");
        final int started = ForkedRun.STARTED.get();
        System.setProperty("ftpsim.fork", "always");
        System.setProperty("java.home", tmp.resolve("jdk").toString());
        final Cli together;
        try {
            together = Cli.run("run", file.toString(), OK, "--out", out.toString(), "--no-progress", "--threads", "2");
        } finally {
            System.setProperty("java.home", javaHome);
            System.clearProperty("ftpsim.fork");
        }
        assertEquals(started + 1, ForkedRun.STARTED.get(), "a child JVM started");
        assertEquals(0, together.exit(), together.err());
        assertTrue(Files.readString(file).contains("2MB"), "edited");
        for (final String f : List.of("summary.json", "sessions.csv", "explain.md")) {
            assertEquals(-1L, Files.mismatch(tmp.resolve("alone").resolve(f),
                    out.resolve("passive-stateful-server-fw").resolve(f)), f);
        }
    }

    /** Whether {@code out} holds the staging folder of a run of {@code name} (OutputFolder). */
    private static boolean staging(final Path out, final String name) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(out)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("." + name + ".tmp-"));
        }
    }

    private Cli run(final String[] files, final String threads) {
        final List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(List.of(files));
        args.addAll(List.of("--out", tmp.resolve("threads-" + threads).toString(), "--no-progress", "--threads", threads));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The text with the output folder and the wall times, which differ between the runs, made equal. */
    private String sameFolder(final String text, final String threads) {
        return text.replace(tmp.resolve("threads-" + threads).toString(), "OUT")
                .replaceAll("in [0-9.]+ s of wall time", "in - s of wall time");
    }
}
