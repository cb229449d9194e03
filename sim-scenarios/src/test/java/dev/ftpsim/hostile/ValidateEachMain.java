package dev.ftpsim.hostile;

import java.util.Arrays;

/**
 * Runs {@code ftpsim validate} on each argument in this JVM and prints one line per file: its
 * exit code and the first line of stderr. For a child JVM with a small heap.
 */
public final class ValidateEachMain {
    private ValidateEachMain() {}

    public static void main(final String[] args) {
        for (final String f : args) {
            final String[] r = dev.ftpsim.cli.Cli.execute("validate", f);
            System.out.println(r[0] + " " + Arrays.stream(r[2].split("\n")).findFirst().orElse(""));
        }
    }
}
