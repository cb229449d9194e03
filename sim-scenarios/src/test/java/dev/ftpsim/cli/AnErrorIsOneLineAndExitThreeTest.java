package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli passes only exceptions to ftpsim's handler: an Error thrown by a command (a stack
 * overflow, Java out of memory) left {@code main} as a stack trace, and the JVM's exit code 1 said
 * "sessions failed". It is one line and exit 3, an internal error, as an exception is.
 */
class AnErrorIsOneLineAndExitThreeTest {
    @CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        Error error;

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static List<Object> run(final Error e) {
        final Boom boom = new Boom();
        boom.error = e;
        final CommandLine cl = new CommandLine(boom);
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        final int exit = Main.execute(cl);
        return List.of(exit, err.toString().lines().toList());
    }

    @Test
    void aStackOverflowIsAnInternalError() {
        assertEquals(List.of(Main.EXIT_INTERNAL, List.of("ftpsim: internal error, please report it:"
                + " java.lang.StackOverflowError")), run(new StackOverflowError()));
    }

    @Test
    void outOfMemorySaysHowToGiveJavaMore() {
        assertEquals(List.of(Main.EXIT_INTERNAL, List.of("ftpsim: out of memory (Java heap space); give Java more with"
                + " FTPSIM_JAVA_OPTS=-Xmx<size>, e.g. -Xmx8g")), run(new OutOfMemoryError("Java heap space")));
    }
}
