package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The build writes target/ftpsim_completion, which completes every subcommand and its options in bash. */
class TheBuildShipsABashCompletionScriptTest {
    private static final Path SCRIPT = Path.of("target", "ftpsim_completion");

    @Test
    void theScriptHasACompletionForEverySubcommand() throws Exception {
        final String script = Files.readString(SCRIPT);
        for (final String name : Main.commandLine().getSubcommands().keySet()) {
            assertTrue(script.contains("function _picocli_ftpsim_" + name + "()"), "no completion for " + name);
        }
        assertTrue(script.contains("complete -F _complete_ftpsim"), "the script registers no completion");
    }

    @Test
    void bashCompletesASubcommandAndItsOptions() throws Exception {
        assertEquals("run", complete("ftpsim", "ru"));
        assertEquals("--pcap", complete("ftpsim", "run", "--pc"));
    }

    /** What bash offers for the last word, as a user pressing TAB would see it. */
    private static String complete(final String... words) throws Exception {
        final String line = String.join(" ", words);
        final String cmd = "source " + SCRIPT.toAbsolutePath() + "; COMP_WORDS=(" + line + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_ftpsim; echo \"${COMPREPLY[*]}\"";
        final Process p = new ProcessBuilder("bash", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
