package dev.ftpsim.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end with a time limit, keeping its output; a failure names the command. */
final class Cmd {
    /** What a finished command left: its exit code and both outputs. */
    record Result(List<String> argv, int exit, String out, String err) {
        /** The command line and its error output, for messages. */
        String describe() {
            return String.join(" ", argv) + " (exit " + exit + ")" + (err.isBlank() ? "" : ": " + err.strip());
        }
    }

    private Cmd() {}

    /** Runs {@code argv}, killing it (by its PID) when it outlives {@code timeoutMillis}. */
    static Result run(final long timeoutMillis, final List<String> argv) {
        final Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (final IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        final CompletableFuture<String> out = drain(p.getInputStream());
        final CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new LabException(String.join(" ", argv) + " did not end within " + timeoutMillis + " ms");
            }
            return new Result(List.copyOf(argv), p.exitValue(), out.join(), err.join());
        } catch (final InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs {@code argv} and fails unless it exits 0. */
    static Result check(final String... argv) {
        final Result r = run(30_000, List.of(argv));
        if (r.exit() != 0) {
            throw new LabException(r.describe());
        }
        return r;
    }

    /** True when {@code argv} runs and exits 0. */
    static boolean succeeds(final String... argv) {
        try {
            return run(30_000, List.of(argv)).exit() == 0;
        } catch (final LabException e) {
            return false;
        }
    }

    static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    /** Reads a stream to its end on a thread of its own (the common pool may have one thread only). */
    static CompletableFuture<String> drain(final InputStream in) {
        final CompletableFuture<String> f = new CompletableFuture<>();
        final Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (final IOException e) {
                f.complete("");
            }
        }, "lab-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
