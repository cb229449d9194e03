package dev.ftpsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code ftpsim} command line run in this JVM, as tests need it. */
public final class Cli {
    private Cli() {}

    /** Exit code, stdout and stderr of {@code ftpsim ARGS}. */
    public static String[] execute(final String... args) {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        final int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
