package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --json} of a scenario named in UTF-8 prints the same bytes under LC_ALL=C as under a
 * UTF-8 locale, and a JSON reader gets the name back: Java writes stdout in the locale's charset,
 * and under C (ASCII) the name used to come out as "caf?-??-?".
 */
class JsonOnStdoutIsTheSameBytesInAnyCharsetTest {
    @Test
    void aUtf8NameSurvivesTheCLocale(@TempDir final Path tmp) throws Exception {
        final Path file = Files.writeString(tmp.resolve("s.yaml"), Files.readString(Path.of("..", "examples",
                "passive-stateful-server-fw.yaml")).replace("name: passive-stateful-server-fw", "name: café-日本-🎉"));
        final byte[] utf8 = stdout(tmp, "C.UTF-8", "run", file.toString(), "--json", "--out", "o");
        final byte[] ascii = stdout(tmp, "C", "run", file.toString(), "--json", "--out", "o");
        assertArrayEquals(utf8, ascii, new String(ascii, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("café-日本-🎉", new com.fasterxml.jackson.databind.ObjectMapper().readTree(ascii).get("scenario")
                .asText());
    }

    /** What {@code ftpsim ARGS} printed on stdout, run in {@code dir} in a JVM with LC_ALL={@code locale}. */
    private static byte[] stdout(final Path dir, final String locale, final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("stderr-" + locale).toFile());
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().put("LC_ALL", locale);
        final Process p = pb.start();
        p.getOutputStream().close();
        final byte[] out = p.getInputStream().readAllBytes();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr-" + locale)));
        return out;
    }
}
