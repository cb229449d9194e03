package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./ftpsim} launcher starts a small run with C1 alone and the serial collector, which
 * suit a process of a second, and a long one (many sessions, several files, a sweep) with the
 * throughput collector and, where the kernel offers them, transparent huge pages, which suit
 * minutes: its {@code short_run} guess and {@code long_run_flags}, called from bash.
 */
class TheLauncherStartsOnlySmallRunsWithQuickStartFlagsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void oneSmallScenarioAndValidateStartQuick() throws Exception {
        assertEquals("short", guess("run", "examples/passive-client-fw.yaml", "--out", "runs/x"));
        assertEquals("short", guess("explain", "examples/active-client-fw.yaml"));
        assertEquals("short", guess("validate", "examples/scale-5000-clients.yaml"));
    }

    @Test
    void manySessionsSeveralFilesAndSweepsKeepTheDefaults() throws Exception {
        assertEquals("long", guess("run", "examples/scale-5000-clients.yaml"));
        assertEquals("long", guess("run", "examples/passive-client-fw.yaml", "examples/active-client-fw.yaml"));
        assertEquals("long", guess("sweep", "examples/sweep-mode-x-loss.yaml"));
        assertEquals("long", guess("run"));
    }

    @Test
    void aStopInHoursOrDaysIsALongRun(@org.junit.jupiter.api.io.TempDir final Path tmp) throws Exception {
        final Path f = tmp.resolve("days.yaml");
        Files.writeString(f, Files.readString(ROOT.resolve("examples/passive-client-fw.yaml"))
                .replaceFirst("(?m)^stop: .*$", "stop: 3d"));
        assertEquals("long", guess("run", f.toString()));
    }

    @Test
    void aLongRunGetsTheThroughputCollectorAndHugePagesWhereTheKernelOffersThem(
            @org.junit.jupiter.api.io.TempDir final Path tmp) throws Exception {
        final Path madvise = tmp.resolve("madvise");
        Files.writeString(madvise, "always [madvise] never\n");
        final Path never = tmp.resolve("never");
        Files.writeString(never, "always madvise [never]\n");
        assertEquals("-XX:+UseParallelGC -XX:+UseTransparentHugePages", longRunFlags(madvise, ""));
        assertEquals("-XX:+UseParallelGC", longRunFlags(never, ""));
        assertEquals("-XX:+UseParallelGC", longRunFlags(tmp.resolve("absent"), ""));
        // a collector the user chose is kept: two would stop the JVM
        assertEquals("-XX:+UseTransparentHugePages", longRunFlags(madvise, "-XX:+UseG1GC -Xmx8g"));
    }

    @Test
    void aSweepGetsTheSerialCollectorUnlessTheUserChoseOne(@org.junit.jupiter.api.io.TempDir final Path tmp)
            throws Exception {
        final Path madvise = tmp.resolve("madvise");
        Files.writeString(madvise, "always [madvise] never\n");
        assertEquals("-XX:+UseSerialGC -XX:+UseTransparentHugePages",
                longRunFlags(madvise, "", "sweep", "examples/sweep-mode-x-loss.yaml"));
        assertEquals("-XX:+UseParallelGC -XX:+UseTransparentHugePages",
                longRunFlags(madvise, "", "run", "examples/scale-5000-clients.yaml"));
        assertEquals("-XX:+UseTransparentHugePages",
                longRunFlags(madvise, "-XX:+UseParallelGC", "sweep", "examples/sweep-mode-x-loss.yaml"));
    }

    /** The flags the launcher adds to a long run, given the kernel's THP setting and the user's options. */
    private static String longRunFlags(final Path thp, final String userOpts, final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "eval \"$(sed -n '/^long_run_flags()/,/^}/p' ftpsim)\"; long_run_flags \"$@\" | paste -sd' '",
                "flags"));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("FTPSIM_THP_FILE", thp.toString());
        pb.environment().put("FTPSIM_JAVA_OPTS", userOpts);
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** "short" or "long": what the launcher's guess says of these arguments. */
    private static String guess(final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "eval \"$(sed -n '/^short_run()/,/^}/p' ftpsim)\"; if short_run \"$@\"; then echo short; else echo long; fi",
                "guess"));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("FTPSIM_SHORT");
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
