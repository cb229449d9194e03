package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When several simulations run at once, the {@code ./ftpsim} launcher makes the compilers, which
 * then share the cores with the simulations, spend less: a sweep goes without tiered compilation
 * (C2 alone), several files at once run on C1 alone, several files one at a time and the matrix
 * raise C2's thresholds; one simulation keeps the JVM's defaults, and the user's own choice wins:
 * its {@code parallel_run_flags}, called from bash.
 */
class TheLauncherKeepsC2ForTheHotCodeWhenSimulationsShareTheCoresTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String RAISED = "-XX:Tier4InvocationThreshold=1000000 -XX:Tier4MinInvocationThreshold=200000"
            + " -XX:Tier4CompileThreshold=1200000";
    private static final String C1_ALONE = "-XX:TieredStopAtLevel=1";

    @Test
    void aSweepGoesWithoutTieredCompilationSeveralFilesAtOnceOnC1AloneTheMatrixGetsTheRaisedThresholds()
            throws Exception {
        assertEquals("-XX:-TieredCompilation", flags("", "sweep", "examples/sweep-mode-x-loss.yaml", "--threads", "2"));
        assertEquals(C1_ALONE, flags("", "run", "examples/passive-client-fw.yaml", "examples/active-client-fw.yaml",
                "--threads", "2"));
        assertEquals(C1_ALONE, flags("", "run", "--threads=3", "examples/passive-client-fw.yaml",
                "examples/active-client-fw.yaml"));
        assertEquals(RAISED, flags("", "run", "--out", "runs/matrix", "--threads=2"));
    }

    @Test
    void severalFilesOneAtATimeKeepC2WithTheRaisedThresholds() throws Exception {
        assertEquals(RAISED, flags("", "run", "examples/passive-client-fw.yaml",
                "examples/active-client-fw.yaml", "--threads", "1"));
        assertEquals(RAISED, flags("", "run", "--threads=1", "examples/passive-client-fw.yaml",
                "examples/active-client-fw.yaml"));
    }

    @Test
    void oneFileOtherCommandsAndTheUsersOwnThresholdsKeepTheirs() throws Exception {
        assertEquals("", flags("", "run", "examples/scale-5000-clients.yaml", "--out", "runs/x"));
        assertEquals("", flags("", "explain", "examples/active-client-fw.yaml"));
        assertEquals("", flags("-XX:Tier4InvocationThreshold=5000", "sweep", "examples/sweep-mode-x-loss.yaml"));
        assertEquals("", flags("-XX:+TieredCompilation", "sweep", "examples/sweep-mode-x-loss.yaml"));
        assertEquals("", flags("-XX:-TieredCompilation", "run", "a.yaml", "b.yaml"));
    }

    /** The flags the launcher adds for these arguments, with {@code userOpts} in FTPSIM_JAVA_OPTS. */
    private static String flags(final String userOpts, final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "eval \"$(sed -n '/^parallel_run_flags()/,/^}/p' ftpsim)\"; parallel_run_flags \"$@\" | paste -sd' '",
                "flags"));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("FTPSIM_JAVA_OPTS", userOpts));
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
