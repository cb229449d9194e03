package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same scenario and seed, same output on stdout, whatever the user's locale: a Java {@code %d} or
 * {@code %.2f} without a locale writes Arabic-Indic or Thai digits and decimal commas, so a script
 * that reads "9 points x 5 replications" or a diff against yesterday's output broke under
 * {@code LANG=ar_SA.UTF-8}.
 */
class TheCommandsPrintTheSameInAnyLocaleTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    /** What {@code ftpsim ARGS} printed on stdout with {@code locale} as the JVM's default, wall times left out. */
    private static String printed(final Locale locale, final String... args) {
        final Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            final Cli r = Cli.run(args);
            assertEquals(0, r.exit(), r.err());
            return r.out().replaceAll("in [^ ]+ s of wall time", "in - s of wall time");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static void sameInEveryLocale(final Path tmp, final String... args) {
        final String root = printed(Locale.ROOT, with(args, tmp.resolve("root")));
        for (final Locale l : new Locale[] {Locale.forLanguageTag("ar-SA"), new Locale("th", "TH", "TH"),
            Locale.GERMANY}) {
            assertEquals(root, printed(l, with(args, tmp.resolve(l.toLanguageTag()))).replace(
                    tmp.resolve(l.toLanguageTag()).toString(), tmp.resolve("root").toString()), l.toLanguageTag());
        }
    }

    /** {@code args} with each "OUT" replaced by {@code out}. */
    private static String[] with(final String[] args, final Path out) {
        final String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].replace("OUT", out.toString());
        }
        return a;
    }

    @Test
    void sweep(@TempDir final Path tmp) throws Exception {
        final Path file = Files.writeString(tmp.resolve("s.yaml"), Files.readString(
                EXAMPLES.resolve("passive-stateful-server-fw.yaml")).replace("stop: 300s", "stop: 30s")
                + "sweep:\n  replications: 2\n  vary:\n    ftp.clients[0].mode: [active, passive]\n");
        sameInEveryLocale(tmp, "sweep", file.toString(), "--no-progress", "--threads", "1", "--out", "OUT");
    }

    @Test
    void ladder(@TempDir final Path tmp) {
        sameInEveryLocale(tmp, "ladder", EXAMPLES.resolve("passive-stateful-server-fw.yaml").toString(), "--out", "OUT");
    }

    @Test
    void validate(@TempDir final Path tmp) {
        sameInEveryLocale(tmp, "validate", EXAMPLES.resolve("passive-stateful-server-fw.yaml").toString());
    }

    /**
     * An error names the statement as nft does: under tr_TR, {@code "REDIRECT".toLowerCase()}
     * without a locale is "redırect", with a dotless i.
     */
    @Test
    void anErrorInARuleset(@TempDir final Path tmp) throws Exception {
        Files.writeString(tmp.resolve("r.nft"), "table ip filter {\n  chain forward {\n    type filter hook forward"
                + " priority 0; policy accept;\n    tcp dport 21 redirect to :2121\n  }\n}\n");
        final Path file = Files.writeString(tmp.resolve("s.yaml"), Files.readString(
                EXAMPLES.resolve("passive-stateful-server-fw.yaml")).replaceAll("(?s)firewall:.*?\nftp:",
                "firewall:\n  fw:\n    nft: r.nft\nftp:"));
        final String expected = file + ":18:10: firewall.fw.nft: r.nft:4:18: redirect is only valid in a nat chain"
                + " (type nat)";
        for (final Locale l : new Locale[] {Locale.ROOT, Locale.forLanguageTag("tr-TR")}) {
            final Locale before = Locale.getDefault();
            Locale.setDefault(l);
            try {
                final Cli r = Cli.run("validate", file.toString());
                assertEquals(Main.EXIT_BAD_INPUT, r.exit());
                assertEquals(expected, r.err().strip(), l.toLanguageTag());
            } finally {
                Locale.setDefault(before);
            }
        }
    }

    @Test
    void theMatrix(@TempDir final Path tmp) {
        sameInEveryLocale(tmp, "run", "--threads", "2", "--out", "OUT");
    }
}
