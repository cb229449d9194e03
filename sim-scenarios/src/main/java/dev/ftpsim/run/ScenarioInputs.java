package dev.ftpsim.run;

import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.sweep.InputParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A digest of everything besides the seed that decides a scenario's results: the scenario file's
 * bytes, the bytes of every file it loads (the {@code nft} and {@code iptables} rulesets of the
 * scenario and of each sweep point, and the files an nftables ruleset includes), the ftpsim
 * version and ftpsim's code. A sweep keys its journal by it, so an edited file is never
 * resumed with the old numbers.
 */
public final class ScenarioInputs {
    private ScenarioInputs() {}

    /**
     * The inputs' digest: {@code combined} of them all, {@code parts} one by one.
     *
     * @param combined {@code sha256:<hex>} over the version, the code ({@link #digest}), the scenario
     *     file, then each loaded file (its path as written, then its bytes), in path order
     * @param parts the SHA-256 of the version and code, and of each file's bytes alone (what
     *     {@code sha256sum} prints for it)
     */
    public record Digest(String combined, InputParts parts) {
    }

    /** {@link Digest#combined} of the files as they are on disk now (read again: see {@link #of}). */
    public static String sha256(final Path file, final List<Scenario> scenarios, final String version)
            throws IOException {
        return of(file, scenarios, version, null).combined();
    }

    /**
     * The digest of what decides the results of {@code scenarios}, loaded from {@code file} with
     * {@code read} recording the bytes the loader parsed ({@code ScenarioLoader.load(Path,
     * SourceFiles)}): the digest is of those bytes, so it describes the inputs the simulation uses
     * even when a file was edited since it was loaded. With {@code read} null the files are read
     * now, which is right only if none changed since the load.
     */
    public static Digest of(final Path file, final List<Scenario> scenarios, final String version,
            final SourceFiles read) throws IOException {
        final Path dir = file.toAbsolutePath().normalize().getParent();
        final TreeSet<String> loaded;
        if (read == null) {
            loaded = loadedFiles(file, scenarios);
        } else {
            loaded = loadedFiles(scenarios);
            for (final Path inc : read.included()) {
                loaded.add(dir.relativize(inc).toString());
            }
        }
        final MessageDigest d = sha256();
        part(d, version.getBytes(StandardCharsets.UTF_8));
        part(d, Code.DIGEST);
        final MessageDigest program = sha256();
        part(program, version.getBytes(StandardCharsets.UTF_8));
        part(program, Code.DIGEST);
        final byte[] scenario = bytes(read, file);
        part(d, scenario);
        final java.util.TreeMap<String, String> files = new java.util.TreeMap<>();
        for (final String name : loaded) {
            final byte[] b = bytes(read, dir.resolve(name));
            part(d, name.getBytes(StandardCharsets.UTF_8));
            part(d, b);
            files.put(name, hex(sha256().digest(b)));
        }
        return new Digest(hex(d.digest()), new InputParts(hex(program.digest()), hex(sha256().digest(scenario)), files,
                file.toString()));
    }

    /** The bytes the load read of {@code p}; a file it did not read (none that decides the results) is read now. */
    private static byte[] bytes(final SourceFiles read, final Path p) throws IOException {
        final byte[] b = read == null ? null : read.get(p);
        return b != null ? b : Files.readAllBytes(p);
    }

    private static String hex(final byte[] digest) {
        return "sha256:" + HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The files {@code scenarios} load (rulesets), as written: relative to the scenario file's folder; sorted. */
    public static TreeSet<String> loadedFiles(final List<Scenario> scenarios) {
        final TreeSet<String> loaded = new TreeSet<>();
        for (final Scenario s : scenarios) {
            for (final FirewallSpec f : s.firewalls().values()) {
                if (f.nftFile() != null) {
                    loaded.add(f.nftFile());
                }
                if (f.iptablesFile() != null) {
                    loaded.add(f.iptablesFile());
                }
            }
        }
        return loaded;
    }

    /**
     * Every file {@code scenarios}, loaded from {@code file}, read: their rulesets and each file an
     * nftables ruleset includes (directly or through another include; those relative to the
     * scenario file's folder too); sorted.
     */
    public static TreeSet<String> loadedFiles(final Path file, final List<Scenario> scenarios) throws IOException {
        final TreeSet<String> loaded = loadedFiles(scenarios);
        final Path dir = file.toAbsolutePath().normalize().getParent();
        final TreeSet<String> nft = new TreeSet<>();
        for (final Scenario s : scenarios) {
            for (final FirewallSpec f : s.firewalls().values()) {
                if (f.nftFile() != null) {
                    nft.add(f.nftFile());
                }
            }
        }
        for (final String name : nft) {
            final Path p = dir.resolve(name);
            final String text = Files.readString(p, StandardCharsets.UTF_8);
            if (text.stripLeading().startsWith("{")) {
                continue; // nft -j JSON: no includes
            }
            try {
                for (final Path inc : NftParser.parse(p.toString(), text).includes()) {
                    loaded.add(dir.relativize(inc.toAbsolutePath().normalize()).toString());
                }
            } catch (final RulesetException e) {
                // Loaded once without errors, so changed since: its own bytes, in the digest, say so.
            }
        }
        return loaded;
    }

    /**
     * ftpsim's own code: a development build keeps its version number while its code changes,
     * and a changed simulator must not resume the numbers of the one before. Computed once.
     */
    private static final class Code {
        static final byte[] DIGEST = digest(List.of(ScenarioInputs.class, dev.ftpsim.core.kernel.SplitMix64.class,
                dev.ftpsim.ftp.agent.FtpSessionRecord.class));
    }

    /** Computes the code's digest now (tens of milliseconds, once): a sweep's warm-up does it on its second core. */
    public static void prepare() {
        if (Code.DIGEST.length == 0) {
            throw new IllegalStateException("a SHA-256 digest has 32 bytes");
        }
    }

    /**
     * A digest of the classes and resources under {@code dev/ftpsim/} (sim-spark's aside: a sweep on
     * Spark resumes the same journal) where {@code classes} were loaded from: a jar's entries by
     * name, CRC-32 and size, read from its central directory, or a folder's files by name and
     * bytes. Rebuilding the same code gives the same digest; a location that cannot be read gives
     * its name only.
     */
    static byte[] digest(final List<Class<?>> classes) {
        final java.util.Set<Path> where = new java.util.LinkedHashSet<>();
        final java.util.TreeMap<String, byte[]> entries = new java.util.TreeMap<>();
        for (final Class<?> c : classes) {
            try {
                final java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
                if (src != null && src.getLocation() != null) {
                    where.add(Path.of(src.getLocation().toURI()));
                }
            } catch (final java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
                entries.put("?" + c.getName(), new byte[0]);
            }
        }
        return digest(where, entries);
    }

    /** The digest of the code in these jars and class folders (see {@link #digest(List)}). */
    static byte[] digest(final java.util.Collection<Path> locations) {
        return digest(locations, new java.util.TreeMap<>());
    }

    private static byte[] digest(final java.util.Collection<Path> locations, final java.util.TreeMap<String, byte[]> entries) {
        for (final Path where : locations) {
            try {
                if (Files.isDirectory(where)) {
                    try (java.util.stream.Stream<Path> all = Files.walk(where)) {
                        for (final Path f : all.filter(Files::isRegularFile).toList()) {
                            final String name = where.relativize(f).toString().replace('\\', '/');
                            if (ours(name)) {
                                entries.put(name, Files.readAllBytes(f));
                            }
                        }
                    }
                } else {
                    try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(where.toFile())) {
                        jar.stream().filter(e -> !e.isDirectory() && ours(e.getName())).forEach(e ->
                                entries.put(e.getName(), java.nio.ByteBuffer.allocate(16).putLong(e.getCrc())
                                        .putLong(e.getSize()).array()));
                    }
                }
            } catch (final IOException | java.io.UncheckedIOException e) {
                entries.put("?" + where, new byte[0]);
            }
        }
        final MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        entries.forEach((name, content) -> {
            part(d, name.getBytes(StandardCharsets.UTF_8));
            part(d, content);
        });
        return d.digest();
    }

    private static boolean ours(final String name) {
        return name.startsWith("dev/ftpsim/") && !name.startsWith("dev/ftpsim/spark/");
    }

    /** Length-prefixed, so that no two different lists of parts give the same bytes. */
    private static void part(final MessageDigest d, final byte[] bytes) {
        final long n = bytes.length;
        for (int i = 7; i >= 0; i--) {
            d.update((byte) (n >>> (8 * i)));
        }
        d.update(bytes);
    }
}
