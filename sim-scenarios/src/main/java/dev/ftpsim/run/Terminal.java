package dev.ftpsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether progress bars have a person to look at them. */
public final class Terminal {
    private Terminal() {}

    /** Java 17 has no isatty(2); Linux's /proc says where fd 2 points (so `run > log` keeps its bar). */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (final IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
