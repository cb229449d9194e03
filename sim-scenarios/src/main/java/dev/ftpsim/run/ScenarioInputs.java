package dev.ftpsim.run;

import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.Scenario;
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
 * scenario and of each sweep point, and the files an nftables ruleset includes) and the ftpsim
 * version. A sweep keys its journal by it, so an edited file is never
 * resumed with the old numbers.
 */
public final class ScenarioInputs {
    private ScenarioInputs() {}

    /**
     * {@code sha256:<hex>} over the version, the scenario file, then each loaded file (its path as
     * written, then its bytes), in path order.
     */
    public static String sha256(final Path file, final List<Scenario> scenarios, final String version)
            throws IOException {
        final MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        final TreeSet<String> loaded = loadedFiles(file, scenarios);
        part(d, version.getBytes(StandardCharsets.UTF_8));
        part(d, Files.readAllBytes(file));
        final Path dir = file.toAbsolutePath().getParent();
        for (final String name : loaded) {
            part(d, name.getBytes(StandardCharsets.UTF_8));
            part(d, Files.readAllBytes(dir.resolve(name)));
        }
        return "sha256:" + HexFormat.of().formatHex(d.digest());
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

    /** Length-prefixed, so that no two different lists of parts give the same bytes. */
    private static void part(final MessageDigest d, final byte[] bytes) {
        final long n = bytes.length;
        for (int i = 7; i >= 0; i--) {
            d.update((byte) (n >>> (8 * i)));
        }
        d.update(bytes);
    }
}
