package dev.ftpsim.hostile;

import static dev.ftpsim.scenario.Fixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile inputs: the committed files under {@code hostile/} (each YAML file says on its
 * first line where its first error is, {@code # expect: LINE:COLUMN}), and the files that are
 * too big, binary or special to commit, made here in a temporary folder.
 */
final class HostileCorpus {
    /** A scenario to give the command line, and the position its first error must have. */
    record Case(String name, Path file, String position) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@link Fixture#NET} with a firewall whose {@code nft} value starts at 11:10. */
    static final String NFT = Fixture.NET + "firewall:\n  fw:\n    nft: ";

    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+:\\d+)\n");

    private HostileCorpus() {}

    /** The last line of {@code ftpsim trace} on {@code scenario} for a SYN from the client to the server's {@code port}. */
    static String lastTraceLine(final Path scenario, final int port) {
        final String[] r = Cli.execute("trace", scenario.toString(), "--packet",
                "tcp 198.51.100.10:40000 > 203.0.113.10:" + port + " syn");
        assertEquals("0", r[0], r[2]);
        final String[] lines = r[1].strip().split("\n");
        return lines[lines.length - 1];
    }

    /**
     * Runs {@code validate} and {@code run --out} on {@code scenario}: both exit 2 with the same
     * message and no stack trace, and run writes nothing. Returns validate's stderr, stripped.
     */
    static String refusedByValidateAndRun(final Path scenario) {
        final String[] v = Cli.execute("validate", scenario.toString());
        assertEquals("2", v[0], v[2]);
        final Path out = scenario.resolveSibling("out");
        final String[] r = Cli.execute("run", scenario.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("2", r[0], r[2]);
        assertEquals(v[2], r[2]);
        assertFalse(Files.exists(out), "run wrote " + out);
        assertFalse(v[2].contains("Exception") || v[2].contains("\tat "), v[2]);
        return v[2].strip();
    }

    /** The committed files, found through the test class path. */
    static List<Case> committed() throws IOException {
        final Path root;
        try {
            root = Path.of(HostileCorpus.class.getResource("/hostile").toURI());
        } catch (final java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        final List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (final Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                final Matcher m = EXPECT.matcher(Files.readString(f));
                if (!m.lookingAt()) {
                    throw new IllegalStateException(f + " does not start with '# expect: LINE:COLUMN'");
                }
                out.add(new Case(root.relativize(f).toString(), f, m.group(1)));
            }
        }
        return out;
    }

    /** The generated files, made in {@code dir}; long tokens have {@code big} characters. */
    static List<Case> generated(final Path dir, final int big) throws IOException, InterruptedException {
        final List<Case> out = new ArrayList<>();
        final Gen g = new Gen(dir, out);
        // ---- encodings
        g.bytes("invalid-utf8.yaml", "3:12", bytes("hosts:\n  client: { address: 198.51.100.10/24 }\n  server: {",
                0xE9, "}\n"));
        g.bytes("lone-continuation-byte.yaml", "2:7", bytes("seed: 1\nname: ", 0x80, "x\n"));
        g.bytes("overlong-encoding.yaml", "1:7", bytes("name: ", 0xC0, 0x80, "\n"));
        g.bytes("utf8-encoded-surrogate.yaml", "1:7", bytes("name: ", 0xED, 0xA0, 0x80, "\n"));
        g.bytes("truncated-character-at-end.yaml", "1:7", bytes("name: ", 0xE2, 0x82));
        g.bytes("nul-byte.yaml", "2:9", bytes("seed: 1\nname: ab", 0, "c\n"));
        g.bytes("control-character.yaml", "1:9", bytes("name: ab", 1, "\n"));
        g.bytes("escape-character.yaml", "2:1", bytes("seed: 1\n", 0x1B, "[2J\n"));
        for (final String cs : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            g.bytes(cs.toLowerCase() + ".yaml", "1:1", Fixture.NET.getBytes(Charset.forName(cs)));
            g.bytes(cs.toLowerCase() + "-with-bom.yaml", "1:1", ("\uFEFF" + Fixture.NET).getBytes(Charset.forName(cs)));
        }
        g.bytes("random-binary.yaml", "1:2", randomBytes(4096));
        // ---- sizes
        g.sparse("one-gibibyte.yaml", "1:1", 1L << 30);
        g.sparse("just-over-the-limit.yaml", "1:1", (1 << 20) + 1);
        g.text("long-name.yaml", "1:7", "name: " + "x".repeat(big) + "\n" + Fixture.NET);
        g.text("long-key.yaml", "1:" + (big + 1), "k".repeat(big) + ": 1\n" + Fixture.NET);
        g.text("long-number.yaml", "9:7", Fixture.NET + "seed: " + "9".repeat(big) + "\n");
        g.text("long-duration.yaml", "9:7", Fixture.NET + "stop: " + "9".repeat(big) + "s\n");
        g.text("a-quarter-million-values.yaml", "1:200001", "a: [" + "1,".repeat(250_000) + "1]\n");
        g.text("million-brackets.yaml", "1:65", "[".repeat(1_000_000));
        // ---- JSON
        g.text("trailing-comma.json", "1:25", "{\"name\": \"x\", \"seed\": 1,}");
        g.text("top-level-array.json", "1:1", "[1, 2, 3]");
        g.text("unterminated.json", "1:12", "{\"hosts\": {");
        g.text("deep.json", "1:65", "[".repeat(100_000));
        g.text("nul-in-json.json", "1:12", "{\"name\": \"a\u0000\"}");
        // ---- special files
        final Path folder = Files.createDirectories(dir.resolve("folder.yaml"));
        out.add(new Case("folder.yaml", folder, "1:1"));
        out.add(new Case("fifo.yaml", fifo(dir.resolve("fifo.yaml")), "1:1"));
        out.add(new Case("/dev/zero", Path.of("/dev/zero"), "1:1"));
        out.add(new Case("link-to-dev-urandom.yaml", Files.createSymbolicLink(dir.resolve("link-to-dev-urandom.yaml"),
                Path.of("/dev/urandom")), "1:1"));
        // ---- rulesets
        fifo(dir.resolve("pipe.nft"));
        g.text("nft-is-a-fifo.yaml", "11:10", NFT + "pipe.nft\n");
        Files.createSymbolicLink(dir.resolve("random.nft"), Path.of("/dev/urandom"));
        g.text("nft-is-a-link-to-dev-urandom.yaml", "11:10", NFT + "random.nft\n");
        sparse(dir.resolve("huge.nft"), (4L << 20) + 1);
        g.text("nft-over-the-limit.yaml", "11:10", NFT + "huge.nft\n");
        Files.writeString(dir.resolve("words.nft"), "a ".repeat(1 << 20));
        g.text("nft-of-a-million-words.yaml", "11:10", NFT + "words.nft\n");
        Files.writeString(dir.resolve("long-token.nft"), "table ip " + "t".repeat(3_000_000) + " {\n");
        g.text("nft-with-a-long-token.yaml", "11:10", NFT + "long-token.nft\n");
        Files.write(dir.resolve("binary.nft"), randomBytes(4096));
        g.text("nft-binary.yaml", "11:10", NFT + "binary.nft\n");
        Files.write(dir.resolve("utf16.nft"), "table ip filter {\n}\n".getBytes(StandardCharsets.UTF_16));
        g.text("nft-utf16.yaml", "11:10", NFT + "utf16.nft\n");
        return out;
    }

    /** Writes files into the folder and records their cases. */
    private record Gen(Path dir, List<Case> out) {
        void bytes(final String name, final String position, final byte[] b) throws IOException {
            out.add(new Case(name, Files.write(dir.resolve(name), b), position));
        }

        void text(final String name, final String position, final String text) throws IOException {
            bytes(name, position, text.getBytes(StandardCharsets.UTF_8));
        }

        void sparse(final String name, final String position, final long size) throws IOException {
            out.add(new Case(name, HostileCorpus.sparse(dir.resolve(name), size), position));
        }
    }

    /** A file of {@code size} zero bytes that takes no room on disk. */
    static Path sparse(final Path p, final long size) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(p.toFile(), "rw")) {
            r.setLength(size);
        }
        return p;
    }

    static Path fifo(final Path p) throws IOException, InterruptedException {
        if (new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() != 0) {
            throw new UncheckedIOException(new IOException("mkfifo " + p + " failed"));
        }
        return p;
    }

    private static byte[] randomBytes(final int n) {
        final byte[] b = new byte[n];
        new java.util.Random(42).nextBytes(b);
        return b;
    }
}
