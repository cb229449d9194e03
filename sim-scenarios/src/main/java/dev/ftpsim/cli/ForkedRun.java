package dev.ftpsim.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long one of several files, run as {@code ftpsim run} of that file alone in a JVM of its own.
 *
 * <p>Several files at once run on C1's code alone, the launcher's choice (see {@code ./ftpsim}):
 * the profiled tiers' counters, which the workers would update at once, cost the many short files
 * more than C1's plainer code does. A long file then runs about 1.5 times as long as it does alone
 * with C2 (scale-5000-clients 11 s against 7.1 s, benchmarks/README.md), and the run waits for it.
 * So the longest file, when {@link RunCost} guesses it at a million packets or more, runs in a child
 * JVM with the parent's flags and tiered compilation, while the parent's other workers run the rest.
 * Its output is copied out in its turn like any file's. Results are the same: the same code, file and
 * seed, written into the same folder; a file edited after this process loaded it, which the child
 * would read anew, is run here instead, from the bytes loaded ({@link #LOADED}).
 *
 * <p>{@code -Dftpsim.fork=never} keeps every file in the process; {@code always} forks the longest
 * file whatever its size and the parent's compiler (the tests use it).
 */
final class ForkedRun {
    /** The guess from which a file is worth a JVM start of its own: about a second of simulation. */
    static final long MIN_PACKETS = 1_000_000;
    /** Child JVMs started so far: what a test reads to know a file ran in one. */
    static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    private ForkedRun() {}

    /** Children running now: stopped with this JVM. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // A SIGTERM to this JVM (a process manager, kill PID) ends its run of the other files, whose
        // staged folders its hooks delete; a child left running would still put its file's results in
        // place, and the worker waiting for it never reaches its finally. Ctrl-C reaches the child too
        // (the terminal signals the whole group).
        Runtime.getRuntime().addShutdownHook(new Thread(ForkedRun::stopChildren, "ftpsim-stop-children"));
    }

    /** SIGTERM to each live child, as this JVM got: its own hook leaves its folder as it was. */
    private static void stopChildren() {
        LIVE.forEach(Process::destroy);
        for (final Process p : LIVE) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (final InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    /** What the child printed, in the parent's charset, and its exit code. */
    record Result(String out, String err, int exit) {}

    /**
     * The property that hands the child the digest of the files the parent's load read: the child
     * loads the file again, and one edited in between would run another scenario than the parent
     * loaded (and named the folder after).
     */
    static final String LOADED = "ftpsim.fork.loaded";
    /** The child's exit when its load read other bytes than the parent's: the parent then runs the file itself. */
    static final int EXIT_CHANGED = 75;

    /** A digest of every file a load read, by absolute path and bytes. */
    static String digest(final dev.ftpsim.core.rules.SourceFiles read) {
        final java.security.MessageDigest d;
        try {
            d = java.security.MessageDigest.getInstance("SHA-256");
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        new java.util.TreeMap<>(read.files()).forEach((p, b) -> {
            final byte[] name = p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            d.update(java.nio.ByteBuffer.allocate(16).putLong(name.length).putLong(b.length).array());
            d.update(name);
            d.update(b);
        });
        return java.util.HexFormat.of().formatHex(d.digest());
    }

    /**
     * Whether this JVM is a child whose load read other bytes than its parent's (see {@link #LOADED});
     * {@code read} null: its load failed, where the parent's did not.
     */
    static boolean loadedOtherBytes(final dev.ftpsim.core.rules.SourceFiles read) {
        final String parent = System.getProperty(LOADED);
        return parent != null && (read == null || !parent.equals(digest(read)));
    }

    /** The index in {@code costs} of the file to run in a JVM of its own, or -1 for none. */
    static int choose(final List<Long> costs, final int threads) {
        final String mode = System.getProperty("ftpsim.fork", "auto");
        if (mode.equals("never") || threads < 2 || costs.size() < 2) {
            return -1;
        }
        int longest = 0;
        for (int i = 1; i < costs.size(); i++) {
            if (costs.get(i) > costs.get(longest)) {
                longest = i;
            }
        }
        if (mode.equals("always")) {
            return longest;
        }
        final boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:TieredStopAtLevel=1");
        return c1Only && costs.get(longest) >= MIN_PACKETS ? longest : -1;
    }

    /**
     * Runs {@code ftpsim run OPTIONS FILE} in a child JVM: this JVM's {@code -X} flags but its
     * compiler tiers, this class path, the same working directory and charset. {@code loaded} is
     * the {@link #digest} of the parent's load of the file: a child that reads other bytes exits
     * with {@link #EXIT_CHANGED} without running.
     *
     * @throws IOException when the child cannot be started (the caller then runs the file itself)
     */
    static Result run(final List<String> options, final Path file, final String loaded)
            throws IOException, InterruptedException {
        final Charset charset = Charset.defaultCharset();
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-X") && !a.contains("Tier")
                    || a.startsWith("-Dftpsim.") && !a.startsWith("-Dftpsim.fork")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dfile.encoding=" + charset.name());
        cmd.add("-D" + LOADED + "=" + loaded);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("run");
        cmd.addAll(options);
        cmd.add(file.toString());
        final Path out = Files.createTempFile("ftpsim-run-", ".out");
        final Path err = Files.createTempFile("ftpsim-run-", ".err");
        // Deleted below; at the JVM's exit too, when a SIGTERM ends it before (after the hook above).
        out.toFile().deleteOnExit();
        err.toFile().deleteOnExit();
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            LIVE.add(p);
            STARTED.incrementAndGet();
            p.getOutputStream().close(); // nothing to read: a run never asks
            final int exit = p.waitFor();
            return new Result(Files.readString(out, charset), Files.readString(err, charset), exit);
        } finally {
            if (p != null) {
                LIVE.remove(p);
            }
            if (p != null && p.isAlive()) {
                p.destroyForcibly(); // interrupted: the child must not outlive the run
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
