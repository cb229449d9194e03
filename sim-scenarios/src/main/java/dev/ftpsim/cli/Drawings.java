package dev.ftpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a run draws from its results once they are written: the plots, the report's ladder, the
 * explain section and {@code report.html}. These show the results; they are not the results. A
 * bug while drawing one (an exception of ftpsim's own code) must not cost the user a finished run's
 * {@code sessions.csv} and {@code summary.json}, nor pass for bad input (exit 2): the drawing is
 * left out, the report says why in its place, stderr names it as an internal error, and the run's
 * exit code is its results'. An I/O error (a full disk) still fails the run: then nothing can be
 * trusted to be written whole, so nothing is.
 */
final class Drawings {
    /** Tests make the drawing whose {@code what} starts with this throw, as a bug in it would (null: none). */
    static volatile String failForTest;
    /** What that drawing throws, when not the default IllegalArgumentException (an Error of Java2D's). */
    static volatile Error failWithForTest;

    /** Tests make the drawing whose {@code what} starts with this fail to write, as on a full disk (null: none). */
    static volatile String failToWriteForTest;

    private final List<String> problems = new ArrayList<>();

    /**
     * {@code work}'s result, or null when it threw an unchecked exception (kept for {@link #warn}
     * and {@link #problem}); {@code what} names the drawing for the user ("the time-series plot").
     */
    <T> T attempt(final String what, final Callable<T> work) throws IOException {
        try {
            final String fail = failForTest;
            if (fail != null && what.startsWith(fail)) {
                if (failWithForTest != null) {
                    throw failWithForTest;
                }
                // of the class the ladder's "two ladder nodes are named" was
                throw new IllegalArgumentException("a failure injected into " + what);
            }
            final String full = failToWriteForTest;
            if (full != null && what.startsWith(full)) {
                throw new java.nio.file.FileSystemException(what, null, "No space left on device");
            }
            return work.call();
        } catch (final IOException e) {
            throw e;
        } catch (final RuntimeException | Error e) {
            if (e instanceof ThreadDeath) {
                throw e;
            }
            // An Error too: Java2D without fonts or its native libraries (a slim container) throws
            // "Probable fatal error:No fonts found", UnsatisfiedLinkError or InternalError; a drawing's
            // OutOfMemoryError frees its memory once it is left out.
            synchronized (problems) {
                problems.add(what + " could not be drawn (" + reason(e) + ")");
            }
            return null;
        } catch (final Exception e) {
            throw new IllegalStateException(e); // a Callable's checked exception other than I/O: none is thrown
        }
    }

    /** Why {@code what} is missing, for the report's section in its place; null when it was drawn. */
    String problem(final String what) {
        synchronized (problems) {
            return problems.stream().filter(p -> p.startsWith(what + " could not")).findFirst().orElse(null);
        }
    }

    /** Each drawing left out, one line each on {@code err}, saying the results are whole in {@code dir}. */
    void warn(final PrintWriter err, final java.nio.file.Path dir) {
        warn(err, dir, "the run's");
    }

    /** The same, the results {@code whose} ("the sweep's"). */
    void warn(final PrintWriter err, final java.nio.file.Path dir, final String whose) {
        synchronized (problems) {
            for (final String p : problems) {
                err.println("ftpsim: warning: " + dev.ftpsim.plot.Markup.visible(p) + "; " + whose + " results are written"
                        + " whole to " + dev.ftpsim.plot.Markup.visible(dir.toString()));
            }
        }
        err.flush();
    }

    /** One line: the exception's class and message (a drawing bug is ftpsim's, so it asks to be reported). */
    static String reason(final Throwable e) {
        return ("internal error, please report it: " + e).replaceAll("\\s+", " ").strip();
    }
}
