package dev.ftpsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}, installed by sim-lab/install-deps.sh) loading a
 * local page: the DOM it built, the console messages it logged, a screenshot.
 */
final class Chromium {
    private Chromium() {}

    /** What a page load gave. */
    record Load(String dom, List<String> console) {}

    /** Whether {@code chromium} runs here. */
    static boolean installed() {
        try {
            final Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> command(final Path profile, final String... extra) {
        final List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /**
     * Loads {@code page} and returns its DOM and every console message: with logging on stderr,
     * Chromium prints each as a line tagged {@code :CONSOLE}, whatever its level.
     */
    static Load load(final Path page, final Path profile) throws IOException, InterruptedException {
        final Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        final Process p = new ProcessBuilder(command(profile, "--dump-dom", page.toUri().toString()))
                .redirectError(err.toFile()).start();
        final String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish loading " + page);
        }
        final List<String> console = Files.readAllLines(err).stream().filter(l -> l.contains(":CONSOLE")).toList();
        return new Load(dom, console);
    }

    /** Renders {@code page} into the PNG {@code png}. */
    static void screenshot(final Path page, final Path png, final Path profile) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command(profile, "--window-size=1280,2000",
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()))
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish the screenshot of " + page);
        }
    }
}
