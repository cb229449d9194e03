package dev.ftpsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ftpsim} command line. Exit codes: 0 success, 1 a run whose sessions failed (with
 * {@code --fail-on-error}), 2 bad input, 3 an internal error (a bug in ftpsim).
 */
@Command(name = "ftpsim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = Main.DESCRIPTION,
        subcommands = {RunCommand.class, SweepCommand.class, LadderCommand.class, ValidateCommand.class,
            ChannelsCommand.class, ExplainCommand.class, ServeCommand.class, TraceCommand.class,
            SelfCheckCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    static final String DESCRIPTION = "Simulates FTP crossing firewalls and NAT, packet by packet.";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** Something the user could not cause: a bug in ftpsim. */
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** With no subcommand, run the main job: the sources' matrix. */
    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("run").execute(); // its own errors are reported there
    }

    public static void main(final String[] args) {
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("validate") || args[0].equals("sweep"))) {
            Warmup.start(args); // on the other core, while picocli reads the options
        }
        System.exit(execute(commandLine(args), args));
    }

    /**
     * {@code cl.execute(args)}. picocli hands only exceptions to the handler below; an Error (a
     * StackOverflowError, Java out of memory) went past it as a stack trace and the JVM's exit 1,
     * which means "sessions failed": it is one line and exit 3 instead.
     */
    static int execute(final CommandLine cl, final String... args) {
        try {
            return cl.execute(args);
        } catch (final Error e) {
            cl.getErr().println(cl.getColorScheme().errorText("ftpsim: " + describe(e)));
            cl.getErr().flush();
            return EXIT_INTERNAL;
        }
    }

    /**
     * The command line for {@code args}: for {@code run} and {@code validate}, what an engineer
     * iterates with, one that knows only that subcommand, since reading every command's options
     * and help costs a small run some 20 ms of CPU; the same for {@code sweep}, whose start runs
     * interpreted (C2 alone) while its second core idles; otherwise {@link #commandLine()}.
     */
    static CommandLine commandLine(final String... args) {
        final Object only = args.length == 0 ? null : switch (args[0]) {
            case "run" -> new RunCommand();
            case "validate" -> new ValidateCommand();
            case "sweep" -> new SweepCommand();
            default -> null;
        };
        if (only == null) {
            return commandLine();
        }
        return configure(new CommandLine(new One()).addSubcommand(args[0], only));
    }

    /** The top command as {@link Main} declares it, without its subcommands: each is added by name. */
    @Command(name = "ftpsim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = DESCRIPTION)
    static final class One implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a subcommand is always named"); // commandLine(args) saw it
        }
    }

    /** The configured command line, shared by main() and the tests. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    private static CommandLine configure(final CommandLine cl) {
        final CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            usage.handleParseException(ex, args);
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            final boolean input = ex instanceof IllegalArgumentException || ex instanceof IOException
                    || ex instanceof java.io.UncheckedIOException;
            cmd.getErr().println(cmd.getColorScheme().errorText("ftpsim: " + describe(ex)));
            return input ? EXIT_BAD_INPUT : EXIT_INTERNAL;
        });
        return cl;
    }

    /** A sentence for the user: which file and why for I/O errors, "internal error" for our bugs. */
    static String describe(final Throwable ex) {
        final Throwable e = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "cannot write " + a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "cannot write " + n.getFile() + ": no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return "cannot write " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        if (e instanceof java.nio.file.InvalidPathException p) {
            // a folder named after the scenario (runs/<name>), or a path given
            return "cannot use " + dev.ftpsim.plot.Markup.visible(p.getInput()) + " as a path: "
                    + dev.ftpsim.core.rules.FileNames.unusable(p);
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give Java more with FTPSIM_JAVA_OPTS=-Xmx<size>, e.g. -Xmx8g";
        }
        return "internal error, please report it: " + e;
    }

    /** Version from the build. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            final Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (final IOException e) {
            return "unknown";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ftpsim " + version(), "Java " + System.getProperty("java.version")};
        }
    }
}
