package dev.ftpsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code ftpsim} command line run in this JVM, as tests need it, and what it printed. */
public record Cli(int exit, String out, String err) {
    /** Runs {@code ftpsim ARGS} and keeps its exit code and output. */
    public static Cli run(final String... args) {
        final var cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        final int exit = cl.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** Exit code, stdout and stderr of {@code ftpsim ARGS}, for callers outside this package. */
    public static String[] execute(final String... args) {
        final Cli r = run(args);
        return new String[] {String.valueOf(r.exit), r.out, r.err};
    }

    /** The example {@code name}, with each {@code from} replaced by its {@code to}, written into {@code dir}. */
    static Path example(final Path dir, final String name, final String... fromTo) throws Exception {
        String text = Files.readString(Path.of("..", "examples", name + ".yaml"));
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!text.contains(fromTo[i])) {
                throw new IllegalArgumentException(name + " has no '" + fromTo[i] + "'");
            }
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        return Files.writeString(dir.resolve(name + ".yaml"), text);
    }
}
