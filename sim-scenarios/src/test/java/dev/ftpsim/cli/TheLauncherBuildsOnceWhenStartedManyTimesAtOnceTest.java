package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ftpsim} launcher builds when sources changed. Started several times at once after a
 * change (a script running scenarios in parallel), or started again after a launcher was killed
 * mid-build, it runs one Maven build, not one per launcher into the same {@code target/}, and every
 * launcher then runs the built jar. Maven and Java are stand-ins on the PATH here: the stand-in
 * Maven counts its builds and takes a second, as a real build takes a minute.
 */
class TheLauncherBuildsOnceWhenStartedManyTimesAtOnceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void launchersStartedTogetherShareOneBuild(@TempDir final Path tmp) throws Exception {
        final Path checkout = checkout(tmp);
        final List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            launchers.add(launcher(checkout, tmp, null, "run", "file-" + i + ".yaml"));
        }
        for (int i = 0; i < launchers.size(); i++) {
            final Process p = launchers.get(i);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a launcher hung");
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("-jar " + checkout.resolve("sim-scenarios/target/ftpsim.jar") + " run file-" + i
                    + ".yaml"), out);
        }
        assertEquals(1, builds(tmp), "one build for four launchers started at once");
    }

    @Test
    void aLauncherKilledMidBuildLeavesItsBuildToTheNextOne(@TempDir final Path tmp) throws Exception {
        final Path checkout = checkout(tmp);
        // The stand-in Maven says it started through a named pipe: reading it waits for the build.
        final Path started = tmp.resolve("started");
        assertEquals(0, new ProcessBuilder("mkfifo", started.toString()).start().waitFor());
        final Process first = launcher(checkout, tmp, started, "validate", "a.yaml");
        assertEquals(List.of("started"), Files.readAllLines(started), "the first launcher's build");
        first.destroy(); // SIGTERM, as timeout(1) sends
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        final Process second = launcher(checkout, tmp, null, "validate", "b.yaml");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second launcher hung");
        final String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, second.exitValue(), out);
        assertTrue(out.contains("waiting for another build of this checkout"), out);
        assertTrue(out.contains("validate b.yaml"), out);
        assertEquals(1, builds(tmp), "the second launcher waited for the first one's build instead of starting its own");
    }

    /** A checkout whose sources are newer than its (absent) jar: the launcher, a pom and a source folder. */
    private static Path checkout(final Path tmp) throws Exception {
        final Path c = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(ROOT.resolve("ftpsim"), c.resolve("ftpsim"));
        Files.writeString(c.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(c.resolve("sim-scenarios/src/main"));
        final Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin.resolve("mvn"), "#!/bin/bash\n"
                + "echo build >> \"$BUILDS\"\n"
                + "[ -z \"$STARTED\" ] || echo started > \"$STARTED\"\n"
                + "sleep 1\n"
                + "mkdir -p sim-scenarios/target && echo jar > sim-scenarios/target/ftpsim.jar.tmp\n"
                + "mv sim-scenarios/target/ftpsim.jar.tmp sim-scenarios/target/ftpsim.jar\n");
        script(bin.resolve("java"), "#!/bin/bash\necho ran \"$@\"\n");
        return c;
    }

    private static void script(final Path p, final String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A launcher of {@code checkout}; its stand-in Maven writes "started" to {@code started} unless null. */
    private static Process launcher(final Path checkout, final Path tmp, final Path started, final String... args)
            throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("bash", checkout.resolve("ftpsim").toString()));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("BUILDS", tmp.resolve("builds").toString());
        pb.environment().put("FTPSIM_CDS", "off");
        if (started != null) {
            pb.environment().put("STARTED", started.toString());
        }
        return pb.start();
    }

    private static int builds(final Path tmp) throws Exception {
        final Path f = tmp.resolve("builds");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }
}
