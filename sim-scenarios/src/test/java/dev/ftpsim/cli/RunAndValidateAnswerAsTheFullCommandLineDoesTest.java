package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpsim run}, {@code ftpsim validate} and {@code ftpsim sweep} start with a command line that
 * knows only that subcommand: its help, its errors, its exit codes and its output are those of the
 * full one.
 */
class RunAndValidateAnswerAsTheFullCommandLineDoesTest {
    @Test
    void helpErrorsAndResultsAreTheSame() {
        for (final String[] args : List.of(new String[] {"run", "--help"}, new String[] {"validate", "--help"},
                new String[] {"run", "--bogus"}, new String[] {"run", "--seed", "x", "a.yaml"},
                new String[] {"validate", "../examples/passive-client-fw.yaml"},
                new String[] {"validate", "no-such-file.yaml"}, new String[] {"run", "-V"},
                new String[] {"sweep", "--help"}, new String[] {"sweep", "--threads", "0", "a.yaml"},
                new String[] {"sweep", "../examples/passive-client-fw.yaml"})) {
            assertEquals(printed(Main.commandLine(), args), printed(Main.commandLine(args), args), String.join(" ", args));
        }
    }

    @Test
    void otherCommandsGetTheFullCommandLine() {
        assertEquals(Main.commandLine().getSubcommands().keySet(), Main.commandLine("ladder").getSubcommands().keySet());
        assertEquals(java.util.Set.of("run"), Main.commandLine("run", "x.yaml").getSubcommands().keySet());
        assertEquals(java.util.Set.of("sweep"), Main.commandLine("sweep", "x.yaml").getSubcommands().keySet());
    }

    private static List<String> printed(final picocli.CommandLine cl, final String[] args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        final int exit = cl.execute(args);
        return List.of(String.valueOf(exit), out.toString(), err.toString());
    }
}
