package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ruleset path, an nft include or a scenario name that this system cannot make a file name of (a
 * NUL; a name in UTF-8 where Java's file names are ASCII, under LC_ALL=C or POSIX) is bad input
 * named with its file, line, column and key, not a bare "Malformed input or input contains
 * unmappable characters" from deep inside Java.
 */
class ANameThatCannotBeAFileNameIsAnErrorAtItsKeyTest {
    private static final String NET = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            firewall:
              fw:
            """; // nft on line 11, column 10

    @Test
    void aNulInAnNftPath(@TempDir final Path tmp) throws Exception {
        final Path f = Files.writeString(tmp.resolve("t.yaml"), NET + "    nft: \"a\\0b.nft\"\n");
        final Cli r = Cli.run("validate", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals(f + ":11:10: firewall.fw.nft: cannot read a\\u0000b.nft: a file name cannot hold the character"
                + " U+0000", r.err().strip());
    }

    @Test
    void utf8NamesUnderTheCLocale(@TempDir final Path tmp) throws Exception {
        Files.writeString(tmp.resolve("règles.nft"), "table ip filter {\n}\n");
        Files.writeString(tmp.resolve("inc.nft"), "include \"règles.nft\"\n");
        final Path direct = Files.writeString(tmp.resolve("direct.yaml"), NET + "    nft: règles.nft\n");
        final Path included = Files.writeString(tmp.resolve("included.yaml"), NET + "    nft: inc.nft\n");
        Files.writeString(tmp.resolve("plain.nft"), "table ip filter {\n}\n");
        final Path named = Files.writeString(tmp.resolve("named.yaml"), "name: café\n" + NET + "    nft: plain.nft\n");
        // With a UTF-8 locale all three are fine.
        assertEquals(0, Cli.run("validate", direct.toString()).exit());
        assertEquals(0, Cli.run("validate", included.toString()).exit());

        final String charset = "not a file name in this system's charset (ANSI_X3.4-1968, from the locale): run"
                + " ftpsim with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";
        String out = underTheCLocale(tmp, "validate", direct.toString());
        assertTrue(out.startsWith("2\n" + direct + ":11:10: firewall.fw.nft: cannot read r?gles.nft: " + charset), out);
        out = underTheCLocale(tmp, "validate", included.toString());
        assertTrue(out.startsWith("2\n" + included + ":11:10: firewall.fw.nft: inc.nft:1:9: include: cannot read"
                + " r?gles.nft: " + charset), out);
        out = underTheCLocale(tmp, "run", named.toString(), "--no-progress");
        assertTrue(out.startsWith("2\nftpsim: cannot use runs/caf? as a path: " + charset), out);
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing written");
    }

    /** Exit code, then what {@code ftpsim ARGS} printed, run in {@code dir} in a JVM under LC_ALL=C. */
    private static String underTheCLocale(final Path dir, final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().put("LC_ALL", "C");
        final Process p = pb.start();
        p.getOutputStream().close();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + "\n" + out;
    }
}
