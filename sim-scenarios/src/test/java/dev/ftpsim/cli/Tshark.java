package dev.ftpsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark, when installed (sim-lab/install-deps.sh installs it), reading a capture's fields. */
final class Tshark {
    private Tshark() {}

    /** Whether {@code tshark} runs here. */
    static boolean installed() {
        try {
            final Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code tshark -r FILE -T fields -e F1 -e F2 ...}: one line per packet, fields tab-separated. */
    static List<String> fields(final Path file, final String... fields) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields"));
        for (final String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tshark failed on " + file + ": exit " + p.exitValue());
        }
        return out.lines().toList();
    }
}
