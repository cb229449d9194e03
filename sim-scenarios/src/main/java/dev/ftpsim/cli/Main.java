package dev.ftpsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ftpsim} command line. Exit codes: 0 success, 1 a run whose sessions failed (with
 * {@code --fail-on-error}), 2 bad input.
 */
@Command(name = "ftpsim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Simulates FTP crossing firewalls and NAT, packet by packet.",
        subcommands = {RunCommand.class, SweepCommand.class, LadderCommand.class, ValidateCommand.class,
            ChannelsCommand.class, ServeCommand.class,
            SelfCheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** With no subcommand, run the main job: the sources' matrix. */
    @Override
    public void run() {
        final CommandLine run = spec.commandLine().getSubcommands().get("run");
        final int code = run.execute();
        if (code != EXIT_OK) {
            throw new CommandLine.ExecutionException(spec.commandLine(), "the matrix run failed");
        }
    }

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main() and the tests. */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new Main());
        final CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            usage.handleParseException(ex, args);
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("ftpsim: " + ex.getMessage()));
            return ex instanceof IllegalArgumentException ? EXIT_BAD_INPUT : EXIT_FAILED;
        });
        return cl;
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
