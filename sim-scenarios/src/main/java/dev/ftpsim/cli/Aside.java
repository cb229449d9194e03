package dev.ftpsim.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A piece of a command's work done on a thread of its own while the command goes on (a run's
 * plots while its verdict is printed). {@link #result} waits for it and throws what it threw;
 * {@link #close} waits for it in any case, so nothing is still writing into a folder that the
 * command is about to commit or delete.
 */
final class Aside<T> implements AutoCloseable {
    private final FutureTask<T> task;
    private final Thread thread;

    private Aside(final String name, final Callable<T> work) {
        task = new FutureTask<>(work);
        thread = new Thread(task, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a thread named {@code name}. */
    static <T> Aside<T> start(final String name, final Callable<T> work) {
        final Aside<T> a = new Aside<>(name, work);
        a.thread.start();
        return a;
    }

    /** Waits for the work and returns its result, or throws its exception. */
    T result() throws IOException {
        try {
            return join();
        } catch (final ExecutionException e) {
            final Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Waits for the work to end; its failure, if any, is for {@link #result} to report. */
    @Override
    public void close() {
        try {
            join();
        } catch (final ExecutionException e) {
            // Reported by result(), or superseded by the exception that skipped it.
        }
    }

    private T join() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (final InterruptedException e) {
                    interrupted = true; // the work must end before its folder goes
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
