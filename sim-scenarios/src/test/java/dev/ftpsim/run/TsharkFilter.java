package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** tshark reading a capture with checksums checked: the fields of the packets a display filter keeps. */
final class TsharkFilter {
    private TsharkFilter() {}

    /**
     * {@code tshark -n -r PCAP -o tcp.check_checksum:TRUE OPTIONS -Y FILTER -T fields -e ...}: one
     * tab-separated line per packet, blank lines left out; the test is skipped without tshark.
     */
    static List<String> fields(final Path pcap, final List<String> options, final String filter,
                               final String... fields) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "tcp.check_checksum:TRUE"));
        cmd.addAll(options);
        cmd.addAll(List.of("-Y", filter, "-T", "fields"));
        for (final String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        final Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (final IOException e) {
            Assumptions.abort("tshark not installed");
            return List.of();
        }
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "tshark failed");
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
