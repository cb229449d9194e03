package dev.ftpsim.core.rules;

import java.nio.file.InvalidPathException;

/** Why a name from a scenario or ruleset cannot be a path on this system, in words. */
public final class FileNames {
    private FileNames() {}

    /**
     * The reason {@code e} gives, said for the user: a NUL never fits in a file name; a name the
     * system's file-name charset cannot hold (Java takes it from the locale: ASCII under {@code C}
     * or {@code POSIX}) needs a UTF-8 locale.
     */
    public static String unusable(final InvalidPathException e) {
        final String reason = e.getReason() == null ? "" : e.getReason();
        if (reason.startsWith("Nul character")) {
            return "a file name cannot hold the character U+0000";
        }
        if (reason.startsWith("Malformed input") || reason.contains("unmappable")) {
            return "not a file name in this system's charset (" + System.getProperty("sun.jnu.encoding")
                    + ", from the locale): run ftpsim with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";
        }
        return "not a file name on this system (" + reason + ")";
    }
}
