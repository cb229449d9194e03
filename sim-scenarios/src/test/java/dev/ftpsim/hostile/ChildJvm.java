package dev.ftpsim.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM on the test class path with a given heap; an OutOfMemoryError ends it with exit 3. */
final class ChildJvm {
    private ChildJvm() {}

    /** Exit code and output (stdout and stderr) of {@code java -Xmx<heap> MAIN ARGS}, or fails on a timeout. */
    static Object[] run(final String heap, final String main, final List<String> args, final int timeoutSeconds)
            throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                main));
        cmd.addAll(args);
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM did not finish in " + timeoutSeconds + " s: " + cmd);
            }
            return new Object[] {p.exitValue(), new String(p.getInputStream().readAllBytes())};
        } finally {
            p.destroyForcibly();
        }
    }
}
