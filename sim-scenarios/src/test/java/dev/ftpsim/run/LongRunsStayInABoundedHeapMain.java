package dev.ftpsim.run;

import dev.ftpsim.cli.Main;

/**
 * Runs each pair of arguments (scenario file, output folder) with {@code ftpsim run} in this JVM,
 * for {@link LongRunsStayInABoundedHeapTest} to start under a small heap; exits with the largest
 * exit code.
 */
public final class LongRunsStayInABoundedHeapMain {
    private LongRunsStayInABoundedHeapMain() {}

    public static void main(final String[] args) {
        int worst = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            worst = Math.max(worst, Main.commandLine().execute("run", args[i], "--no-progress", "--png", "--out", args[i + 1]));
        }
        System.exit(worst);
    }
}
